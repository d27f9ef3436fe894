/**
 * The page's book of runs: each run as it is now, its events numbered by this tab, written through to the
 * RunStore one write after another (a failed write is told to the page; the run goes on in memory), and told
 * to the listeners.
 */
import { isFinal, type AgentEvent, type HumanRequest, type Run, type RunEvent } from '../core';
import { REBUILDABLE_EXCLUDES } from '../sandbox/rebuildable';
import type { Sandbox, WorkdirDelta } from '../sandbox/sandbox';
import type { RunConfig } from '../store';
import { RunListeners } from './listeners';
import { applyEvent } from './run-state';
import { StepChanges } from './step-changes';
import type { RunStore, StepState } from './types';

/** What a stored step's work dir leaves out: what can be rebuilt (node_modules), read and hashed at every step else. */
export const STORED_EXCLUDES: readonly string[] = REBUILDABLE_EXCLUDES;

/** Events stored as soon as they happen rather than batched. */
const URGENT = new Set<AgentEvent['type']>(['status', 'human_request', 'human_response']);

/** Runs of this page and their stored copies. */
export class RunBook {
  readonly listeners = new RunListeners();
  readonly store: RunStore;
  readonly now: () => number;
  /** Runs of this page, as they are now (the store holds the same, written through). */
  readonly #runs = new Map<string, Run>();
  readonly #seq = new Map<string, number>();
  /** The request each waiting run waits on (a response is read against it). */
  readonly #asked = new Map<string, HumanRequest>();
  /** What each step changed in the work dir, told as a `files_changed` event after its commit. */
  readonly stepChanges = new StepChanges();
  /** Where each run's last commit read the sandbox's work dir: the next commit reads only what changed since. */
  readonly #cursors = new Map<string, string>();
  #writes: Promise<void> = Promise.resolve();

  constructor(store: RunStore, now: () => number) {
    this.store = store;
    this.now = now;
  }

  /** Whether this page holds the run (it created or took it). */
  has(id: string): boolean {
    return this.#runs.has(id);
  }

  /** The run as this page holds it (not a copy: do not change it). */
  get(id: string): Run | undefined {
    return this.#runs.get(id);
  }

  /** A copy of the run, from this page or else from the store. */
  async find(id: string): Promise<Run | undefined> {
    const run = this.#runs.get(id) ?? (await this.store.get(id));
    return run && structuredClone(run);
  }

  /** Every earlier write has landed (or failed and been told). */
  settled(): Promise<void> {
    return this.#writes;
  }

  /** A new run of this page, stored with its config. */
  add(run: Run, config: RunConfig): void {
    this.#runs.set(run.id, run);
    this.persist(run, config);
  }

  /**
   * Claims a stored run (rejects when another tab drives it) and picks up its numbering; returns its config.
   * `asked`: the request it waited on when its page closed, which its next response answers.
   */
  async take(run: Run, asked?: HumanRequest): Promise<RunConfig> {
    await this.store.claim(run.id);
    this.#seq.set(run.id, await this.store.lastSeq(run.id));
    const config = (await this.store.config(run.id)) ?? {};
    // runs stored before the Run carried its step limit get the one they were configured with
    const maxSteps = run.max_steps ?? config.max_steps;
    this.#runs.set(run.id, { ...structuredClone(run), ...(maxSteps !== undefined && { max_steps: maxSteps }) });
    if (asked) this.#asked.set(run.id, asked);
    return config;
  }

  /** Append an event, apply it to the run, store both (the run only when it changed), and tell the listeners. */
  record(id: string, event: AgentEvent): void {
    const seq = (this.#seq.get(id) ?? 0) + 1;
    this.#seq.set(id, seq);
    const at = this.now();
    const stored = { ...structuredClone(event), run_id: id, seq, at } as RunEvent;
    const asked = this.#asked.get(id);
    if (event.type === 'human_request') this.#asked.set(id, event.request);
    if (event.type === 'human_response') this.#asked.delete(id);
    const before = this.#runs.get(id)!;
    const run = applyEvent(before, event, at, asked);
    this.#write(() => this.store.appendEvent(stored));
    // deltas and output leave the run as it was: nothing to store or tell beyond the event itself
    if (run !== before) this.persist(run);
    // a new status or a wait for a person is stored at once, not with the next batch: a reload right after
    // the page showed it must find it
    if (URGENT.has(event.type)) this.#write(() => this.store.flush(id));
    this.listeners.event(stored);
  }

  /** Replace the run (e.g. as it ended), store it and tell the listeners. */
  persist(run: Run, config?: RunConfig): void {
    this.#runs.set(run.id, run);
    if (isFinal(run.status)) {
      this.stepChanges.reset(run.id);
      this.#cursors.delete(run.id);
    }
    const copy = structuredClone(run);
    this.#write(() => this.store.put(copy, config));
    this.listeners.run(run);
  }

  /**
   * Stores a step with the work dir as it is now (but STORED_EXCLUDES), once every earlier write has landed.
   * A sandbox that can tell what changed since the run's last commit (`snapshotSince`) is read only there.
   */
  async commit(id: string, sandbox: Sandbox, state: StepState): Promise<void> {
    await this.#writes;
    try {
      const excludes = [...STORED_EXCLUDES];
      const read = sandbox.snapshotSince ? await sandbox.snapshotSince({ since: this.#cursors.get(id), excludes }) : undefined;
      const delta: WorkdirDelta | undefined = read && { roots: read.roots, files: read.files, dirs: read.dirs };
      const snapshot = delta ? undefined : await sandbox.snapshot({ excludes });
      const workdir = delta ? { delta } : { snapshot };
      const run = structuredClone(this.#runs.get(id));
      await this.store.commitStep(id, { ...state, ...workdir, ...(run && { run }) });
      if (read) this.#cursors.set(id, read.cursor);
      const changed = await this.stepChanges.after(this.store, id, state.step, (delta ?? snapshot)!);
      if (changed) this.record(id, changed);
    } catch (error) {
      this.listeners.storeFailed(error);
    }
  }

  /** Resolves once the run's events so far are stored (before a tool call changes anything). */
  async flush(id: string): Promise<void> {
    await this.#writes;
    await this.store.flush(id).catch((error: unknown) => this.listeners.storeFailed(error));
  }

  /** Resolves when the run reaches a final status. */
  whenFinal(id: string): Promise<void> {
    return new Promise((resolve) => {
      const stop = this.listeners.onRunChange((run) => {
        if (run.id === id && isFinal(run.status)) {
          stop();
          resolve();
        }
      });
    });
  }

  /** Writes go one after another; a failure is told to the page (the run goes on in memory). */
  #write(task: () => Promise<void>): void {
    this.#writes = this.#writes.then(task).catch((error: unknown) => this.listeners.storeFailed(error));
  }
}
