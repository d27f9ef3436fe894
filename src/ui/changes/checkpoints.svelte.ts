/**
 * The shown run's checkpoints on the page: the diff dialog of a step or of the run, restoring files to a step,
 * forking from one (asking for the new task first), and what went wrong, said plainly.
 */
import type { Run } from '../../core';
import type { Agents } from '../../api/types';
import type { ShownChange } from './format';

/** The dialog being shown: its title, its changes and the file to show first. */
export interface ShownDialog {
  title: string;
  changes: ShownChange[];
  initial?: string;
}

export class CheckpointsState {
  dialog = $state.raw<ShownDialog | null>(null);
  /** The step a fork is being asked for. */
  forkStep = $state<number | null>(null);
  message = $state('');
  problem = $state('');
  busy = $state(false);
  readonly #agents: Agents;
  readonly #run: () => Run | undefined;
  readonly #onForked: (run: Run) => void;

  constructor(agents: Agents, run: () => Run | undefined, onForked: (run: Run) => void) {
    this.#agents = agents;
    this.#run = run;
    this.#onForked = onForked;
  }

  async openStep(step: number): Promise<void> {
    await this.#open(`Changes of step ${step}`, (id) => this.#agents.changes(id, step));
  }

  async openRun(initial?: string): Promise<void> {
    await this.#open('Changes of the run', (id) => this.#agents.changes(id), initial);
  }

  async restore(step: number): Promise<void> {
    const id = this.#run()?.id;
    if (!id || this.busy) return;
    await this.#act(async () => {
      await this.#agents.restoreFiles(id, step);
      this.message = `Files restored to step ${step}. Later steps stay in the history.`;
    }, 'Could not restore the files');
  }

  async fork(instructions: string): Promise<void> {
    const id = this.#run()?.id;
    const step = this.forkStep;
    if (!id || step === null || !instructions.trim()) return;
    await this.#act(async () => {
      const run = await this.#agents.fork(id, { step, instructions: instructions.trim() });
      this.forkStep = null;
      this.#onForked(run);
    }, 'Could not start the fork');
  }

  async #open(title: string, read: (id: string) => Promise<ShownChange[]>, initial?: string): Promise<void> {
    const id = this.#run()?.id;
    if (!id) return;
    await this.#act(async () => {
      this.dialog = { title, changes: await read(id), ...(initial && { initial }) };
    }, 'Could not read the changes');
  }

  async #act(work: () => Promise<void>, what: string): Promise<void> {
    this.busy = true;
    this.problem = '';
    this.message = '';
    try {
      await work();
    } catch (error) {
      this.problem = `${what}: ${(error as Error).message}`;
    } finally {
      this.busy = false;
    }
  }
}
