/**
 * The in-page Agents API: runs are created at once, queue until the sandbox is ready and free, and one run at a
 * time drives the sandbox. A run's state follows its events; both live in the RunStore (IndexedDB on the page),
 * with each step committed before the next model request, so a run can be resumed after a reload.
 */
import {
  isFinal,
  type AgentEvent,
  type ExecuteParams,
  type HumanAnswer,
  type HumanRequest,
  type Run,
  type RunEvent,
} from '../core';
import type { Sandbox, WorkdirSnapshot } from '../sandbox/sandbox';
import type { RunConfig } from '../store';
import { checkAnswer, checkExecuteParams } from './validate';
import { RunListeners } from './listeners';
import { applyEvent, applyOutcome, newRun } from './run-state';
import {
  configOf,
  jobOf,
  paramsOf,
  prepareFollowUp,
  prepareResume,
  stopProcesses,
  untilAborted,
  writeExecuteFiles,
  type Prepared,
  type RunStart,
} from './run-setup';
import type { Agents, DriverHooks, DriverOutcome, RunDefaults, RunDriver, RunJob, RunStore, StepState } from './types';

/** What the API is built from. */
export interface AgentsDeps {
  store: RunStore;
  driver: RunDriver;
  /** Resolves once the sandbox has booted (runs queue until then). */
  sandbox: Promise<Sandbox>;
  /** The settings a run takes when `execute` does not say (read when the run starts). */
  defaults: () => RunDefaults;
  now?: () => number;
  newId?: () => string;
}

interface Pending {
  resolve(answer: HumanAnswer): void;
}

interface Active {
  id: string;
  controller: AbortController;
  pending?: Pending;
}

type Listener = (event: RunEvent) => void;

/** Build the API over a store, a driver and a sandbox. */
export function createAgents(deps: AgentsDeps): Agents {
  return new AgentsService(deps);
}

class AgentsService implements Agents {
  readonly #deps: AgentsDeps;
  readonly #now: () => number;
  readonly #newId: () => string;
  /** Runs of this page, as they are now (the store holds the same, written through). */
  readonly #runs = new Map<string, Run>();
  readonly #params = new Map<string, ExecuteParams>();
  readonly #seq = new Map<string, number>();
  readonly #listeners = new RunListeners();
  readonly #maxSteps = new Map<string, number>();
  readonly #starts = new Map<string, RunStart>();
  readonly #queue: string[] = [];
  #active: Active | undefined;
  #writes: Promise<void> = Promise.resolve();
  #workdirRunId: string | undefined;

  constructor(deps: AgentsDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#newId = deps.newId ?? (() => `run_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`);
  }

  async execute(params: ExecuteParams): Promise<Run> {
    return this.#create(params, { kind: 'fresh' });
  }

  async followUp(parentId: string, params: ExecuteParams): Promise<Run> {
    const parent = await this.retrieve(parentId);
    if (!isFinal(parent.status)) throw new Error(`Run "${parentId}" has not ended (it is ${parent.status}): follow up once it has.`);
    return this.#create(params, { kind: 'follow_up', parent_id: parentId });
  }

  async #create(params: ExecuteParams, start: RunStart): Promise<Run> {
    checkExecuteParams(params);
    const created = newRun(this.#newId(), params, this.#now());
    const run = start.kind === 'follow_up' ? { ...created, parent_id: start.parent_id } : created;
    this.#runs.set(run.id, run);
    this.#params.set(run.id, params);
    this.#starts.set(run.id, start);
    this.#persist(run, configOf(params, this.#deps.defaults()));
    this.#record(run.id, { type: 'status', status: 'queued' });
    this.#queue.push(run.id);
    void this.#pump();
    return structuredClone(this.#runs.get(run.id)!);
  }

  async resume(id: string): Promise<Run> {
    const run = await this.retrieve(id);
    if (this.#active?.id === id || this.#queue.includes(id)) return run;
    if (run.status !== 'interrupted') {
      throw new Error(`Run "${id}" cannot be resumed: it is ${run.status}, and only interrupted runs can be.`);
    }
    return this.#adopt(run, { kind: 'resume' });
  }

  /** Takes a stored run for this tab (its lock, its event numbering) and queues it to go on. */
  async #adopt(run: Run, start: RunStart, raised: Partial<ExecuteParams> = {}): Promise<Run> {
    const config = await this.#take(run);
    this.#params.set(run.id, { ...paramsOf(run, config), ...raised });
    this.#starts.set(run.id, start);
    this.#record(run.id, { type: 'status', status: 'queued' });
    this.#queue.push(run.id);
    void this.#pump();
    return this.retrieve(run.id);
  }

  /** Claims a stored run (rejects when another tab drives it) and picks up its numbering; returns its config. */
  async #take(run: Run): Promise<RunConfig> {
    await this.#deps.store.claim(run.id);
    this.#seq.set(run.id, await this.#deps.store.lastSeq(run.id));
    this.#runs.set(run.id, structuredClone(run));
    return (await this.#deps.store.config(run.id)) ?? {};
  }

  async retrieve(id: string): Promise<Run> {
    const run = this.#runs.get(id) ?? (await this.#deps.store.get(id));
    if (!run) throw new Error(`No run with id "${id}": list() shows the runs there are.`);
    return structuredClone(run);
  }

  async list(): Promise<Run[]> {
    await this.#writes;
    return this.#deps.store.list();
  }

  async cancel(id: string): Promise<Run> {
    const run = await this.retrieve(id);
    if (isFinal(run.status)) return run;
    if (this.#active?.id !== id && !this.#queue.includes(id) && !this.#runs.has(id)) {
      // a run a closed page left (interrupted, or waiting for a person): end it here
      await this.#take(run);
      this.#record(id, { type: 'status', status: 'cancelled' });
      return this.retrieve(id);
    }
    const queued = this.#queue.indexOf(id);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      this.#record(id, { type: 'status', status: 'cancelled' });
      return this.retrieve(id);
    }
    if (this.#active?.id === id) {
      const ended = this.#whenFinal(id);
      this.#active.controller.abort();
      await ended;
    }
    return this.retrieve(id);
  }

