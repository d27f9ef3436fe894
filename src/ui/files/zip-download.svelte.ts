/**
 * Download zip, checked before the bytes leave: a file that holds a registered secret (the API key) is named
 * and the person chooses to redact it, download as is, or cancel; names that some extractor would resolve
 * outside its folder are renamed, and the page says which (the zip lists them too).
 */
import type { SecretRegistry } from '../../core/secrets';
import type { WorkdirSnapshot } from '../../sandbox/sandbox';
import { RENAMED_NOTE, zipSnapshotReport, type RenamedEntry } from '../../sandbox/zip';
import { filesWithSecrets, redactSnapshot, type SecretFile } from '../../sandbox/zip-secrets';
import type { DownloadFile } from '../history/history-state.svelte';

/** A download waiting for the person's choice about the secrets in it. */
interface Pending {
  name: string;
  snapshot: WorkdirSnapshot;
  files: SecretFile[];
}

/** What the person chooses when the zip would hold a secret. */
export type SecretChoice = 'redact' | 'as-is' | 'cancel';

/** The state of Download zip: a pending choice, and what the last zip renamed. */
export class ZipDownload {
  pending = $state.raw<Pending | undefined>(undefined);
  renamed = $state.raw<RenamedEntry[]>([]);
  readonly #secrets: SecretRegistry;
  readonly #offer: (file: DownloadFile) => void;

  constructor(secrets: SecretRegistry, offer: (file: DownloadFile) => void) {
    this.#secrets = secrets;
    this.#offer = offer;
  }

  /** Reads the work dir; offers the zip at once unless a file holds a secret (then waits for `choose`). */
  async start(source: { snapshot(): Promise<WorkdirSnapshot> }, name: string): Promise<void> {
    this.renamed = [];
    const snapshot = await source.snapshot();
    const files = filesWithSecrets(snapshot, this.#secrets);
    if (files.length > 0) this.pending = { name, snapshot, files };
    else this.#zip(name, snapshot);
  }

  /** The person's answer to a pending download. */
  choose(choice: SecretChoice): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending || choice === 'cancel') return;
    this.#zip(pending.name, choice === 'redact' ? redactSnapshot(pending.snapshot, this.#secrets) : pending.snapshot);
  }

  /** Said beside the button after a zip with renamed entries. */
  get renamedNote(): string {
    if (this.renamed.length === 0) return '';
    const count = this.renamed.length === 1 ? '1 name was' : `${this.renamed.length} names were`;
    return `${count} renamed in the zip so no unzip tool can place a file outside its folder (listed in ${RENAMED_NOTE}).`;
  }

  #zip(name: string, snapshot: WorkdirSnapshot): void {
    const { bytes, renamed } = zipSnapshotReport(snapshot);
    this.renamed = renamed;
    this.#offer({ name, type: 'application/zip', bytes });
  }
}
