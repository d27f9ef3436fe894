/**
 * The `files_changed` event of a committed step: its work dir against the one the run had after its previous
 * commit (kept in memory per run; after a reload, read once from the store). Step 0 (the start) has none.
 */
import type { AgentEvent } from '../core';
import type { WorkdirSnapshot } from '../sandbox/sandbox';
import type { RunStore } from './types';

/** Remembers each run's last committed work dir to tell what the next step changed. */
export class StepChanges {
  readonly #last = new Map<string, WorkdirSnapshot>();

  /** The event for `step`, or undefined when it changed nothing (or is the first state seen). */
  async after(store: RunStore, runId: string, step: number, snapshot: WorkdirSnapshot): Promise<AgentEvent | undefined> {
    const previous = this.#last.get(runId) ?? (step > 0 ? await store.workdirAt(runId, step - 1) : undefined);
    this.#last.set(runId, snapshot);
    if (!previous) return undefined;
    const { diffTrees, totalsOf } = await import('../changes');
    const changes = diffTrees(previous, snapshot);
    return changes.length ? { type: 'files_changed', step, ...totalsOf(changes) } : undefined;
  }

  /** The work dir now holds `snapshot` for the run (a restore), or nothing is known (undefined). */
  reset(runId: string, snapshot?: WorkdirSnapshot): void {
    if (snapshot) this.#last.set(runId, snapshot);
    else this.#last.delete(runId);
  }
}