  async respond(id: string, answer: HumanAnswer): Promise<Run> {
    checkAnswer(answer);
    const run = await this.retrieve(id);
    const pending = this.#active?.id === id ? this.#active.pending : undefined;
    if (!pending && run.status === 'awaiting_human' && !this.#runs.has(id)) return this.#answerLate(run, answer);
    if (!pending) throw new Error(`Run "${id}" is not waiting for a person (its status is ${run.status}).`);
    this.#active!.pending = undefined;
    pending.resolve(answer);
    return this.retrieve(id);
  }

  subscribe(id: string, onEvent: Listener): () => void {
    return this.#listeners.subscribe(id, onEvent, async () => {
      await this.#writes;
      return this.#deps.store.events(id);
    });
  }

  /** A run that waited for a person when its page closed: the answer goes with it as it resumes. */
  async #answerLate(run: Run, answer: HumanAnswer): Promise<Run> {
    const events = await this.#deps.store.events(run.id);
    const asked = events.findLast((event) => event.type === 'human_request');
    if (asked?.type !== 'human_request') throw new Error(`Run "${run.id}" waits for a person but its question was not stored.`);
    const raise = asked.request.kind === 'raise' && 'raise' in answer ? answer.raise : {};
    return this.#adopt(run, { kind: 'resume', late: { request: asked.request, answer } }, raise);
  }

  workdirRunId(): string | undefined {
    return this.#workdirRunId;
  }

  workdirOf(id: string): Promise<WorkdirSnapshot | undefined> {
    return this.#deps.store.workdirAt(id);
  }

  onStoreError(listener: (error: Error) => void): () => void {
    return this.#listeners.onStoreError(listener);
  }

  onRunChange(listener: (run: Run) => void): () => void {
    return this.#listeners.onRunChange(listener);
  }

  onEvent(listener: Listener): () => void {
    return this.#listeners.onEvent(listener);
  }

  maxStepsOf(id: string): number | undefined {
    return this.#maxSteps.get(id);
  }

  /** Append an event, apply it to the run, store both, and tell the listeners. */
  #record(id: string, event: AgentEvent): void {
    const seq = (this.#seq.get(id) ?? 0) + 1;
    this.#seq.set(id, seq);
    const at = this.#now();
    const stored = { ...structuredClone(event), run_id: id, seq, at } as RunEvent;
    const run = applyEvent(this.#runs.get(id)!, event, at);
    this.#runs.set(id, run);
    this.#write(() => this.#deps.store.appendEvent(stored));
    this.#persist(run);
    this.#listeners.event(stored);
  }

  #persist(run: Run, config?: RunConfig): void {
    const copy = structuredClone(run);
    this.#write(() => this.#deps.store.put(copy, config));
    this.#listeners.run(run);
  }

  /** Writes go one after another; a failure is told to the page (the run goes on in memory). */
  #write(task: () => Promise<void>): void {
    this.#writes = this.#writes.then(task).catch((error: unknown) => this.#storeFailed(error));
  }

  #storeFailed(error: unknown): void {
    this.#listeners.storeFailed(error);
  }

  /** Stores a step with the work dir as it is now, once every earlier write has landed. */
  async #commit(id: string, sandbox: Sandbox, state: StepState): Promise<void> {
    await this.#writes;
    try {
      const snapshot = await sandbox.snapshot();
      const run = structuredClone(this.#runs.get(id));
      await this.#deps.store.commitStep(id, { ...state, snapshot, ...(run && { run }) });
    } catch (error) {
      this.#storeFailed(error);
    }
  }

  /** Resolves once the run's events so far are stored (before a tool call changes anything). */
  async #flush(id: string): Promise<void> {
    await this.#writes;
    await this.#deps.store.flush(id).catch((error: unknown) => this.#storeFailed(error));
  }

  #whenFinal(id: string): Promise<void> {
    return new Promise((resolve) => {
      const stop = this.onRunChange((run) => {
        if (run.id === id && isFinal(run.status)) {
          stop();
          resolve();
        }
      });
    });
  }

  /** Start the next queued run when none is running. */
  async #pump(): Promise<void> {
    if (this.#active || this.#queue.length === 0) return;
    const id = this.#queue.shift()!;
    const active: Active = { id, controller: new AbortController() };
    this.#active = active;
    try {
      const sandbox = await untilAborted(this.#deps.sandbox, active.controller.signal);
      if (!sandbox) return this.#end(id, { status: 'cancelled' });
      const outcome = await this.#drive(active, sandbox);
      if (outcome.status === 'cancelled') {
        const failure = await stopProcesses(sandbox);
        if (failure) this.#record(id, failure);
      }
      this.#end(id, outcome);
    } catch (error) {
      const message = `The sandbox failed: ${(error as Error).message}. Reload the page to start a new one.`;
      this.#end(id, { status: 'failed', reason: 'sandbox_error', error: { code: 'sandbox_error', message } });
    } finally {
      this.#active = undefined;
      void this.#pump();
    }
  }

  async #drive(active: Active, sandbox: Sandbox): Promise<DriverOutcome> {
    const { id, controller } = active;
    const params = this.#params.get(id)!;
    this.#record(id, { type: 'status', status: 'in_progress' });
    const prepared = await this.#prepare(id, sandbox, params, controller.signal);
    this.#workdirRunId = id;
    if ('outcome' in prepared) return prepared.outcome;
    for (const event of prepared.events) this.#record(id, event);
    const hooks: DriverHooks = {
      emit: (event: AgentEvent) => this.#record(id, event),
      ask: (request: HumanRequest, signal: AbortSignal) => this.#ask(active, request, signal),
      commit: (state) => this.#commit(id, sandbox, state),
      flush: () => this.#flush(id),
    };
    return this.#deps.driver.run({ ...this.#job(id, params), ...prepared.job }, hooks, controller.signal);
  }

  /** Files, work dir and conversation the run starts with. */
  async #prepare(id: string, sandbox: Sandbox, params: ExecuteParams, signal: AbortSignal): Promise<Prepared> {
    const start = this.#starts.get(id) ?? { kind: 'fresh' };
    const deps = {
      store: this.#deps.store,
      sandbox,
      workdirRunId: this.#workdirRunId,
      commit: (step: number, messages: unknown[], usage: Run['usage']) => this.#commit(id, sandbox, { step, messages, usage }),
    };
    if (start.kind === 'follow_up') return prepareFollowUp(deps, start.parent_id, params.instructions);
    if (start.kind === 'resume') return prepareResume(deps, this.#runs.get(id)!, start.late);
    if (params.files && Object.keys(params.files).length > 0) return writeExecuteFiles(sandbox, params.files, signal);
    return { job: {}, events: [] };
  }

  #ask(active: Active, _request: HumanRequest, signal: AbortSignal): Promise<HumanAnswer> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      active.pending = { resolve };
      if (this.#runs.get(active.id)?.status !== 'awaiting_human') {
        this.#record(active.id, { type: 'status', status: 'awaiting_human' });
      }
    });
  }

  #job(id: string, params: ExecuteParams): RunJob {
    const job = jobOf(id, params, this.#deps.defaults());
    this.#maxSteps.set(id, job.max_steps);
    return job;
  }


  /** Put the run in its final state; the events say it first when the loop did not. */
  #end(id: string, outcome: DriverOutcome): void {
    const run = this.#runs.get(id)!;
    if (!isFinal(run.status)) {
      const { status, reason, error } = outcome;
      this.#record(id, { type: 'status', status, ...(reason && { reason }), ...(error && { error }) });
    }
    const current = this.#runs.get(id)!;
    const status = current.status as DriverOutcome['status'];
    const ended = applyOutcome(current, { ...outcome, status }, this.#now());
    this.#runs.set(id, ended);
    this.#persist(ended);
  }
}
