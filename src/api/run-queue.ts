/**
 * The queue that drives runs: runs wait until the sandbox is ready and free, then one at a time goes through
 * the driver (the agent worker), with its files, work dir and conversation prepared first and a person's
 * answers passed in while it waits.
 */
import { isFinal, type AgentEvent, type ExecuteParams, type HumanAnswer, type HumanRequest, type Run } from '../core';
import type { Sandbox } from '../sandbox/sandbox';
import type { RunSpec } from '../core';
import type { RunBook } from './run-book';
import { applyOutcome } from './run-state';
import {
  jobOf,
  secretsFor,
  prepareFollowUp,
  prepareResume,
  stopProcesses,
  untilAborted,
  writeExecuteFiles,
  openExecuteRepository,
  type Prepared,
  type RepositoryOpener,
  type RunStart,
} from './run-setup';
import { prepareFork } from './rewind';
import { withEditNote, type HandEdits } from './hand-edits';
import { groupsFor, runPageTool, type PullRequestPort } from './page-tools';
import type { DriverHooks, DriverOutcome, RunDefaults, RunDriver, RunJob, StepState } from './types';
import type { ToolArgs } from '../core/tool-call';

/** What the queue drives runs with. */
export interface QueueDeps {
  book: RunBook;
  driver: RunDriver;
  /** Resolves once the sandbox has booted (runs queue until then). */
  sandbox: Promise<Sandbox>;
  /** The settings a run takes when `execute` does not say (read when the run starts). */
  defaults: () => RunDefaults;
  /** The person's edits, told to the next run that starts (a note before its first turn). */
  handEdits?: HandEdits;
  /** Opens `execute({repo})` before the first step (absent: such runs fail saying so). */
  openRepository?: RepositoryOpener;
  /** Opens pull requests for create_pull_request (absent: runs get no `github` tools). */
  pullRequests?: PullRequestPort;
  /** Ties the page's git broker to the run's repository as it starts (resumed ones too). */
  bindRepository?: (repository: string) => void;
}

interface Active {
  id: string;
  controller: AbortController;
  /** Resolves the question the run waits on, if it waits. */
  answer?: (answer: HumanAnswer) => void;
}

/** How a run that holds the sandbox is said when it blocks a reset. */
const BUSY_WORDS: Partial<Record<string, string>> = {
  queued: 'waiting to start',
  in_progress: 'working',
  awaiting_human: 'waiting for your answer',
};

/** Queued runs and the one running. */
export class RunQueue {
  readonly #deps: QueueDeps;
  readonly #params = new Map<string, ExecuteParams>();
  /** Each queued run's spec, resolved once (see specOf). */
  readonly #specs = new Map<string, RunSpec>();
  readonly #starts = new Map<string, RunStart>();
  readonly #queue: string[] = [];
  #active: Active | undefined;
  #workdirRunId: string | undefined;
  /** Work on the sandbox outside any run (a reset); runs queued meanwhile wait for it. */
  #outside: Promise<unknown> | undefined;

  constructor(deps: QueueDeps) {
    this.#deps = deps;
  }

  /** Queue a run of this page's book: how it starts and with what arguments. */
  enqueue(id: string, params: ExecuteParams, start: RunStart, spec: RunSpec): void {
    this.#params.set(id, params);
    this.#specs.set(id, spec);
    this.#starts.set(id, start);
    this.#deps.book.record(id, { type: 'status', status: 'queued' });
    this.#queue.push(id);
    void this.#pump();
  }

  /** Refuses (throws, saying why) while a run is queued or working here: the person's edits could clash with it. */
  checkEditable(): void {
    const busy = this.#active ? this.#deps.book.get(this.#active.id)?.status !== 'awaiting_human' : this.#queue.length > 0;
    if (busy || this.#outside) {
      throw new Error('The agent is working on the files: saving now could clash with its changes. Save when it has ended or asks you something (your text stays in the editor).');
    }
  }

  /** The run driven here that waits for a person, if any. */
  waitingRunId(): string | undefined {
    return this.#active && this.#deps.book.get(this.#active.id)?.status === 'awaiting_human' ? this.#active.id : undefined;
  }

