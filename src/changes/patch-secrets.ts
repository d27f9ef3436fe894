/**
 * Secrets in a patch about to leave the page (Download patch): the same check as Download zip — the page's
 * registered secrets in each changed file's bytes, before and after (a patch carries both sides) — plus the
 * well-known key shapes in their text. And the patch with them redacted.
 */
import { KEY_PATTERNS, REDACTED, type SecretRegistry } from '../core/secrets';

/** A changed file that holds secrets, their names (e.g. "model API key", "OpenAI key"), and whether it is binary. */
export interface PatchSecret {
  path: string;
  secrets: string[];
  binary: boolean;
}

/** What the scan reads of a change. */
export interface ScannedChange {
  path: string;
  binary: boolean;
  before?: Uint8Array;
  after?: Uint8Array;
}

const decoder = new TextDecoder();

/** The changed files whose contents hold a registered secret or a well-known key shape, in path order. */
export function secretsInChanges(changes: readonly ScannedChange[], registry: SecretRegistry): PatchSecret[] {
  const found: PatchSecret[] = [];
  for (const change of changes) {
    const names = new Set<string>();
    for (const side of [change.before, change.after]) {
      if (!side) continue;
      for (const name of registry.registeredInBytes(side)) names.add(name);
      if (!change.binary) for (const finding of registry.find(decoder.decode(side))) names.add(finding.name);
    }
    if (names.size > 0) found.push({ path: change.path, secrets: [...names].sort(), binary: change.binary });
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The patch text with every registered secret and well-known key shape replaced by `[redacted]`. */
export function redactPatch(patch: string, registry: SecretRegistry): string {
  return KEY_PATTERNS.reduce((text, { pattern }) => text.replace(pattern, REDACTED), registry.scrub(patch));
}
