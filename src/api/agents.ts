/**
 * The in-page Agents API: runs are created at once, queue until the sandbox is ready and free, and one run at a
 * time drives the sandbox (run-queue.ts). A run's state follows its events; both live in the RunStore
 * (IndexedDB on the page) through the page's book of runs (run-book.ts), with each step committed before the
 * next model request, so a run can be resumed after a reload and answered after one.
 */
import { isFinal, type ExecuteParams, type HumanAnswer, type Run, type RunEvent } from '../core';
import type { Sandbox, WorkdirSnapshot } from '../sandbox/sandbox';
import { checkAnswer, checkExecuteParams } from './validate';
import { RunBook } from './run-book';
import { RunQueue } from './run-queue';
import { newRun } from './run-state';
import { specOf, storedSpec, type RepositoryOpener, type RunStart } from './run-setup';
import { repositoryName, type PullRequestPort } from './page-tools';
import { lateEnding, type LateAnswer } from './continuation';
import type { Agents, DriverOutcome, ForkParams, RunDefaults, RunDriver, RunStore } from './types';
import type { FileChange } from '../changes';
import { runChanges, runPatch, stepChanges } from './checkpoints';
import { checkForkStep, restoreFiles } from './rewind';
import { answerWithNote, HandEdits, recordEdit } from './hand-edits';

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
  /** Opens `execute({repo})` before the first step (the page's GitHub). */
  openRepository?: RepositoryOpener;
  /** Opens pull requests for the agent's create_pull_request (the page's GitHub). */
  pullRequests?: PullRequestPort;
  /** The repository opened on the page now (Open from GitHub), recorded with a new run's spec. */
  openedRepository?: () => string | undefined;
  /** Ties the page's git broker to a run's repository as the run starts (resumed after a reload too). */
  bindRepository?: (repository: string) => void;
}

type Listener = (event: RunEvent) => void;

/** Build the API over a store, a driver and a sandbox. */
export function createAgents(deps: AgentsDeps): Agents {
  return new AgentsService(deps);
}

class AgentsService implements Agents {
  readonly #deps: AgentsDeps;
  readonly #newId: () => string;
  readonly #book: RunBook;
  readonly #queue: RunQueue;
  readonly #edits = new HandEdits();

