/**
 * The page's hold on the lite sandbox's worker: the worker, the comlink Remote of its LiteHost, and a restart
 * that kills it. Calls cut short by a restart (or by a worker that failed to load) reject at once, clearly.
 */
import { SandboxError } from '../core/errors';
import type { SandboxEvent, WorkdirSnapshot } from '../sandbox/sandbox';
import type { LiteHost } from './lite-host';
import type { GitRemote } from '../git/context';
import { proxy, wrap, type Endpoint, type Remote } from './rpc';

/** A started worker: where comlink talks to it, and how to kill it. */
export interface WorkerPort {
  endpoint: Endpoint;
  terminate(): void;
}

/** Starts a worker that serves a lite sandbox (lite-host.ts); load errors go to `on.error`. */
export type WorkerFactory = (on: { error(message: string): void }) => WorkerPort;

/** A call lost its answer because the worker was terminated and replaced. */
export class WorkerRestartedError extends SandboxError {
  override name = 'WorkerRestartedError';
}

/** What the link reports besides answers. */
export interface LinkHandlers {
  event(event: SandboxEvent): void;
  snapshot(snapshot: WorkdirSnapshot): void;
}

interface Live {
  port: WorkerPort;
  remote: Remote<LiteHost>;
  /** Rejects when this worker is gone (killed, replaced, or failed to load). */
  gone: Promise<never>;
  end(error: Error): void;
}

/** One worker at a time. */
export class LiteLink {
  #live: Live;
  /** The page's git broker, lent to every worker this link starts. */
  #git: GitRemote | undefined;

  constructor(
    private readonly factory: WorkerFactory,
    private readonly handlers: LinkHandlers,
  ) {
    this.#live = this.#start();
  }

  /** Calls the worker's host; rejects as soon as the worker is gone. Errors keep their meaning (SandboxError). */
  async run<T>(call: (host: Remote<LiteHost>) => Promise<T>): Promise<T> {
    const live = this.#live;
    try {
      return await Promise.race([call(live.remote), live.gone]);
    } catch (error) {
      if (error instanceof SandboxError || !(error instanceof Error) || error.name !== 'SandboxError') throw error;
      throw new SandboxError(error.message);
    }
  }

  /** Lend the page's git broker to the worker (and to any worker started after a restart). */
  connectGit(remote: GitRemote | undefined): void {
    this.#git = remote;
    void this.#live.remote.connectGit(remote && proxy(remote)).catch(() => undefined);
  }

  /** Terminate the worker, fail every pending call with WorkerRestartedError, and start a fresh worker. */
  restart(reason: string): void {
    this.terminate(reason);
    this.#live = this.#start();
  }

  /** Terminate the worker for good; pending and later calls fail. */
  terminate(reason: string): void {
    this.#live.end(new WorkerRestartedError(reason));
    this.#live.port.terminate();
  }

  #start(): Live {
    let end: (error: Error) => void = () => undefined;
    const gone = new Promise<never>((_, reject) => (end = reject));
    gone.catch(() => undefined); // a worker nobody calls may go unheard
    const live = {} as Live;
    const port = this.factory({
      error: (message) => {
        if (this.#live !== live) return;
        const text = `The lite sandbox's worker failed: ${message}. Reload the page to retry.`;
        live.end(new SandboxError(text));
        this.handlers.event({ type: 'error', message: text });
      },
    });
    const remote = wrap<LiteHost>(port.endpoint);
    Object.assign(live, { port, remote, gone, end });
    // posted before any call, so the page hears every event and snapshot from the first call on
    const current = () => this.#live === live;
    void remote.subscribe(proxy((event: SandboxEvent) => void (current() && this.handlers.event(event)))).catch(() => undefined);
    void remote.onSnapshot(proxy((snapshot: WorkdirSnapshot) => void (current() && this.handlers.snapshot(snapshot)))).catch(() => undefined);
    if (this.#git) void remote.connectGit(proxy(this.#git)).catch(() => undefined);
    return live;
  }
}
