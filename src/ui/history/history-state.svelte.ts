/**
 * The run history as the page shows it: the list (newest first: RunList, the store read once and each change
 * applied), damaged records and storage figures (store/RunHistory), what went wrong with storage, and the
 * person's actions on stored runs — export, import, delete, free space.
 */
import type { Agents } from '../../api/types';
import { isFinal, type Run } from '../../core';
import { RunList } from '../runs/run-list.svelte';
import { SecretRegistry } from '../../core/secrets';
import { exportRun, readTrajectoryFile, StorageFullError, storeTrajectory, type HistoryStore, type ImportProgress } from '../../store';
import { RunHistory } from '../../store/run-history.svelte';

const NAMES_KEY = 'run-names';

/** A file the page offers as a download. */
export interface DownloadFile {
  name: string;
  type: string;
  bytes: Uint8Array | string;
}

/** Hands a file to the browser as a download. */
export function download(file: DownloadFile): void {
  const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: file.name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What the history panel reads and does. Without a store (IndexedDB refused) it says why and lists nothing. */
export class HistoryState {
  /** What the store holds besides the runs: damaged records, storage figures, its last error. */
  readonly list: RunHistory | undefined;
  /** The runs, newest first, as they are now. */
  readonly runs = new RunList();
  /** Storage trouble the person should know about (a full disk, another tab upgraded the database …). */
  problem = $state('');
  /** The last storage problem was a full disk: offer to free space. */
  full = $state(false);
  /** The browser agreed to keep the history under storage pressure; undefined when not asked or unknown. */
  persisted = $state<boolean | undefined>(undefined);
  /** The person's names for runs, by id (kept with the history). */
  names = $state.raw<Readonly<Record<string, string>>>({});
  /** The history shows the thread of follow-ups of this run, not every run. */
  thread = $state<string | null>(null);
  /** Where a run import is, while one goes on. */
  importing = $state.raw<ImportProgress | undefined>(undefined);
  readonly #store: HistoryStore | undefined;
  readonly #agents: Agents;
  readonly #secrets: SecretRegistry;
  /** Runs seen ending on this page (each ending re-reads the storage figures once). */
  readonly #ended = new Set<string>();

  constructor(store: HistoryStore | undefined, agents: Agents, unavailable = '', secrets = new SecretRegistry()) {
    this.#store = store;
    this.#secrets = secrets;
    this.#agents = agents;
    this.list = store && new RunHistory(store);
    this.problem = unavailable;
    agents.onRunChange((run) => this.#changed(run));
    agents.onStoreError((error) => this.report(error));
    void this.#reload();
    void this.#store?.getSetting<Record<string, string>>(NAMES_KEY).then(
      (names) => (this.names = { ...(names ?? {}), ...this.names }),
      () => {},
    );
  }

  /** Names the run (an empty name gives it back its task as its name). */
  async rename(id: string, name: string): Promise<void> {
    const others = Object.fromEntries(Object.entries(this.names).filter(([key]) => key !== id));
    const trimmed = name.trim().slice(0, 200);
    this.names = trimmed ? { ...others, [id]: trimmed } : others;
    await this.#store?.setSetting(NAMES_KEY, this.names);
  }

  /** Reads the store again: the runs, damaged records and storage figures. */
  async #reload(): Promise<void> {
    await this.list?.refresh();
    if (this.list && !this.list.error) this.runs.setStored(this.list.runs);
  }

  /** A storage failure, said plainly; a full disk also offers to free space. */
  report(error: Error): void {
    this.full = error instanceof StorageFullError;
    this.problem = this.full
      ? 'Browser storage is full: the latest step was not saved (earlier history is intact). Free space by ' +
        'removing old work-dir states or deleting runs; the run goes on in this tab meanwhile.'
      : `The run history could not be saved: ${error.message}`;
  }

  /** Asks the browser to keep the history (once per page). */
  async askPersistent(): Promise<void> {
    try {
      this.persisted = await this.#store?.requestPersistent();
    } catch (error) {
      this.persisted = false;
      this.problem = `Could not ask the browser to keep the history: ${(error as Error).message}`;
    }
  }

  /** The run as a trajectory JSON download, scrubbed of the page's secrets (the API key). */
  async exportRun(id: string): Promise<void> {
    const trajectory = this.#store && (await exportRun(this.#store, id, Date.now(), { secrets: this.#secrets, name: this.names[id] }));
    if (!trajectory) throw new Error(`Run ${id} is not in the history.`);
    download({ name: `autopilot-run-${id}.json`, type: 'application/json', bytes: JSON.stringify(trajectory, null, 1) });
  }

  /**
   * Imports a trajectory file (read with progress, checked off the page's thread); resolves with the new run's
   * id, or throws saying what is wrong with the file.
   */
  async importRun(file: Blob): Promise<string> {
    if (!this.#store) throw new Error('The run history is not available on this page.');
    let result;
    let name: string | undefined;
    try {
      const trajectory = await readTrajectoryFile(file, (progress) => (this.importing = progress));
      if (typeof trajectory === 'string') throw new Error(trajectory);
      name = trajectory.name;
      this.importing = { phase: 'saving' };
      result = await storeTrajectory(this.#store, trajectory);
    } finally {
      this.importing = undefined;
    }
    if (!result.ok) throw new Error(result.error);
    if (name) await this.rename(result.id, name);
    await this.#reload();
    return result.id;
  }

  async deleteRun(id: string): Promise<void> {
    await this.list?.delete(id);
    if (!this.list?.error) this.runs.remove(id);
    if (this.names[id]) await this.rename(id, '');
    this.#freed(!this.list?.error);
  }

  async deleteAll(): Promise<void> {
    await this.list?.deleteAll();
    if (!this.list?.error) this.runs.clear((run: Run) => !isFinal(run.status) && run.status !== 'interrupted');
    this.thread = null;
    this.#freed(!this.list?.error);
  }

  /** Keeps only each run's newest work-dir state; the full-storage warning stays unless something was removed. */
  async freeSpace(): Promise<void> {
    const freed = await this.list?.prune(1);
    if (this.list?.error || !freed) return;
    if (freed.states + freed.blobs > 0) this.#freed(true);
    else if (this.full) {
      this.problem =
        'Browser storage is still full: every run already keeps only its newest work-dir state, so pruning ' +
        'freed nothing. Delete runs you no longer need (or export them first).';
    }
  }

  /** Space was freed: a full-storage warning no longer holds. */
  #freed(really: boolean): void {
    if (!really || !this.full) return;
    this.full = false;
    this.problem = '';
  }

  /** A run changed: its row follows at once; when it ends, the storage figures are read again (once). */
  /** Runs of another Agents API on this page (a model check's tasks) show here as this page's own do. */
  follow(agents: Agents): () => void {
    return agents.onRunChange((run) => this.#changed(run, agents));
  }

  #changed(run: Run, agents: Agents = this.#agents): void {
    this.runs.change(run);
    if (!isFinal(run.status) || this.#ended.has(run.id)) return;
    this.#ended.add(run.id);
    // the API's list() waits for its writes so far: the figures then count the run's last step
    void agents.list().then(
      () => this.list?.refresh(),
      (error: unknown) => this.report(error instanceof Error ? error : new Error(String(error))),
    );
  }
}
