/**
 * The lite sandbox as seen from the page: the Sandbox port over a worker that hosts a LiteSandbox (lite-host.ts
 * is the worker's end, lite-link.ts the page's hold on it). A busy script blocks the worker's thread, so a stop
 * it does not answer in time terminates the worker, starts a fresh one and restores the last snapshot.
 */
import type { ExecResult } from '../core/exec';
import { SandboxError } from '../core/errors';
import type {
  Capabilities,
  ExecOptions,
  FileEntry,
  ProcessInfo,
  ProcessOutput,
  Sandbox,
  SandboxEvent,
  WorkdirChanges,
  WorkdirSnapshot,
} from '../sandbox/sandbox';
import { LITE_CAPABILITIES } from '../sandbox/lite/capabilities';
import { SandboxListeners } from '../sandbox/listeners';
import { watchStop, type StopReason } from '../sandbox/lite/watchdog';
import { unknownProcess } from '../sandbox/lite/processes';
import type { LiteHost } from './lite-host';
import type { GitRemote } from '../git/context';
import { LiteLink, WorkerRestartedError, type WorkerFactory } from './lite-link';
import { proxy, type Remote } from './rpc';
import { PAGE_CALLS, type PageCall, type PlainCall } from './sandbox-calls';

export { WorkerRestartedError, type WorkerFactory, type WorkerPort } from './lite-link';

