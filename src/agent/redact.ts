/** Secrets (the API key) never appear in a run's events: every string in an event is scrubbed before it leaves the loop. */
import type { AgentEvent } from '../core/events';

/** What a secret is replaced with. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are not scrubbed: they would match ordinary text (and are no real keys). */
const MIN_SECRET_LENGTH = 8;

/** An emit that scrubs the secrets from every event first; the same emit when there are none. */
export function redactingEmit(emit: (event: AgentEvent) => void, secrets: readonly string[] = []): (event: AgentEvent) => void {
  const real = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  if (real.length === 0) return emit;
  return (event) => emit(scrub(event, real) as AgentEvent);
}

/** A copy of the value with every occurrence of each secret replaced; values without one are returned as they are. */
export function scrub(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return secrets.reduce((text, secret) => (text.includes(secret) ? text.replaceAll(secret, REDACTED) : text), value);
  if (Array.isArray(value)) return value.map((item) => scrub(item, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, secrets)]));
  }
  return value;
}
