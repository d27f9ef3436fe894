/** Rune state of the run history for the UI: a list replaced whole on each refresh, and storage figures. */
import type { Run } from '../core';
import type { HistoryStore, StorageFigures } from './history';

/** The "Run history" list and storage usage, refreshed from the store. */
export class RunHistory {
  runs = $state.raw<Run[]>([]);
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
      const [runs, usage] = await Promise.all([this.#store.listRuns(), this.#store.estimate()]);
      this.runs = runs;
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

  /** Frees space by keeping only the newest work-dir states of each run. */
  async prune(keepLatestPerRun = 1): Promise<void> {
    await this.#attempt(() => this.#store.pruneWorkdirStates({ keepLatestPerRun }));
    await this.refresh();
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