/** Starts the lite sandbox's Web Worker (browsers; Vite bundles lite-worker.ts from this URL). */
export const browserWorkerFactory: WorkerFactory = (on) => {
  const worker = new Worker(new URL('./lite-worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('error', (event: ErrorEvent) => on.error(event.message || 'it did not load'));
  return { endpoint: worker, terminate: () => worker.terminate() };
};

/** Tuning of the worker client. */
export interface LiteWorkerSandboxOptions {
  /** Starts the worker; default: the browser's Web Worker on worker.ts. */
  workerFactory?: WorkerFactory;
  /** How long a stop (abort or timeout) may go unanswered before the worker is killed (default 300 ms). */
  killAfterMs?: number;
  /** Bound on restoring the snapshot into a fresh worker, and on dispose (default 10 s). */
  restoreTimeoutMs?: number;
}

const EXIT_KILLED = 137;

/** What the person and the model read when the worker had to be killed to stop a command. */
export function restartNote(reason: StopReason, timeoutMs?: number): string {
  const what = reason === 'timeout' ? `Timed out after ${timeoutMs} ms and stopped` : 'Stopped before it finished';
  return (
    `[${what}. The lite sandbox did not respond, so it was restarted: its output is lost, the work dir was ` +
    `restored to the last snapshot (taken after the last command that changed files), the shell's cwd and ` +
    `variables were reset to their start, and background processes were stopped.]\n`
  );
}

interface TrackedProcess {
  workerId: string;
  generation: number;
  info: ProcessInfo;
  /** Set once the process died with its worker. */
  killedOutput?: string;
}

/** The Sandbox port on a lite sandbox in a worker of its own. */
export class LiteWorkerSandbox implements Sandbox {
  readonly kind = 'lite';
  readonly capabilities: Capabilities = LITE_CAPABILITIES;
  readonly #link: LiteLink;
  readonly #killAfterMs: number;
  readonly #restoreTimeoutMs: number;
  readonly #listeners = new SandboxListeners();
  readonly #processes = new Map<string, TrackedProcess>();
  /** Process events that arrived before startProcess's answer (a process that ended at once). */
  #early = new Map<string, SandboxEvent[]>();
  #generation = 0;
  #nextProcess = 1;
  #nextCall = 1;
  #lastSnapshot: WorkdirSnapshot | undefined;
  #ready: Promise<void> = Promise.resolve();
  #disposed = false;

  constructor(options: LiteWorkerSandboxOptions = {}) {
    this.#killAfterMs = options.killAfterMs ?? 300;
    this.#restoreTimeoutMs = options.restoreTimeoutMs ?? 10_000;
    this.#link = new LiteLink(options.workerFactory ?? browserWorkerFactory, {
      event: (event) => this.#onWorkerEvent(event),
      snapshot: (snapshot) => {
        this.#lastSnapshot = snapshot;
      },
    });
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    await this.#live();
    const started = performance.now();
    const { onOutput, signal, ...posted } = options;
    const { timeoutMs } = posted;
    const callId = `exec_${this.#nextCall++}`;
    // output stops at the answer: a chunk that lands after it (or after a restart) is not this command's any more
    let live = true;
    const output = onOutput && proxy((chunk: string) => void (live && onOutput(chunk)));
    const answer = this.#link.run((host) => host.exec(callId, command, posted, output));
    const abort = (): void => void this.#link.run((host) => host.abort(callId)).catch(() => undefined);
    const watchdog = watchStop({ timeoutMs, signal, killAfterMs: this.#killAfterMs, abort });
    try {
      const first = await Promise.race([answer.then((result) => ({ result })), watchdog.expired]);
      if ('result' in first) return first.result;
      this.#restart(`a command did not stop (${first.reason})`);
      return this.#killedResult(first.reason, timeoutMs, started, onOutput);
    } catch (error) {
      if (!(error instanceof WorkerRestartedError)) throw error;
      return this.#killedResult(watchdog.reason() ?? 'abort', timeoutMs, started, onOutput);
    } finally {
      watchdog.dispose();
      live = false;
    }
  }

  async readFile(path: string): Promise<Uint8Array> {
    return this.#call('readFile', [path]);
  }

  async readTextFile(path: string): Promise<string> {
    return this.#call('readTextFile', [path]);
  }

  async writeFile(path: string, content: string | Uint8Array): Promise<void> {
    return this.#call('writeFile', [path, content]);
  }

  async list(path?: string, options: { recursive?: boolean } = {}): Promise<FileEntry[]> {
    return this.#call('list', [path, options]);
  }

  async exists(path: string): Promise<boolean> {
    return this.#call('exists', [path]);
  }

  async remove(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    return this.#call('remove', [path, options]);
  }

  async rename(from: string, to: string): Promise<void> {
    return this.#call('rename', [from, to]);
  }

  async startProcess(command: string, options: { onOutput?: (chunk: string) => void } = {}): Promise<ProcessInfo> {
    await this.#live();
    const generation = this.#generation;
    const { onOutput } = options;
    // a process's output ends with it, or with its worker (then no chunk can come)
    const output = onOutput && proxy((chunk: string) => onOutput(chunk));
    const info = await this.#link.run((host) => host.startProcess(command, output));
    const visible = { ...info, id: `p${this.#nextProcess++}` };
    const tracked = { workerId: info.id, generation, info: visible };
    this.#processes.set(tracked.info.id, tracked);
    const early = generation === this.#generation ? this.#early.get(info.id) : undefined;
    this.#early.delete(info.id);
    for (const event of early ?? []) this.#onWorkerEvent(event);
    return { ...tracked.info };
  }

  async listProcesses(): Promise<ProcessInfo[]> {
    await this.#live();
    return [...this.#processes.values()].map((tracked) => ({ ...tracked.info }));
  }

  async processOutput(id: string): Promise<ProcessOutput> {
    const tracked = this.#process(id);
    if (tracked.killedOutput !== undefined) return { ...tracked.info, output: tracked.killedOutput };
    const output = await this.#call('processOutput', [tracked.workerId]);
    return { ...output, id };
  }

  async stopProcess(id: string): Promise<void> {
    const tracked = this.#process(id);
    if (tracked.killedOutput !== undefined) return;
    await this.#call('stopProcess', [tracked.workerId]);
  }

  async exportZip(options: { excludes?: string[] } = {}): Promise<Uint8Array> {
    return this.#call('exportZip', [options]);
  }

  async snapshot(options: { excludes?: string[] } = {}): Promise<WorkdirSnapshot> {
    return this.#call('snapshot', [options]);
  }

  async snapshotSince(options: { since?: string; excludes?: string[] } = {}): Promise<WorkdirChanges> {
    return this.#call('snapshotSince', [options]);
  }

  async restore(snapshot: WorkdirSnapshot): Promise<void> {
    await this.#call('restore', [snapshot]);
    this.#lastSnapshot = snapshot;
  }

  /**
   * Connect the page's git broker: `git clone/fetch/pull/push` typed in this sandbox reach the network only
   * through it (the token stays on the page).
   */
  connectGit(remote: GitRemote | undefined): void {
    this.#link.connectGit(remote);
  }

  on(listener: (event: SandboxEvent) => void): () => void {
    return this.#listeners.on(listener);
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    const farewell = this.#link.run((host) => host.dispose()).catch(() => undefined);
    await Promise.race([farewell, delay(this.#restoreTimeoutMs)]);
    this.#link.terminate('the lite sandbox was disposed');
    this.#listeners.clear();
  }

  /** One of the sandbox's plain methods, or one of the page's own, in the worker. */
  async #call<M extends PlainCall | PageCall>(method: M, args: Parameters<NonNullable<Sandbox[M]>>): Promise<Awaited<ReturnType<NonNullable<Sandbox[M]>>>> {
    await this.#live();
    const send = (host: Remote<LiteHost>) =>
      (isPage(method) ? host.page(method, args as never) : host.call(method as PlainCall, args as never)) as Promise<Awaited<ReturnType<NonNullable<Sandbox[M]>>>>;
    return this.#link.run(send);
  }

  async #live(): Promise<void> {
    if (this.#disposed) throw new SandboxError('The lite sandbox was disposed: create a new one.');
    await this.#ready;
  }

  /** Kill the worker, start a fresh one with the last snapshot, and end the processes that died with it. */
  #restart(reason: string): void {
    this.#generation++;
    this.#early = new Map();
    this.#link.restart(`The lite sandbox was restarted because ${reason}.`);
    for (const tracked of this.#processes.values()) {
      if (!tracked.info.running) continue;
      tracked.info = { ...tracked.info, running: false, exitCode: EXIT_KILLED };
      tracked.killedOutput = '[stopped: the lite sandbox was restarted to stop a command that did not respond]\n';
      this.#listeners.emit({ type: 'process-exit', id: tracked.info.id, exitCode: EXIT_KILLED });
    }
    const snapshot = this.#lastSnapshot;
    if (snapshot === undefined) return;
    const restored = this.#link.run((host) => host.page('restore', [snapshot]) as Promise<void>);
    const bounded = Promise.race([
      restored,
      delay(this.#restoreTimeoutMs).then(() => Promise.reject(new SandboxError('restoring took too long'))),
    ]);
    // the next calls wait for this; the stopped command's answer does not
    this.#ready = bounded.catch((error: unknown) => {
      const message = `The restarted lite sandbox could not restore the work dir: ${String(error)}`;
      this.#listeners.emit({ type: 'error', message });
    });
  }

  #killedResult(
    reason: StopReason,
    timeoutMs: number | undefined,
    started: number,
    onOutput?: (chunk: string) => void,
  ): ExecResult {
    const output = restartNote(reason, timeoutMs);
    onOutput?.(output);
    const timedOut = reason === 'timeout';
    const durationMs = Math.round(performance.now() - started);
    return { exitCode: timedOut ? 124 : 130, output, timedOut, outputLost: true, durationMs };
  }

  #onWorkerEvent(event: SandboxEvent): void {
    if (event.type !== 'process-exit' && event.type !== 'process-output') return this.#listeners.emit(event);
    const tracked = [...this.#processes.values()].find(
      (candidate) => candidate.generation === this.#generation && candidate.workerId === event.id,
    );
    if (tracked === undefined) {
      this.#early.set(event.id, [...(this.#early.get(event.id) ?? []), event]);
      return;
    }
    if (event.type === 'process-exit') tracked.info = { ...tracked.info, running: false, exitCode: event.exitCode };
    this.#listeners.emit({ ...event, id: tracked.info.id });
  }

  #process(id: string): TrackedProcess {
    const tracked = this.#processes.get(id);
    if (tracked === undefined) {
      throw unknownProcess(id, [...this.#processes.keys()]);
    }
    return tracked;
  }

}

const PAGE: ReadonlySet<string> = new Set(PAGE_CALLS);

function isPage(method: PlainCall | PageCall): method is PageCall {
  return PAGE.has(method);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
