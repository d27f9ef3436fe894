/**
 * The page's end of the sandbox across the thread boundary. The page owns the real Sandbox (WebContainer needs
 * the DOM; the lite sandbox lives in its own worker behind a main-thread client) and lends it to the agent
 * worker as a SandboxHost; remote-sandbox.ts is the other end. Signals and callbacks cannot be posted: a
 * command's abort travels as `abort(callId)`, its output and the sandbox's events as proxied callbacks. Output
 * and events travel on other channels than answers: each answer waits (bounded) until what the sandbox
 * reported before it has landed, so the worker hears a process end before it reads the process list.
 */
import type { ExecResult } from '../core/exec';
import type { AgentSandbox, ProcessInfo, SandboxEvent } from '../sandbox/sandbox';
import { releaseProxy } from './rpc';
import { PLAIN_CALLS, settledWithin, type PlainCall, type PostedExecOptions } from './sandbox-calls';

/** The page-side face of the sandbox that the agent worker calls. */
export interface SandboxHost {
  /** One of the plain methods (sandbox-calls.ts), with its arguments as they were posted. */
  call<M extends PlainCall>(method: M, args: Parameters<AgentSandbox[M]>): ReturnType<AgentSandbox[M]>;
  exec(callId: string, command: string, options: PostedExecOptions, onOutput?: (chunk: string) => void): Promise<ExecResult>;
  startProcess(command: string, onOutput?: (chunk: string) => void): Promise<ProcessInfo>;
  abort(callId: string): void;
  /** Abort every command still running (Stop). */
  abortAll(): void;
  /** Forward the sandbox's events to `listener` (one listener per host; a new one replaces it). */
  subscribe(listener: (event: SandboxEvent) => unknown): void;
  /** Stop forwarding events and abort what still runs (the run is over, or its worker is gone). */
  release(): void;
}

/** Let go of a command's proxied output callback once it has ended (its channel closes on the other side too). */
function release(callback: unknown): void {
  const remote = callback as { [releaseProxy]?: () => unknown } | undefined;
  if (typeof remote?.[releaseProxy] === 'function') Promise.resolve(remote[releaseProxy]()).catch(() => undefined);
}

/** How long an answer waits for output and events reported before it to land. */
const FLUSH_BOUND_MS = 1_000;

/** Lend `sandbox` to the agent worker; `abortAll` is the Stop button's way in, `release` the run's end. */
export function createSandboxHost(sandbox: AgentSandbox): SandboxHost {
  const running = new Map<string, AbortController>();
  let unsubscribe = () => {};
  let delivered: unknown; // the last event's delivery: comlink answers a proxied call once it has run
  const answer = async <T>(value: Promise<T>): Promise<T> => {
    const result = await value;
    await settledWithin(delivered, FLUSH_BOUND_MS);
    return result;
  };
  const plain = new Set<string>(PLAIN_CALLS);
  return {
    call(method, args) {
      if (!plain.has(method)) throw new TypeError(`The sandbox has no method ${String(method)} to call from the worker.`);
      const run = sandbox[method] as (...posted: unknown[]) => Promise<unknown>;
      return answer(run.apply(sandbox, args)) as ReturnType<AgentSandbox[typeof method]>;
    },
    async exec(callId, command, options, onOutput) {
      const controller = new AbortController();
      running.set(callId, controller);
      let output: unknown;
      const forward = onOutput && ((chunk: string) => void (output = onOutput(chunk)));
      try {
        const result = await sandbox.exec(command, { ...options, signal: controller.signal, ...(forward && { onOutput: forward }) });
        await settledWithin(output, FLUSH_BOUND_MS);
        return await answer(Promise.resolve(result));
      } finally {
        running.delete(callId);
        release(onOutput);
      }
    },
    startProcess: (command, onOutput) => answer(sandbox.startProcess(command, onOutput ? { onOutput } : {})),
    abort: (callId) => running.get(callId)?.abort(),
    abortAll: () => running.forEach((controller) => controller.abort()),
    subscribe(listener) {
      unsubscribe();
      unsubscribe = sandbox.on((event) => void (delivered = listener(event)));
    },
    release() {
      unsubscribe();
      unsubscribe = () => {};
      delivered = undefined;
      running.forEach((controller) => controller.abort());
    },
  };
}
