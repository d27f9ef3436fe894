/** Runs and events kept in memory for this tab (the IndexedDB store replaces this behind the same port). */
import type { Run, RunEvent } from '../core';
import type { RunStore } from './types';

/** A RunStore in memory; every read returns copies so callers cannot change what is stored. */
export class MemoryRunStore implements RunStore {
  readonly #runs = new Map<string, Run>();
  readonly #events = new Map<string, RunEvent[]>();

  async put(run: Run): Promise<void> {
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
}
