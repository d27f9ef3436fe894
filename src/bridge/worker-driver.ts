/**
 * The RunDriver that runs the agent loop in its Web Worker. The page keeps the sandbox and lends it to the
 * worker as a SandboxHost; events and questions for a person come back through proxied hooks. Stop aborts the
 * running command on the page, asks the worker to cancel, and terminates the worker if it does not end in time.
 */
import type { AgentEvent, HumanAnswer, HumanRequest } from '../core';
import type { ToolArgs, ToolResult } from '../core/tool-call';
import type { AgentSandbox } from '../sandbox/sandbox';
import { proxy, wrap, type Remote } from './rpc';
import type { DriverHooks, DriverOutcome, RunDriver, RunJob, StepState } from './run-driver';
import { sandboxInfo, type SandboxInfo } from './sandbox-calls';
import { createSandboxHost, type SandboxHost } from './sandbox-host';

/**
 * The hooks the worker calls back on the page. `flush` answers once every earlier `emit` has landed and is
 * stored; `commit` once the step is stored.
 */
export interface WorkerHooks {
  emit(event: AgentEvent): void;
  ask(request: HumanRequest): Promise<HumanAnswer>;
  flush(): Promise<void>;
  commit(state: StepState): Promise<string[] | void>;
  /** A tool the page runs (see DriverHooks.pageTool); absent when the page runs none. */
  pageTool?(name: string, args: ToolArgs): Promise<ToolResult>;
}

/** What the agent worker exposes. Proxied arguments arrive as comlink Remotes. */
export interface AgentWorkerApi {
  start(job: RunJob, sandbox: SandboxInfo, host: Remote<SandboxHost>, hooks: Remote<WorkerHooks>): Promise<DriverOutcome>;
  cancel(runId: string): void;
}

/** Options of the worker driver. */
export interface WorkerDriverOptions {
  /** Create the agent worker (Vite needs the `new Worker(new URL(…))` literal where it is written: main.ts). */
  makeWorker: () => Worker;
  sandbox: Promise<AgentSandbox>;
  /** How long a cancelled run may take to end before its worker is terminated (default 1500 ms). */
  cancelGraceMs?: number;
}

interface LiveWorker {
  worker: Worker;
  remote: Remote<AgentWorkerApi>;
  /** Resolves with a message when the worker fails on its own (load error, uncaught error). */
  crashed: Promise<string>;
}

/** Drives runs in the agent worker, one at a time. */
export class WorkerDriver implements RunDriver {
  readonly #options: WorkerDriverOptions;
  #live: LiveWorker | undefined;

  constructor(options: WorkerDriverOptions) {
    this.#options = options;
  }

  async run(job: RunJob, hooks: DriverHooks, signal: AbortSignal): Promise<DriverOutcome> {
    const sandbox = await this.#options.sandbox;
    const host = createSandboxHost(sandbox);
    const live = this.#ensureWorker();
    const info = sandboxInfo(sandbox);
    const workerHooks: WorkerHooks = {
      emit: (event) => hooks.emit(event),
      ask: (request) => hooks.ask(request, signal),
      flush: async () => hooks.flush?.(),
      commit: async (state) => hooks.commit?.(state),
      ...(hooks.pageTool && { pageTool: (name: string, args: ToolArgs) => hooks.pageTool!(name, args, signal) }),
    };
    const started = live.remote.start(job, info, proxy(host) as never, proxy(workerHooks) as never);
    const crashed = live.crashed.then((message): DriverOutcome => failed(`The agent worker stopped: ${message}`));
    const stop = this.#onCancel(signal, live, host, job.run_id);
    try {
      return await Promise.race([started.catch((error: unknown) => failed(describe(error))), crashed, stop.outcome]);
    } finally {
      stop.dispose();
      host.release(); // the worker may be gone: stop forwarding events to it
    }
  }

  /** On abort: stop the command on the page, ask the worker to cancel, and after the grace period kill it. */
  #onCancel(signal: AbortSignal, live: LiveWorker, host: SandboxHost, runId: string) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort = () => {};
    const outcome = new Promise<DriverOutcome>((resolve) => {
      onAbort = () => {
        host.abortAll();
        void live.remote.cancel(runId);
        timer = setTimeout(() => {
          this.#terminate(live);
          resolve({ status: 'cancelled' });
        }, this.#options.cancelGraceMs ?? 1_500);
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    const dispose = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    return { outcome, dispose };
  }

  #ensureWorker(): LiveWorker {
    if (this.#live) return this.#live;
    const worker = this.#options.makeWorker();
    const crashed = new Promise<string>((resolve) => {
      worker.addEventListener('error', (event) => resolve(event.message || 'it could not load or threw'));
      worker.addEventListener('messageerror', () => resolve('a message could not be read'));
    });
    this.#live = { worker, remote: wrap<AgentWorkerApi>(worker), crashed };
    return this.#live;
  }

  #terminate(live: LiveWorker): void {
    live.worker.terminate();
    if (this.#live === live) this.#live = undefined;
  }

  /** End the worker (page teardown). */
  dispose(): void {
    if (this.#live) this.#terminate(this.#live);
  }
}

function failed(message: string): DriverOutcome {
  return { status: 'failed', reason: 'sandbox_error', error: { code: 'worker_error', message } };
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `The agent worker failed: ${message}. Reload the page and try again; if it keeps failing, report it.`;
}
