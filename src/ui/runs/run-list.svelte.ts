/**
 * The run list the history panel reads: the runs as last read from the store, with each change the Agents API
 * announces applied on top (a run's live copy wins over its stored one). One read of the store when the page
 * opens and after imports and deletions; one update per change, never a timed re-read — so a row shows a
 * run's status at the same moment as the status region does.
 */
import type { Run } from '../../core';

/** Newest first, replaced whole on each change (`$state.raw`). */
export class RunList {
  runs = $state.raw<Run[]>([]);
  /** Live copies announced since the page opened, by id. */
  readonly #live = new Map<string, Run>();
  #stored: readonly Run[] = [];

  /** The runs as the store holds them now (a fresh read). */
  setStored(runs: readonly Run[]): void {
    this.#stored = runs;
    this.runs = merged(runs, this.#live);
  }

  /** A run changed (created, stepped, ended): its row follows at once. */
  change(run: Run): void {
    this.#live.set(run.id, run);
    const at = this.runs.findIndex((known) => known.id === run.id);
    if (at >= 0 && this.runs[at].created_at === run.created_at) {
      const next = this.runs.slice();
      next[at] = run;
      this.runs = next;
      return;
    }
    this.runs = merged(this.#stored, this.#live);
  }

  /** A run was deleted. */
  remove(id: string): void {
    this.#live.delete(id);
    this.#stored = this.#stored.filter((run) => run.id !== id);
    this.runs = this.runs.filter((run) => run.id !== id);
  }

  /** Every stored run was deleted (live copies of runs still going stay). */
  clear(keep: (run: Run) => boolean): void {
    for (const [id, run] of this.#live) if (!keep(run)) this.#live.delete(id);
    this.setStored([]);
  }

  find(id: string): Run | undefined {
    return this.runs.find((run) => run.id === id);
  }
}

function merged(stored: readonly Run[], live: ReadonlyMap<string, Run>): Run[] {
  const byId = new Map(stored.map((run) => [run.id, run]));
  for (const [id, run] of live) {
    const kept = byId.get(id);
    if (!kept || kept.updated_at <= run.updated_at) byId.set(id, run);
  }
  return [...byId.values()].sort((a, b) => b.created_at - a.created_at);
}
