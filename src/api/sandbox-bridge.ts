/**
 * The sandbox across the worker boundary. The page owns the real Sandbox (WebContainer needs the DOM; the lite
 * sandbox lives in its own worker behind a main-thread client) and exposes it as a SandboxHost; the agent worker
 * sees it as a RemoteSandbox that implements the same port. Signals and callbacks cannot be posted: a command's
 * abort travels as `abort(callId)`, its output as a proxied callback.
 */
import type { ExecResult } from '../core';
import { SandboxError } from '../core/errors';
import type {
  Capabilities,
  ExecOptions,
  FileEntry,
  ProcessInfo,
  ProcessOutput,
  Sandbox,
  SandboxEvent,
  WorkdirSnapshot,
} from '../sandbox/sandbox';
import { proxy, releaseProxy, type Remote } from './rpc';

/** A command's options as they can be posted (no signal, no callback). */
export type PostedExecOptions = Omit<ExecOptions, 'signal' | 'onOutput'>;

/** The page-side face of the sandbox that the agent worker calls. */
export interface SandboxHost {
  exec(callId: string, command: string, options: PostedExecOptions, onOutput?: (chunk: string) => void): Promise<ExecResult>;
  abort(callId: string): void;
  /** Abort every command still running (Stop). */
  abortAll(): void;
  readFile(path: string): Promise<Uint8Array>;
  readTextFile(path: string): Promise<string>;
  writeFile(path: string, content: string | Uint8Array): Promise<void>;
  list(path?: string, options?: { recursive?: boolean }): Promise<FileEntry[]>;
  exists(path: string): Promise<boolean>;
  remove(path: string, options?: { recursive?: boolean }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  startProcess(command: string, onOutput?: (chunk: string) => void): Promise<ProcessInfo>;
  listProcesses(): Promise<ProcessInfo[]>;
  processOutput(id: string): Promise<ProcessOutput>;
  stopProcess(id: string): Promise<void>;
  exportZip(options?: { excludes?: string[] }): Promise<Uint8Array>;
  snapshot(options?: { excludes?: string[] }): Promise<WorkdirSnapshot>;
  restore(snapshot: WorkdirSnapshot): Promise<void>;
}

/** What the worker must know of the sandbox up front (its `kind` and `capabilities` are read synchronously). */
export interface SandboxInfo {
  kind: Sandbox['kind'];
  capabilities: Capabilities;
}

/** Wrap the page's sandbox as a host; `abortAll` is the Stop button's way in. */
export function createSandboxHost(sandbox: Sandbox): SandboxHost {
  const running = new Map<string, AbortController>();
  return {
    async exec(callId, command, options, onOutput) {
      const controller = new AbortController();
      running.set(callId, controller);
      let delivered: unknown;
      const forward = onOutput && ((chunk: string) => void (delivered = onOutput(chunk)));
      try {
        const result = await sandbox.exec(command, { ...options, signal: controller.signal, ...(forward && { onOutput: forward }) });
        // output and result travel on different channels: let the last chunk land before the result does
        await settledWithin(delivered, FLUSH_BOUND_MS);
        return result;
      } finally {
        running.delete(callId);
      }
    },
    abort: (callId) => running.get(callId)?.abort(),
    abortAll: () => running.forEach((controller) => controller.abort()),
    readFile: (path) => sandbox.readFile(path),
    readTextFile: (path) => sandbox.readTextFile(path),
    writeFile: (path, content) => sandbox.writeFile(path, content),
    list: (path, options) => sandbox.list(path, options),
    exists: (path) => sandbox.exists(path),
    remove: (path, options) => sandbox.remove(path, options),
    rename: (from, to) => sandbox.rename(from, to),
    startProcess: (command, onOutput) => sandbox.startProcess(command, onOutput ? { onOutput } : {}),
    listProcesses: () => sandbox.listProcesses(),
    processOutput: (id) => sandbox.processOutput(id),
    stopProcess: (id) => sandbox.stopProcess(id),
    exportZip: (options) => sandbox.exportZip(options),
    snapshot: (options) => sandbox.snapshot(options),
    restore: (snapshot) => sandbox.restore(snapshot),
  };
}

const FLUSH_BOUND_MS = 1_000;

/** Wait for `value` if it is a promise, at most `ms`; its failure is the caller's to see elsewhere. */
export async function settledWithin(value: unknown, ms: number): Promise<void> {
  if (!(value instanceof Promise)) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([value.then(() => undefined, () => undefined), bound]);
  clearTimeout(timer);
}

/** Errors from the page arrive as plain Errors: give them back their meaning. */
async function viaHost<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof SandboxError ? error : new SandboxError((error as Error)?.message ?? String(error));
  }
}

/** Options of a RemoteSandbox. */
export interface RemoteSandboxOptions {
  /** Awaited before any call that changes the work dir or processes (the run's events are stored first). */
  beforeChange?: () => Promise<void>;
}

/** The Sandbox port inside the agent worker, forwarding every call to the page's host. */
export class RemoteSandbox implements Sandbox {
  readonly kind: Sandbox['kind'];
  readonly capabilities: Capabilities;
  readonly #host: Remote<SandboxHost>;
  readonly #beforeChange: () => Promise<void>;
  #calls = 0;

  constructor(host: Remote<SandboxHost>, info: SandboxInfo, options: RemoteSandboxOptions = {}) {
    this.#host = host;
    this.kind = info.kind;
    this.capabilities = info.capabilities;
    this.#beforeChange = options.beforeChange ?? (async () => {});
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

  readFile = (path: string) => viaHost(() => this.#host.readFile(path));
  readTextFile = (path: string) => viaHost(() => this.#host.readTextFile(path));
  writeFile = (path: string, content: string | Uint8Array) => this.#changing(() => this.#host.writeFile(path, content));
  list = (path?: string, options?: { recursive?: boolean }) => viaHost(() => this.#host.list(path, options));
  exists = (path: string) => viaHost(() => this.#host.exists(path));
  remove = (path: string, options?: { recursive?: boolean }) => this.#changing(() => this.#host.remove(path, options));
  rename = (from: string, to: string) => this.#changing(() => this.#host.rename(from, to));

  startProcess(command: string, options: { onOutput?: (chunk: string) => void } = {}): Promise<ProcessInfo> {
    const { onOutput } = options;
    return this.#changing(() => this.#host.startProcess(command, onOutput ? proxy((c: string) => onOutput(c)) : undefined));
  }

  listProcesses = () => viaHost(() => this.#host.listProcesses());
  processOutput = (id: string) => viaHost(() => this.#host.processOutput(id));
  stopProcess = (id: string) => this.#changing(() => this.#host.stopProcess(id));
  exportZip = (options?: { excludes?: string[] }) => viaHost(() => this.#host.exportZip(options));
  snapshot = (options?: { excludes?: string[] }) => viaHost(() => this.#host.snapshot(options));
  restore = (snapshot: WorkdirSnapshot) => this.#changing(() => this.#host.restore(snapshot));

  /** Sandbox events stay on the page (the UI listens there); the agent polls processes instead. */
  on(_listener: (event: SandboxEvent) => void): () => void {
    return () => {};
  }

  async dispose(): Promise<void> {
    this.#host[releaseProxy]();
  }
}
