/** The page's state: the runs (from the in-page API), which one is shown, and what the task box holds. */
import { isFinal, type Run, type RunStatus } from '../../core';
import type { Agents } from '../../api/types';

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
  /** The shown run is queued, working or waiting for a person (an interrupted one waits for Resume: not busy). */
  readonly busy = $derived(this.shown !== undefined && !isFinal(this.shown.status) && this.shown.status !== 'interrupted');
  /** A run of this page holds the sandbox (queued, working, or waiting for an answer). */
  readonly holdsSandbox = $derived(this.runs.some((run) => HOLDING.includes(run.status)));
  readonly #agents: Agents;

  constructor(agents: Agents) {
    this.#agents = agents;
    agents.onRunChange((run) => this.#upsert(run));
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

  /** A run as the API has it now (a stored one too). */
  retrieve(id: string): Promise<Run> {
    return this.#agents.retrieve(id);
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

  /** The run's step limit as the run carries it now (raised by a person, else as it started with). */
  maxSteps(run: Run): number | undefined {
    return (this.runs.find((known) => known.id === run.id) ?? run).max_steps;
  }
}