  /** Whether the run is queued or running here. */
  holds(id: string): boolean {
    return this.#active?.id === id || this.#queue.includes(id);
  }

  /** Cancel the run here: a queued one leaves the queue, a running one is stopped (resolves once it ended). */
  async cancel(id: string): Promise<void> {
    const queued = this.#queue.indexOf(id);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      this.#deps.book.record(id, { type: 'status', status: 'cancelled' });
    } else if (this.#active?.id === id) {
      const ended = this.#deps.book.whenFinal(id);
      this.#active.controller.abort();
      await ended;
    }
  }

  /** Notes a person sent to a queued or working run, taken at its next step's commit. */
  readonly #notes = new Map<string, string[]>();

  /** Keep a note for the queued or working run, for its next step; false when the run is not held here. */
  note(id: string, note: string): boolean {
    if (!this.holds(id)) return false;
    this.#notes.set(id, [...(this.#notes.get(id) ?? []), note]);
    return true;
  }

  /** Store the step, then hand the run the notes sent meanwhile (each recorded as the person's). */
  async #commitTakingNotes(id: string, sandbox: Sandbox, state: StepState): Promise<string[]> {
    await this.#deps.book.commit(id, sandbox, state);
    const notes = this.#notes.get(id) ?? [];
    this.#notes.delete(id);
    for (const note of notes) this.#deps.book.record(id, { type: 'human_response', answer: { note } });
    return notes;
  }

  /** Give the running run the answer it waits for; false when it waits for none. */
  answer(id: string, answer: HumanAnswer): boolean {
    const resolve = this.#active?.id === id ? this.#active.answer : undefined;
    if (!resolve) return false;
    this.#active!.answer = undefined;
    resolve(answer);
    return true;
  }

  /** The run whose work dir the sandbox holds now. */
  workdirRunId(): string | undefined {
    return this.#workdirRunId;
  }

  /**
   * Change the work dir outside any run: refused while a run is queued or driven here (waiting for a person
   * too), or while other such work goes on; runs queued meanwhile wait. Afterwards it holds `holder`'s work dir
   * (a restore) or, by default, no run's.
   */
  async replaceWorkdir(work: () => Promise<void>, holder?: string): Promise<void> {
    if (this.#active || this.#queue.length > 0) {
      const id = this.#active?.id ?? this.#queue[0];
      const status = this.#deps.book.get(id)?.status ?? 'queued';
      throw new Error(`Run "${id}" is ${BUSY_WORDS[status] ?? status} in this workspace: stop it, or wait for it to end, then try again.`);
    }
    if (this.#outside) throw new Error('The workspace is already being reset: wait for that to finish.');
    const done = work();
    this.#outside = done;
    try {
      await done;
      this.#workdirRunId = holder;
      this.#deps.handEdits?.clear(); // the person's edits were to files that are gone
    } catch (error) {
      this.#workdirRunId = undefined;
      throw error;
    } finally {
      this.#outside = undefined;
      void this.#pump();
    }
  }

  /** Start the next queued run when none is running. */
  async #pump(): Promise<void> {
    if (this.#active || this.#outside || this.#queue.length === 0) return;
    const id = this.#queue.shift()!;
    const active: Active = { id, controller: new AbortController() };
    this.#active = active;
    try {
      const sandbox = await untilAborted(this.#deps.sandbox, active.controller.signal);
      if (!sandbox) return this.#end(id, { status: 'cancelled' });
      const outcome = await this.#drive(active, sandbox);
      if (outcome.status === 'cancelled') {
        const failure = await stopProcesses(sandbox);
        if (failure) this.#deps.book.record(id, failure);
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
    const book = this.#deps.book;
    const params = this.#params.get(id)!;
    book.record(id, { type: 'status', status: 'in_progress' });
    const prepared = await this.#prepare(id, sandbox, params, controller.signal);
    this.#workdirRunId = id;
    if ('outcome' in prepared) return prepared.outcome;
    for (const event of prepared.events) book.record(id, event);
    const edited = await this.#deps.handEdits?.take(sandbox);
    if (edited) Object.assign(prepared.job, withEditNote(prepared.job, params.instructions, edited));
    const pulls = this.#deps.pullRequests;
    const hooks: DriverHooks = {
      emit: (event: AgentEvent) => book.record(id, event),
      ask: (request: HumanRequest, signal: AbortSignal) => this.#ask(active, request, signal),
      commit: (state) => this.#commitTakingNotes(id, sandbox, state),
      flush: () => book.flush(id),
      ...(pulls && { pageTool: (name: string, args: ToolArgs, signal: AbortSignal) => runPageTool(pulls, name, args, signal, (event) => book.record(id, event)) }),
    };
    const job = { ...this.#job(id, params), ...prepared.job };
    // the work dir is the run's now (opened, or restored after a reload): git push/pull reach its repository
    if (job.spec.repository) this.#deps.bindRepository?.(job.spec.repository);
    const start = this.#starts.get(id)?.kind;
    // the github tools come with a work dir opened from GitHub, unless the run named its tools
    const named = start === 'resume' ? job.spec.tools_named === true : params.tools !== undefined;
    const tools = pulls ? await groupsFor(job.spec.tools, named, sandbox) : job.spec.tools.filter((group) => group !== 'github');
    job.spec = { ...job.spec, tools };
    return this.#deps.driver.run(job, hooks, controller.signal);
  }

  /** Files, work dir and conversation the run starts with. */
  async #prepare(id: string, sandbox: Sandbox, params: ExecuteParams, signal: AbortSignal): Promise<Prepared> {
    const start = this.#starts.get(id) ?? { kind: 'fresh' };
    const book = this.#deps.book;
    const keepsWorkdir = start.kind === 'fresh' || (start.kind === 'follow_up' && start.parent_id === this.#workdirRunId);
    if (!keepsWorkdir) this.#deps.handEdits?.clear(); // the run starts from other files: the edits are not in them
    const deps = {
      store: book.store,
      sandbox,
      workdirRunId: this.#workdirRunId,
      commit: (state: StepState) => book.commit(id, sandbox, state),
    };
    if (start.kind === 'follow_up') return prepareFollowUp(deps, start.parent_id, params.instructions);
    if (start.kind === 'fork') return prepareFork(deps, start.parent_id, start.step, params.instructions);
    if (start.kind === 'resume') return prepareResume(deps, book.get(id)!, start.late);
    const opened = params.repo ? await openExecuteRepository(sandbox, this.#deps.openRepository, params, signal) : undefined;
    if (opened && 'outcome' in opened) return opened;
    const written = params.files && Object.keys(params.files).length > 0 ? await writeExecuteFiles(sandbox, params.files, signal) : undefined;
    if (written && 'outcome' in written) return written;
    return { job: {}, events: [...(opened?.events ?? []), ...(written && 'events' in written ? written.events : [])] };
  }

  #ask(active: Active, _request: HumanRequest, signal: AbortSignal): Promise<HumanAnswer> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      active.answer = resolve;
      if (this.#deps.book.get(active.id)?.status !== 'awaiting_human') {
        this.#deps.book.record(active.id, { type: 'status', status: 'awaiting_human' });
      }
    });
  }

  /** The run's job: its spec as resolved, the secrets it names supplied now (the key only for the origin it was saved for). */
  #job(id: string, params: ExecuteParams): RunJob {
    const spec = this.#specs.get(id)!;
    return jobOf(id, params.instructions, spec, secretsFor(spec, this.#deps.defaults()));
  }

  /** Put the run in its final state; the events say it first when the loop did not. */
  #end(id: string, outcome: DriverOutcome): void {
    const book = this.#deps.book;
    if (!isFinal(book.get(id)!.status)) {
      const { status, reason, error } = outcome;
      book.record(id, { type: 'status', status, ...(reason && { reason }), ...(error && { error }) });
    }
    const current = book.get(id)!;
    const status = current.status as DriverOutcome['status'];
    book.persist(applyOutcome(current, { ...outcome, status }, book.now()));
  }
}
