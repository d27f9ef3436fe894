/**
 * The agent worker's end of the sandbox across the thread boundary: the agent's Sandbox port, forwarding each
 * call to the page's SandboxHost (sandbox-host.ts) and hearing the sandbox's events from it. The plain
 * methods are made from the one list in sandbox-calls.ts.
 */
import type { ExecResult } from '../core/exec';
import { SandboxError } from '../core/errors';
import { SandboxListeners } from '../sandbox/listeners';
import type { AgentSandbox, Capabilities, ExecOptions, ProcessInfo, SandboxEvent } from '../sandbox/sandbox';
import { proxy, releaseProxy, type Remote } from './rpc';
import { CHANGING_CALLS, PLAIN_CALLS, type PlainCall, type SandboxInfo } from './sandbox-calls';
import type { SandboxHost } from './sandbox-host';

/** Options of a RemoteSandbox. */
export interface RemoteSandboxOptions {
  /** Awaited before any call that changes the work dir or processes (the run's events are stored first). */
  beforeChange?: () => Promise<void>;
}

/** Errors from the page arrive as plain Errors: give them back their meaning. */
async function viaHost<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof SandboxError ? error : new SandboxError((error as Error)?.message ?? String(error));
  }
}

// the plain methods are made in the constructor from PLAIN_CALLS; this tells the compiler they are there
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface RemoteSandbox extends Pick<AgentSandbox, PlainCall> {}

/** The agent's Sandbox port inside the agent worker. `dispose` stops hearing events and releases the host. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class RemoteSandbox implements AgentSandbox {
  readonly kind: AgentSandbox['kind'];
  readonly capabilities: Capabilities;
  readonly #host: Remote<SandboxHost>;
  readonly #beforeChange: () => Promise<void>;
  readonly #listeners = new SandboxListeners();
  #calls = 0;

  constructor(host: Remote<SandboxHost>, info: SandboxInfo, options: RemoteSandboxOptions = {}) {
    this.#host = host;
    this.kind = info.kind;
    this.capabilities = info.capabilities;
    this.#beforeChange = options.beforeChange ?? (async () => {});
    const self = this as unknown as Record<PlainCall, (...args: unknown[]) => Promise<unknown>>;
    const call = host.call as unknown as (method: PlainCall, args: unknown[]) => Promise<unknown>;
    for (const method of PLAIN_CALLS) {
      const send = (args: unknown[]) => () => call(method, args);
      self[method] = CHANGING_CALLS.has(method) ? (...args) => this.#changing(send(args)) : (...args) => viaHost(send(args));
    }
    // posted before any call on the same channel, so the page forwards every event from here on
    void host.subscribe(proxy((event: SandboxEvent) => this.#listeners.emit(event)));
  }

  /** A changing call: the host is asked once `beforeChange` has resolved. */
  #changing<T>(call: () => Promise<T>): Promise<T> {
    return viaHost(async () => {
      await this.#beforeChange();
      return call();
    });
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const { signal, onOutput, ...posted } = options;
    await this.#beforeChange();
    signal?.throwIfAborted(); // checked after the wait too: a Stop during it must not start the command
    const callId = `exec_${++this.#calls}`;
    const onAbort = () => void this.#host.abort(callId);
    signal?.addEventListener('abort', onAbort, { once: true });
    const output = onOutput ? proxy((chunk: string) => onOutput(chunk)) : undefined;
    try {
      return await viaHost(() => this.#host.exec(callId, command, posted, output));
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  startProcess(command: string, options: { onOutput?: (chunk: string) => void } = {}): Promise<ProcessInfo> {
    const { onOutput } = options;
    return this.#changing(() => this.#host.startProcess(command, onOutput ? proxy((chunk: string) => onOutput(chunk)) : undefined));
  }

  on(listener: (event: SandboxEvent) => void): () => void {
    return this.#listeners.on(listener);
  }

  /** Stop hearing the page's sandbox and let go of the host (the page's sandbox itself lives on). */
  async dispose(): Promise<void> {
    this.#listeners.clear();
    void this.#host.release().catch(() => undefined); // the page may be gone: nothing to wait for then
    this.#host[releaseProxy]();
  }
}
