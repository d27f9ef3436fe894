/** The page's state: the runs (from the in-page API), which one is shown, and what the task box holds. */
import { SvelteMap } from 'svelte/reactivity';
import { isFinal, type Run, type RunEvent, type RunStatus } from '../core';
import type { Agents } from '../api/types';

/** A word a person reads beside the API's status word. */
export const STATUS_LABELS: Record<RunStatus, string> = {
  queued: 'Waiting to start',
  in_progress: 'Working',
  awaiting_human: 'Needs your answer',
  interrupted: 'Interrupted',
  completed: 'Done',
  failed: 'Failed',
  cancelled: 'Stopped',
};

const HOLDING: RunStatus[] = ['queued', 'in_progress', 'awaiting_human'];

/** Runs of this page and the one on display; every change comes from the Agents API. */
export class AppState {
  /** Newest first. */
  runs = $state.raw<Run[]>([]);
  shownId = $state<string | null>(null);
  task = $state('');
  /** A failure of the page itself (not of a run), said to the person. */
  problem = $state('');
  readonly shown = $derived(this.runs.find((run) => run.id === this.shownId));
  readonly busy = $derived(this.shown !== undefined && !isFinal(this.shown.status));
  /** A run of this page holds the sandbox (queued, working, or waiting for an answer). */
  readonly holdsSandbox = $derived(this.runs.some((run) => HOLDING.includes(run.status)));
  readonly #agents: Agents;
  /** Step limits a person raised on a waiting run of this page, by run. */
  readonly #raisedSteps = new SvelteMap<string, number>();
  /** Runs whose pending question is a request to raise a limit (not "stuck": that raises nothing). */
  readonly #askingToRaise = new Set<string>();

  constructor(agents: Agents) {
    this.#agents = agents;
    agents.onRunChange((run) => this.#upsert(run));
    agents.onEvent((event) => this.#noteRaise(event));
  }

  #noteRaise(event: RunEvent): void {
    if (event.type === 'status' && event.status === 'queued') {
      this.#raisedSteps.delete(event.run_id); // started again: its new job says its limit
    } else if (event.type === 'human_request') {
      const { request } = event;
      if (request.kind === 'raise' && request.limit !== 'stuck') this.#askingToRaise.add(event.run_id);
      else this.#askingToRaise.delete(event.run_id);
    } else if (event.type === 'human_response' && this.#askingToRaise.delete(event.run_id)) {
      const steps = raisedSteps(event.answer);
      if (steps !== undefined) this.#raisedSteps.set(event.run_id, steps);
    }
  }

  #upsert(run: Run): void {
    const others = this.runs.filter((known) => known.id !== run.id);
    this.runs = [run, ...others].sort((a, b) => b.created_at - a.created_at);
  }

  /** Start a run with what the task box holds; it becomes the shown run unless another run is live (it queues). */
  async run(): Promise<void> {
    const instructions = this.task.trim();
    if (!instructions) return;
    this.problem = '';
    try {
      const run = await this.#agents.execute({ instructions });
      const keep = this.busy; // a live run stays in view: the new one waits in Run history
      this.#upsert(run);
      if (!keep) this.shownId = run.id;
      this.task = '';
    } catch (error) {
      this.problem = `Could not start the run: ${(error as Error).message}`;
    }
  }

  /** Send what the task box holds to the shown, live run as a note for its next step. */
  async note(): Promise<void> {
    const run = this.shown;
    const note = this.task.trim();
    if (!run || isFinal(run.status) || !note) return;
    this.problem = '';
    try {
      await this.#agents.respond(run.id, { note });
      this.task = '';
    } catch (error) {
      this.problem = `Could not send the note: ${(error as Error).message}`;
    }
  }

  /** Stop the shown run. */
  async stop(): Promise<void> {
    const run = this.shown;
    if (!run || isFinal(run.status)) return;
    try {
      await this.#agents.cancel(run.id);
    } catch (error) {
      this.problem = `Could not stop the run: ${(error as Error).message}`;
    }
  }

  /** The run's step limit: as raised by a person, else as it started with. */
  maxSteps(run: Run): number | undefined {
    return this.#raisedSteps.get(run.id) ?? this.#agents.maxStepsOf(run.id);
  }
}

/** The new step limit in an answer `{raise: {max_steps}}`, as the loop applies it (a positive number, floored). */
function raisedSteps(answer: unknown): number | undefined {
  if (!answer || typeof answer !== 'object' || !('raise' in answer)) return undefined;
  const { raise } = answer as { raise: unknown };
  const steps = raise && typeof raise === 'object' ? (raise as { max_steps?: unknown }).max_steps : undefined;
  return typeof steps === 'number' && Number.isFinite(steps) && steps >= 1 ? Math.floor(steps) : undefined;
}
