/**
 * Download patch, checked before the text leaves (see SecretGate): a changed file that holds a registered
 * secret (the API key) or a well-known key shape, before or after the change, is named first.
 */
import { redactPatch, secretsInChanges, type ScannedChange } from '../../changes/patch-secrets';
import { SecretGate, type SecretHolder } from '../files/secret-gate.svelte';

/** The patch and the changes it was made of (what the scan reads). */
interface PatchContent {
  patch: string;
  changes: readonly ScannedChange[];
}

/** The state of Download patch: a pending choice. */
export class PatchDownload extends SecretGate<PatchContent> {
  /** Offers the patch at once unless a changed file holds a secret (then waits for `choose`). */
  start(name: string, patch: string, changes: readonly ScannedChange[]): void {
    this.offer(name, { patch, changes });
  }

  protected scan({ changes }: PatchContent): SecretHolder[] {
    return secretsInChanges(changes, this.secrets);
  }

  protected redact(content: PatchContent): PatchContent {
    return { ...content, patch: redactPatch(content.patch, this.secrets) };
  }

  protected give(name: string, { patch }: PatchContent): void {
    this.deliver({ name, type: 'text/x-diff', bytes: new TextEncoder().encode(patch) });
  }
}
