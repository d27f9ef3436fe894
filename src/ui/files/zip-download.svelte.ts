/**
 * Download zip, checked before the bytes leave (see SecretGate): a file that holds a registered secret (the API
 * key) is named first; names that some extractor would resolve outside its folder are renamed, and the page
 * says which (the zip lists them too).
 */
import type { WorkdirSnapshot } from '../../sandbox/sandbox';
import { RENAMED_NOTE, zipSnapshotReport, type RenamedEntry } from '../../sandbox/zip';
import { filesWithSecrets, redactSnapshot } from '../../sandbox/zip-secrets';
import { SecretGate, type SecretHolder } from './secret-gate.svelte';

/** The state of Download zip: a pending choice, and what the last zip renamed. */
export class ZipDownload extends SecretGate<WorkdirSnapshot> {
  renamed = $state.raw<RenamedEntry[]>([]);
  /** Reads the work dir; offers the zip at once unless a file holds a secret (then waits for `choose`). */
  async start(source: { snapshot(): Promise<WorkdirSnapshot> }, name: string): Promise<void> {
    this.renamed = [];
    this.offer(name, await source.snapshot());
  }

  /** Said beside the button after a zip with renamed entries. */
  get renamedNote(): string {
    if (this.renamed.length === 0) return '';
    const count = this.renamed.length === 1 ? '1 name was' : `${this.renamed.length} names were`;
    return `${count} renamed in the zip so no unzip tool can place a file outside its folder (listed in ${RENAMED_NOTE}).`;
  }

  protected scan(snapshot: WorkdirSnapshot): SecretHolder[] {
    return filesWithSecrets(snapshot, this.secrets);
  }

  protected redact(snapshot: WorkdirSnapshot): WorkdirSnapshot {
    return redactSnapshot(snapshot, this.secrets);
  }

  protected give(name: string, snapshot: WorkdirSnapshot): void {
    const { bytes, renamed } = zipSnapshotReport(snapshot);
    this.renamed = renamed;
    this.deliver({ name, type: 'application/zip', bytes });
  }
}