  constructor(deps: AgentsDeps) {
    this.#deps = deps;
    this.#newId = deps.newId ?? (() => `run_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`);
    this.#book = new RunBook(deps.store, deps.now ?? Date.now);
    this.#queue = new RunQueue({
      book: this.#book,
      driver: deps.driver,
      sandbox: deps.sandbox,
      defaults: deps.defaults,
      handEdits: this.#edits,
      openRepository: deps.openRepository,
      pullRequests: deps.pullRequests,
      bindRepository: deps.bindRepository,
    });
  }

  async execute(params: ExecuteParams): Promise<Run> {
    return this.#create(params, { kind: 'fresh' });
  }

  async followUp(parentId: string, params: ExecuteParams): Promise<Run> {
    const parent = await this.retrieve(parentId);
    if (!isFinal(parent.status)) throw new Error(`Run "${parentId}" has not ended (it is ${parent.status}): follow up once it has.`);
    return this.#create(params, { kind: 'follow_up', parent_id: parentId });
  }

  async fork(id: string, params: ForkParams): Promise<Run> {
    const { step, ...rest } = params;
    await checkForkStep(await this.retrieve(id), step);
    return this.#create(rest, { kind: 'fork', parent_id: id, step });
  }

  async restoreFiles(id: string, step: number): Promise<void> {
    const replaceWorkdir = (work: () => Promise<void>, holder: string) => this.#queue.replaceWorkdir(work, holder);
    await restoreFiles({ book: this.#book, sandbox: this.#deps.sandbox, replaceWorkdir }, await this.retrieve(id), step);
  }

  changes(id: string, step?: number): Promise<FileChange[]> {
    return step === undefined ? runChanges(this.#deps.store, id) : stepChanges(this.#deps.store, id, step);
  }

  patch(id: string): Promise<string> {
    return runPatch(this.#deps.store, id);
  }

  async #create(params: ExecuteParams, start: RunStart): Promise<Run> {
    checkExecuteParams(params);
    const spec = specOf(params, this.#deps.defaults());
    const repository = params.repo ? repositoryName(params.repo) : this.#deps.openedRepository?.();
    if (repository) spec.repository = repository;
    const created = newRun(this.#newId(), params, this.#book.now(), spec.max_steps);
    const run = start.kind === 'follow_up' || start.kind === 'fork' ? { ...created, parent_id: start.parent_id } : created;
    this.#book.add(run, spec);
    this.#queue.enqueue(run.id, params, start, spec);
    return structuredClone(this.#book.get(run.id)!);
  }

  async resume(id: string): Promise<Run> {
    const run = await this.retrieve(id);
    if (this.#queue.holds(id)) return run;
    if (run.status !== 'interrupted') {
      throw new Error(`Run "${id}" cannot be resumed: it is ${run.status}, and only interrupted runs can be.`);
    }
    return this.#adopt(run, { kind: 'resume' });
  }

  /** Takes a stored run for this tab (its lock, its event numbering) and queues it to go on. */
  async #adopt(run: Run, start: RunStart): Promise<Run> {
    const config = await this.#book.take(run, start.kind === 'resume' ? start.late?.request : undefined);
    // as the run was set up when it was created, not as Settings say now
    this.#queue.enqueue(run.id, { instructions: run.instructions }, start, storedSpec(config, this.#deps.defaults()));
    return this.retrieve(run.id);
  }

  async retrieve(id: string): Promise<Run> {
    const run = await this.#book.find(id);
    if (!run) throw new Error(`No run with id "${id}": list() shows the runs there are.`);
    return run;
  }

  async list(): Promise<Run[]> {
    await this.#book.settled();
    return this.#deps.store.list();
  }

  async cancel(id: string): Promise<Run> {
    const run = await this.retrieve(id);
    if (isFinal(run.status)) return run;
    if (!this.#queue.holds(id) && !this.#book.has(id)) {
      // a run a closed page left (interrupted, or waiting for a person): end it here
      await this.#book.take(run);
      this.#book.record(id, { type: 'status', status: 'cancelled' });
      return this.retrieve(id);
    }
    await this.#queue.cancel(id);
    return this.retrieve(id);
  }

  async respond(id: string, given: HumanAnswer | { note: string }): Promise<Run> {
    checkAnswer(given);
    const run = await this.retrieve(id);
    if (isNoteOnly(given)) {
      if (this.#queue.note(id, given.note)) return this.retrieve(id);
      throw new Error(`Run "${id}" is not working, so it takes no note (its status is ${run.status}).`);
    }
    const answer = await this.#withEdits(id, given);
    if (this.#queue.answer(id, answer)) return this.retrieve(id);
    if (run.status === 'awaiting_human' && !this.#book.has(id)) return this.#answerLate(run, answer);
    throw new Error(`Run "${id}" is not waiting for a person (its status is ${run.status}).`);
  }

  async editFile(path: string, content: string | null): Promise<void> {
    this.#queue.checkEditable();
    const sandbox = await this.#deps.sandbox;
    await this.#edits.apply(sandbox, path, content);
    await recordEdit({ book: this.#book, sandbox, waiting: this.#queue.waitingRunId(), holder: this.#queue.workdirRunId() }, [path]);
  }

  /** The person's edits made while the run waited go with their answer, so the model hears of them. */
  async #withEdits(id: string, answer: HumanAnswer): Promise<HumanAnswer> {
    if (!this.#edits.pending || this.#queue.waitingRunId() !== id) return answer;
    return answerWithNote(answer, await this.#edits.take(await this.#deps.sandbox));
  }

  subscribe(id: string, onEvent: Listener): () => void {
    return this.#book.listeners.subscribe(id, onEvent, async () => {
      await this.#book.settled();
      return this.#deps.store.events(id);
    });
  }

  /** A run that waited for a person when its page closed: the answer goes with it as it resumes. */
  async #answerLate(run: Run, answer: HumanAnswer): Promise<Run> {
    const events = await this.#deps.store.events(run.id);
    const asked = events.findLast((event) => event.type === 'human_request');
    if (asked?.type !== 'human_request') throw new Error(`Run "${run.id}" waits for a person but its question was not stored.`);
    const late = { request: asked.request, answer };
    const ending = lateEnding(late);
    if (ending) return this.#endLate(run, late, ending);
    // the loop takes the answer where it would have asked (a raise raises its limits there)
    return this.#adopt(run, { kind: 'resume', late });
  }

  /** The late answer ends the run (a limit not raised): it is recorded, and the run fails as it would have. */
  async #endLate(run: Run, late: LateAnswer, ending: DriverOutcome): Promise<Run> {
    await this.#book.take(run, late.request);
    this.#book.record(run.id, { type: 'human_response', answer: late.answer });
    const { status, reason, error } = ending;
    this.#book.record(run.id, { type: 'status', status, ...(reason && { reason }), ...(error && { error }) });
    return this.retrieve(run.id);
  }

  workdirRunId(): string | undefined {
    return this.#queue.workdirRunId();
  }

  replaceWorkdir(work: () => Promise<void>): Promise<void> {
    return this.#queue.replaceWorkdir(work);
  }

  recordPullRequest(id: string, pull: { url: string; number: number; repository: string; branch: string }): void {
    if (!this.#book.has(id)) throw new Error(`Run "${id}" is not one of this page's runs: its pull request cannot be recorded here.`);
    const { url, number, repository, branch } = pull;
    this.#book.record(id, { type: 'pull_request', url, number, repository, branch });
  }

  workdirOf(id: string): Promise<WorkdirSnapshot | undefined> {
    return this.#deps.store.workdirAt(id);
  }

  onStoreError(listener: (error: Error) => void): () => void {
    return this.#book.listeners.onStoreError(listener);
  }

  onRunChange(listener: (run: Run) => void): () => void {
    return this.#book.listeners.onRunChange(listener);
  }

  onEvent(listener: Listener): () => void {
    return this.#book.listeners.onEvent(listener);
  }
}

/** `{note}` alone: a note to a working run (not a denial, which has `approve: false`). */
function isNoteOnly(answer: HumanAnswer | { note: string }): answer is { note: string } {
  return !('approve' in answer) && 'note' in answer && typeof answer.note === 'string';
}
