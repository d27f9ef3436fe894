/** Secrets in a work dir about to leave as a zip: which files hold one, and a copy with them redacted. */
import type { SecretRegistry } from '../core/secrets';
import type { WorkdirSnapshot } from './sandbox';

/** A file that holds registered secrets, and their names (e.g. "model API key"). */
export interface SecretFile {
  path: string;
  secrets: string[];
}

/** The files of the snapshot that hold a registered secret, in path order. */
export function filesWithSecrets(snapshot: WorkdirSnapshot, registry: SecretRegistry): SecretFile[] {
  return snapshot.files
    .map((file) => ({ path: file.path, secrets: registry.registeredInBytes(file.data) }))
    .filter((found) => found.secrets.length > 0);
}

/** The snapshot with every registered secret replaced in its files (text: `[redacted]`; binary: `*`s). */
export function redactSnapshot(snapshot: WorkdirSnapshot, registry: SecretRegistry): WorkdirSnapshot {
  return { ...snapshot, files: snapshot.files.map((file) => ({ ...file, data: registry.scrubBytes(file.data) })) };
}
