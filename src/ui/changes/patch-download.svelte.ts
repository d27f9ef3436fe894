/**
 * Download patch, checked before the text leaves: a changed file that holds a registered secret (the API key)
 * or a well-known key shape is named, and the person chooses to redact, download as is, or cancel — as
 * Download zip does for the work dir.
 */
import { redactPatch, secretsInChanges, type PatchSecret, type ScannedChange } from '../../changes/patch-secrets';
import type { SecretRegistry } from '../../core/secrets';
import type { DownloadFile } from '../history/history-state.svelte';

/** A patch waiting for the person's choice about the secrets in it. */
interface Pending {
  name: string;
  patch: string;
  files: PatchSecret[];
}

/** What the person chooses when the patch would carry a secret. */
export type PatchChoice = 'redact' | 'as-is' | 'cancel';

/** The state of Download patch: a pending choice. */
export class PatchDownload {
  pending = $state.raw<Pending | undefined>(undefined);
  readonly #secrets: SecretRegistry;
  readonly #offer: (file: DownloadFile) => void;

  constructor(secrets: SecretRegistry, offer: (file: DownloadFile) => void) {
    this.#secrets = secrets;
    this.#offer = offer;
  }

  /** Offers the patch at once unless a changed file holds a secret (then waits for `choose`). */
  start(name: string, patch: string, changes: readonly ScannedChange[]): void {
    const files = secretsInChanges(changes, this.#secrets);
    if (files.length > 0) this.pending = { name, patch, files };
    else this.#give(name, patch);
  }

  /** The person's answer to a pending download. */
  choose(choice: PatchChoice): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending || choice === 'cancel') return;
    this.#give(pending.name, choice === 'redact' ? redactPatch(pending.patch, this.#secrets) : pending.patch);
  }

  #give(name: string, patch: string): void {
    this.#offer({ name, type: 'text/x-diff', bytes: new TextEncoder().encode(patch) });
  }
}
