/** Secrets (the API key) never appear in a run's events: every string in an event is scrubbed before it leaves the loop. */
import type { AgentEvent } from '../core/events';
import { MIN_SECRET_LENGTH, scrubSecrets } from '../core/secrets';

/** An emit that scrubs the secrets from every event first; the same emit when there are none. */
export function redactingEmit(emit: (event: AgentEvent) => void, secrets: readonly string[] = []): (event: AgentEvent) => void {
  const real = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  if (real.length === 0) return emit;
  return (event) => emit(scrubSecrets(event, real));
}
