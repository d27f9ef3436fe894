/** Rune state of the run history for the UI: a list replaced whole on each refresh, and storage figures. */
import type { Run } from '../core';
import type { DamagedRun, HistoryStore, StorageFigures } from './history';

/** The "Run history" list and storage usage, refreshed from the store. */
export class RunHistory {
  runs = $state.raw<Run[]>([]);
  /** Stored records that are not sound runs: shown apart, with Delete, never hiding the others. */
  damaged = $state.raw<DamagedRun[]>([]);
  usage = $state.raw<StorageFigures | undefined>(undefined);
  /** What went wrong on the last refresh or change, for the person to read. */
  error = $state.raw<string | undefined>(undefined);
  #store: HistoryStore;

  constructor(store: HistoryStore) {
    this.#store = store;
  }

  /** Reloads the list (newest first) and the storage figures. */
  async refresh(): Promise<void> {
    await this.#attempt(async () => {
      const [entries, usage] = await Promise.all([this.#store.listEntries(), this.#store.estimate()]);
      this.runs = entries.runs;
      this.damaged = entries.damaged;
      this.usage = usage;
    });
  }

  async delete(id: string): Promise<void> {
    await this.#attempt(() => this.#store.deleteRun(id));
    await this.refresh();
  }

  async deleteAll(): Promise<void> {
    await this.#attempt(() => this.#store.deleteAllRuns());
    await this.refresh();
  }

  /** Frees space by keeping only the newest work-dir states of each run; resolves with what was removed. */
  async prune(keepLatestPerRun = 1): Promise<{ states: number; blobs: number }> {
    let freed = { states: 0, blobs: 0 };
    await this.#attempt(async () => (freed = await this.#store.pruneWorkdirStates({ keepLatestPerRun })));
    await this.refresh();
    return freed;
  }

  async #attempt(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
      this.error = undefined;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }
}
