/**
 * The `files_changed` event of a committed step: what the step read of the work dir (a delta: only what
 * changed) against the run's state after its previous commit, kept in memory per run (after a reload, read
 * once from the store). Only the paths under the delta's roots are compared, so a step that changed one file
 * costs one file. Step 0 (the start) has none.
 */
import { WorkdirMirror } from '../changes/workdir-mirror';
import type { AgentEvent } from '../core';
import type { WorkdirDelta, WorkdirSnapshot } from '../core/workdir';
import type { RunStore } from './types';

/** Remembers each run's last committed work dir to tell what the next step changed. */
export class StepChanges {
  readonly #last = new Map<string, WorkdirMirror>();

  /** The event for `step`, or undefined when it changed nothing (or is the first state seen). */
  async after(store: RunStore, runId: string, step: number, read: WorkdirSnapshot | WorkdirDelta): Promise<AgentEvent | undefined> {
    const delta: WorkdirDelta = 'roots' in read ? read : { ...read, roots: [''] };
    let mirror = this.#last.get(runId);
    if (!mirror) {
      const previous = step > 0 ? await store.workdirAt(runId, step - 1) : undefined;
      mirror = new WorkdirMirror(previous);
      this.#last.set(runId, mirror);
      if (!previous) return void mirror.apply(delta);
    }
    const before = mirror.apply(delta);
    const { diffTrees, totalsOf } = await import('../changes');
    const changes = diffTrees({ files: before }, delta);
    return changes.length ? { type: 'files_changed', step, ...totalsOf(changes) } : undefined;
  }

  /** The work dir now holds `snapshot` for the run (a restore), or nothing is known (undefined). */
  reset(runId: string, snapshot?: WorkdirSnapshot): void {
    if (snapshot) this.#last.set(runId, new WorkdirMirror(snapshot));
    else this.#last.delete(runId);
  }
}
