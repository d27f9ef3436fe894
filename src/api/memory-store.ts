/** Runs kept in memory for this tab: the fallback when IndexedDB cannot be opened, and a store for tests. */
import type { Checkpoint, ResumePoint, Run, RunConfig, RunEvent, RunStore, StepCommit, WorkdirSnapshot } from '../core';
import { applyDelta } from '../core/workdir';

/** A RunStore in memory; every read returns copies so callers cannot change what is stored. */
export class MemoryRunStore implements RunStore {
  readonly #runs = new Map<string, Run>();
  readonly #configs = new Map<string, RunConfig>();
  readonly #events = new Map<string, RunEvent[]>();
  readonly #checkpoints = new Map<string, Checkpoint[]>();
  readonly #workdirs = new Map<string, { step: number; snapshot: WorkdirSnapshot }[]>();

  async put(run: Run, config?: RunConfig): Promise<void> {
    if (!this.#configs.has(run.id)) this.#configs.set(run.id, structuredClone(config ?? {}));
    this.#runs.set(run.id, structuredClone(run));
  }

  async get(id: string): Promise<Run | undefined> {
    const run = this.#runs.get(id);
    return run && structuredClone(run);
  }

  async list(): Promise<Run[]> {
    const runs = [...this.#runs.values()].map((run) => structuredClone(run));
    // newest first; runs created in the same millisecond keep their creation order reversed
    return runs.reverse().sort((a, b) => b.created_at - a.created_at);
  }

  async appendEvent(event: RunEvent): Promise<void> {
    const list = this.#events.get(event.run_id) ?? [];
    list.push(structuredClone(event));
    this.#events.set(event.run_id, list);
  }

  async events(runId: string): Promise<RunEvent[]> {
    return structuredClone(this.#events.get(runId) ?? []);
  }

  async lastSeq(runId: string): Promise<number> {
    return this.#events.get(runId)?.at(-1)?.seq ?? 0;
  }

  async claim(): Promise<void> {}

  async commitStep(runId: string, commit: StepCommit): Promise<void> {
    if (commit.run) await this.put(commit.run);
    if (commit.messages) {
      const messages = structuredClone([...commit.messages]);
      const active = commit.active_ms !== undefined && { active_ms: commit.active_ms };
      const kept = this.#checkpoints.get(runId) ?? [];
      kept.push({ run_id: runId, step: commit.step, at: Date.now(), usage: commit.usage, ...active, messages });
      this.#checkpoints.set(runId, kept);
    }
    if (commit.snapshot || commit.delta) {
      const states = this.#workdirs.get(runId) ?? [];
      const previous = states.at(-1)?.snapshot ?? { files: [], dirs: [] };
      const snapshot = commit.delta ? applyDelta(previous, commit.delta) : commit.snapshot!;
      states.push({ step: commit.step, snapshot: structuredClone(snapshot) });
      this.#workdirs.set(runId, states);
    }
  }

  async flush(): Promise<void> {}

  async config(runId: string): Promise<RunConfig | undefined> {
    return structuredClone(this.#configs.get(runId));
  }

  /** The last checkpoint only: runs in memory do not outlive the page, so there is never a step to pick up. */
  async resumePoint(runId: string): Promise<ResumePoint> {
    const checkpoint = this.#checkpoints.get(runId)?.at(-1);
    return checkpoint ? { checkpoint: structuredClone(checkpoint) } : {};
  }

  async workdirAt(runId: string, step = Infinity): Promise<WorkdirSnapshot | undefined> {
    const state = (this.#workdirs.get(runId) ?? []).filter((kept) => kept.step <= step).at(-1);
    return state && structuredClone(state.snapshot);
  }

  async lastStep(runId: string): Promise<number> {
    const steps = [...(this.#checkpoints.get(runId) ?? []), ...(this.#workdirs.get(runId) ?? [])].map((kept) => kept.step);
    return Math.max(-1, ...steps);
  }

  async checkpointAt(runId: string, step: number): Promise<Checkpoint | undefined> {
    const checkpoint = (this.#checkpoints.get(runId) ?? []).filter((kept) => kept.step <= step).at(-1);
    return checkpoint && structuredClone(checkpoint);
  }
}
