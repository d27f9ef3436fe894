/**
 * "Check this model" as the page shows it: the estimate before it starts, the check in flight (progress, Stop),
 * the report card shown, the stored checks, and which two are compared. The checks' code loads lazily (the
 * quick set, the harness) the first time the person asks for an estimate.
 */
import type { CheckArchivePort } from '../../evals/check-archive';
import { isCheckRecord, type CheckRecord } from '../../evals/check-record';
import type { CheckEstimate } from '../../evals/estimate';
import type { PageChecks } from '../../evals/in-page';

/** Where a check is: nothing asked yet, its estimate waiting for a yes, or running. */
export type CheckPhase =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'confirm'; tasks: number; model: string; estimate: CheckEstimate }
  | { kind: 'running'; check: CheckRecord; current?: { task: string; step: number } };

/** The page's model checks. */
export class ModelChecks {
  phase = $state.raw<CheckPhase>({ kind: 'idle' });
  /** The check whose report card is shown. */
  shown = $state.raw<CheckRecord | undefined>(undefined);
  /** Stored checks, newest first. */
  list = $state.raw<CheckRecord[]>([]);
  /** Ids of the checks ticked for comparison (at most two). */
  compared = $state.raw<string[]>([]);
  problem = $state('');
  /** Shows a task's run on the page (App sets it; absent: report cards only name the run). */
  openRun = $state.raw<((runId: string) => void) | undefined>(undefined);
  readonly #load: () => Promise<PageChecks>;
  readonly #archive: CheckArchivePort;
  readonly #model: () => string;
  #service: Promise<PageChecks> | undefined;
  #controller: AbortController | undefined;

  /** `load` builds the page's checks (lazily, on the first "Check this model"); `model`: the configured model's name. */
  constructor(options: { load: () => Promise<PageChecks>; archive: CheckArchivePort; model: () => string }) {
    this.#load = options.load;
    this.#archive = options.archive;
    this.#model = options.model;
  }

  get running(): boolean {
    return this.phase.kind === 'running';
  }

  /** The two ticked checks, the older first. */
  get pair(): [CheckRecord, CheckRecord] | undefined {
    const picked = this.list.filter((check) => this.compared.includes(check.id)).sort((a, b) => a.created_at - b.created_at);
    return picked.length === 2 ? [picked[0], picked[1]] : undefined;
  }

  #checks(): Promise<PageChecks> {
    this.#service ??= this.#load().catch((error: unknown) => {
      this.#service = undefined;
      throw error;
    });
    return this.#service;
  }

  /** "Check this model": work out what it should cost and wait for a yes. */
  async prepare(): Promise<void> {
    if (this.running) return;
    this.problem = '';
    if (!this.#model()) {
      this.problem = 'Choose a model first (Model, above): the check runs the model configured here.';
      return;
    }
    this.phase = { kind: 'loading' };
    try {
      const checks = await this.#checks();
      this.phase = { kind: 'confirm', ...checks.estimate() };
    } catch (error) {
      this.phase = { kind: 'idle' };
      this.problem = `The model check could not load: ${(error as Error).message}. Reload the page and try again.`;
    }
  }

  cancel(): void {
    if (this.phase.kind === 'confirm') this.phase = { kind: 'idle' };
  }

  /** Start the check the estimate was shown for; resolves when it ended (or was stopped). */
  async start(): Promise<void> {
    if (this.phase.kind !== 'confirm') return;
    const checks = await this.#checks();
    const controller = (this.#controller = new AbortController());
    try {
      const check = await checks.run(controller.signal, {
        onProgress: (state, current) => {
          this.phase = { kind: 'running', check: state, current };
        },
        onStoreError: (error) => (this.problem = `The check could not be stored: ${error.message}. It goes on in this tab.`),
      });
      this.shown = check;
      if (check.status === 'failed') this.problem = `The check failed: ${check.error ?? 'unknown error'}`;
    } finally {
      this.#controller = undefined;
      this.phase = { kind: 'idle' };
      await this.refresh();
    }
  }

  /** Stop the check: the task in flight is cancelled, the tasks done are kept. */
  stop(): void {
    this.#controller?.abort();
  }

  /** Read the stored checks again. */
  async refresh(): Promise<void> {
    try {
      this.list = (await this.#archive.list()).filter(isCheckRecord);
      this.compared = this.compared.filter((id) => this.list.some((check) => check.id === id));
    } catch (error) {
      this.problem = `Stored checks could not be read: ${(error as Error).message}`;
    }
  }

  show(check: CheckRecord): void {
    this.shown = check;
  }

  /** Tick or untick a check for comparison; ticking a third lets go of the oldest tick. */
  toggleCompared(id: string): void {
    this.compared = this.compared.includes(id) ? this.compared.filter((other) => other !== id) : [...this.compared, id].slice(-2);
  }

  async remove(id: string): Promise<void> {
    try {
      await this.#archive.delete(id);
      if (this.shown?.id === id) this.shown = undefined;
      await this.refresh();
    } catch (error) {
      this.problem = `The check could not be deleted: ${(error as Error).message}`;
    }
  }
}
