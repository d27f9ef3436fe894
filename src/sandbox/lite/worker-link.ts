/** The main thread's end of the lite worker: numbered calls, their answers, and a restart that kills it. */
import { SandboxError } from '../../core/errors';
import type { SandboxEvent, WorkdirDelta } from '../sandbox';
import { asFromWorker, type FromWorker, type LiteCalls, type LiteMethod, type ToWorker } from './rpc';

/** The handle on a started worker. */
export interface WorkerPort {
  post(message: ToWorker): void;
  terminate(): void;
}

/** Starts a worker that serves a lite sandbox (rpc.ts) and routes its messages and load errors to `on`. */
export type WorkerFactory = (on: { message(data: unknown): void; error(message: string): void }) => WorkerPort;

/** A call lost its answer because the worker was terminated and replaced. */
export class WorkerRestartedError extends SandboxError {
  override name = 'WorkerRestartedError';
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** What the link reports besides answers. */
export interface LinkHandlers {
  event(event: SandboxEvent): void;
  /** What the last call changed in the work dir (the first one after a start: all of it). */
  snapshot(delta: WorkdirDelta): void;
}

/** One worker at a time, its pending calls, and the output callbacks of running commands. */
export class WorkerLink {
  #port: WorkerPort;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  readonly #outputs = new Map<number, (chunk: string) => void>();

  constructor(
    private readonly factory: WorkerFactory,
    private readonly handlers: LinkHandlers,
  ) {
    this.#port = this.#start();
  }

  /** Send a call; `onOutput` gets the chunks the worker streams under its id until `dropOutput`. */
  call<M extends LiteMethod>(
    method: M,
    args: LiteCalls[M]['args'],
    onOutput?: (chunk: string) => void,
  ): { id: number; answer: Promise<LiteCalls[M]['value']> } {
    const id = this.#nextId++;
    if (onOutput) this.#outputs.set(id, onOutput);
    const answer = new Promise<LiteCalls[M]['value']>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    });
    this.#port.post({ kind: 'call', id, method, args } as ToWorker);
    return { id, answer };
  }

  abort(id: number): void {
    if (this.#pending.has(id)) this.#port.post({ kind: 'abort', id });
  }

  dropOutput(id: number): void {
    this.#outputs.delete(id);
  }

  /** Terminate the worker, fail every pending call with WorkerRestartedError, and start a fresh worker. */
  restart(reason: string): void {
    this.terminate(reason);
    this.#port = this.#start();
  }

  /** Terminate the worker for good; pending calls fail. */
  terminate(reason: string): void {
    this.#port.terminate();
    this.#port = { post: () => undefined, terminate: () => undefined };
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    this.#outputs.clear();
    for (const call of pending) call.reject(new WorkerRestartedError(reason));
  }

  #start(): WorkerPort {
    const port = this.factory({
      message: (data) => {
        if (this.#port === port) this.#receive(data);
      },
      error: (message) => {
        if (this.#port === port) this.#fail(`The lite sandbox's worker failed: ${message}. Reload the page to retry.`);
      },
    });
    return port;
  }

  #receive(data: unknown): void {
    const message = asFromWorker(data);
    if (message === undefined) {
      this.handlers.event({ type: 'error', message: 'The lite sandbox sent a message it should not have.' });
      return;
    }
    this.#route(message);
  }

  #route(message: FromWorker): void {
    switch (message.kind) {
      case 'output':
        this.#outputs.get(message.id)?.(message.chunk);
        return;
      case 'event':
        this.handlers.event(message.event);
        return;
      case 'snapshot':
        this.handlers.snapshot(message.snapshot);
        return;
      case 'result':
      case 'error': {
        const call = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (message.kind === 'result') call?.resolve(message.value);
        else call?.reject(rebuildError(message.name, message.message));
      }
    }
  }

  #fail(message: string): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of pending) call.reject(new SandboxError(message));
    this.handlers.event({ type: 'error', message });
  }
}

function rebuildError(name: string, message: string): Error {
  if (name === 'SandboxError') return new SandboxError(message);
  const error = new Error(message);
  error.name = name;
  return error;
}
