/**
 * The in-page Agents API: runs are created at once, queue until the sandbox is ready and free, and one run at a
 * time drives the sandbox. A run's state follows its events; both live in the RunStore as plain data.
 */
import {
  ALL_TOOL_GROUPS,
  isFinal,
  type AgentEvent,
  type ExecuteParams,
  type HumanAnswer,
  type HumanRequest,
  type Run,
  type RunEvent,
} from '../core';
import { stopAllProcesses } from '../agent/process-watch';
import { writeFiles } from '../sandbox/import';
import type { Sandbox } from '../sandbox/sandbox';
import { checkAnswer, checkExecuteParams } from './validate';
import { applyEvent, applyOutcome, newRun } from './run-state';
import type { Agents, DriverOutcome, RunDefaults, RunDriver, RunJob, RunStore } from './types';

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
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #runListeners = new Set<(run: Run) => void>();
  readonly #eventListeners = new Set<Listener>();
  readonly #maxSteps = new Map<string, number>();
  readonly #queue: string[] = [];
  #active: Active | undefined;
  #writes: Promise<void> = Promise.resolve();

  constructor(deps: AgentsDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#newId = deps.newId ?? (() => `run_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`);
  }

  async execute(params: ExecuteParams): Promise<Run> {
    checkExecuteParams(params);
    const run = newRun(this.#newId(), params, this.#now());
    this.#runs.set(run.id, run);
    this.#params.set(run.id, params);
    this.#persist(run);
    this.#record(run.id, { type: 'status', status: 'queued' });
    this.#queue.push(run.id);
    void this.#pump();
    return structuredClone(this.#runs.get(run.id)!);
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
    if (!pending) throw new Error(`Run "${id}" is not waiting for a person (its status is ${run.status}).`);
    this.#active!.pending = undefined;
    pending.resolve(answer);
    return this.retrieve(id);
  }

  subscribe(id: string, onEvent: Listener): () => void {
    let delivered = 0;
    let live = false;
    const backlog: RunEvent[] = [];
    const deliver = (event: RunEvent) => {
      if (event.seq <= delivered) return;
      delivered = event.seq;
      try {
        onEvent(event);
      } catch (error) {
        console.error(`A subscriber of run ${id} threw; the run goes on.`, error);
      }
    };
    const listener: Listener = (event) => (live ? deliver(event) : backlog.push(event));
    const set = this.#listeners.get(id) ?? new Set<Listener>();
    set.add(listener);
    this.#listeners.set(id, set);
    void this.#writes
      .then(() => this.#deps.store.events(id))
      .then((past) => {
        for (const event of [...past, ...backlog]) deliver(event);
        live = true;
      });
    return () => set.delete(listener);
  }

  onRunChange(listener: (run: Run) => void): () => void {
    this.#runListeners.add(listener);
    return () => this.#runListeners.delete(listener);
  }

  onEvent(listener: Listener): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
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
    for (const listener of this.#listeners.get(id) ?? []) listener(stored);
    for (const listener of this.#eventListeners) {
      try {
        listener(stored);
      } catch (error) {
        console.error('An event listener threw; the run goes on.', error);
      }
    }
  }

  #persist(run: Run): void {
    const copy = structuredClone(run);
    this.#write(() => this.#deps.store.put(copy));
    for (const listener of this.#runListeners) {
      try {
        listener(structuredClone(run));
      } catch (error) {
        console.error('A run listener threw; the run goes on.', error);
      }
    }
  }

  #write(task: () => Promise<void>): void {
    this.#writes = this.#writes.then(task).catch((error: unknown) => {
      console.error('Could not store a run or event; it stays in memory for this tab.', error);
    });
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
      if (outcome.status === 'cancelled') await this.#stopProcesses(id, sandbox);
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
    if (params.files && Object.keys(params.files).length > 0) {
      const failure = await this.#writeFiles(id, sandbox, params.files, controller.signal);
      if (failure) return failure;
    }
    const hooks = {
      emit: (event: AgentEvent) => this.#record(id, event),
      ask: (request: HumanRequest, signal: AbortSignal) => this.#ask(active, request, signal),
    };
    return this.#deps.driver.run(this.#job(id, params), hooks, controller.signal);
  }

  /** Stop: background processes the run started end with it; a failure to stop one is said, not thrown. */
  async #stopProcesses(id: string, sandbox: Sandbox): Promise<void> {
    try {
      const { failures } = await stopAllProcesses(sandbox);
      if (failures.length) this.#record(id, { type: 'notice', message: `Some processes could not be stopped: ${failures.join('; ')}` });
    } catch (error) {
      this.#record(id, { type: 'notice', message: `The run's processes could not be listed to stop them: ${(error as Error).message}` });
    }
  }

  /** Write `execute({files})` before the first step; a failure ends the run with what to do. */
  async #writeFiles(
    id: string,
    sandbox: Sandbox,
    files: Record<string, string | Uint8Array>,
    signal: AbortSignal,
  ): Promise<DriverOutcome | undefined> {
    try {
      const summary = await writeFiles(sandbox, files, { signal });
      const notes = [...summary.refused, ...summary.skipped].map((note) => `${note.path} (${note.why})`);
      if (notes.length) this.#record(id, { type: 'notice', message: `Some files were not written: ${notes.join('; ')}` });
      return undefined;
    } catch (error) {
      if (signal.aborted) return { status: 'cancelled' };
      const message = `The files given to execute() could not be written: ${(error as Error).message}`;
      return { status: 'failed', reason: 'sandbox_error', error: { code: 'files_not_written', message } };
    }
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
    const defaults = this.#deps.defaults();
    const job: RunJob = {
      run_id: id,
      instructions: params.instructions,
      tools: params.tools ?? [...ALL_TOOL_GROUPS],
      max_steps: params.max_steps ?? defaults.max_steps,
      human_intervention_threshold: params.human_intervention_threshold ?? defaults.human_intervention_threshold,
      model: { baseURL: defaults.baseURL, model: params.model ?? defaults.model, apiKey: defaults.apiKey },
    };
    this.#maxSteps.set(id, job.max_steps);
    if (params.max_tokens !== undefined) job.max_tokens = params.max_tokens;
    if (params.max_cost_usd !== undefined) job.max_cost_usd = params.max_cost_usd;
    if (params.timeout_s !== undefined) job.timeout_s = params.timeout_s;
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

/** The promise's value, or undefined as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
