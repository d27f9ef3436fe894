/**
 * A download checked before the bytes leave (Download zip, Download patch): what it would carry is scanned for
 * the page's registered secrets (the API key) and well-known key shapes; when something is found the person
 * chooses to redact it, download as is, or cancel, else it is offered at once.
 */

import type { SecretRegistry } from '../../core/secrets';
import type { DownloadFile } from '../history/history-state.svelte';

/** A file of the download that holds secrets, and their names (e.g. "model API key", "AWS access key"). */
export interface SecretHolder {
  path: string;
  secrets: string[];
  /** A binary file is named but left as it is by Redact (patches say so). */
  binary?: boolean;
}

/** A download waiting for the person's choice about the secrets in it. */
export interface PendingDownload<T> {
  name: string;
  content: T;
  files: SecretHolder[];
}

/** What the person chooses when the download would carry a secret. */
export type SecretChoice = 'redact' | 'as-is' | 'cancel';

/** Scan, then offer or wait for a choice; subclasses say how to scan, redact and give their kind of content. */
export abstract class SecretGate<T> {
  pending = $state.raw<PendingDownload<T> | undefined>(undefined);
  /** The page's secrets, to scan and redact with. */
  protected readonly secrets: SecretRegistry;
  /** Hands a file to the browser as a download. */
  protected readonly deliver: (file: DownloadFile) => void;

  constructor(secrets: SecretRegistry, deliver: (file: DownloadFile) => void) {
    this.secrets = secrets;
    this.deliver = deliver;
  }

  /** The files of `content` that hold a secret, in path order. */
  protected abstract scan(content: T): SecretHolder[];
  /** `content` with every secret replaced by [redacted]. */
  protected abstract redact(content: T): T;
  /** Hands the download to the browser (through `deliver`). */
  protected abstract give(name: string, content: T): void;

  /** Offers `content` at once unless it holds a secret (then waits for `choose`). */
  protected offer(name: string, content: T): void {
    const files = this.scan(content);
    if (files.length > 0) this.pending = { name, content, files };
    else this.give(name, content);
  }

  /** The person's answer to a pending download. */
  choose(choice: SecretChoice): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending || choice === 'cancel') return;
    this.give(pending.name, choice === 'redact' ? this.redact(pending.content) : pending.content);
  }
}
