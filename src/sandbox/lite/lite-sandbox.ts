/** The lite sandbox: the Sandbox port on just-bash, in Node or in a worker of its own. */
import type { ExecResult } from '../../core/exec';
import { SandboxError } from '../../core/errors';
import { DEFAULT_OUTPUT_CAP } from '../output';
import { SandboxListeners } from '../listeners';
import type {
  Capabilities,
  ExecOptions,
  FileEntry,
  ProcessInfo,
  ProcessOutput,
  Sandbox,
  SandboxEvent,
  WorkdirSnapshot,
} from '../sandbox';
import type { WorkdirChanges } from '../../core/workdir';
import { zipSnapshot } from '../zip';
import { LITE_CAPABILITIES } from './capabilities';
import { Runtimes } from '../../runtimes/runtimes';
import type { SpawnRuntime } from '../../runtimes/spawn';
import { WORKDIR } from '../sandbox';
import { liteCommands } from './commands';
import { Engine, type ExecutionLimits } from './engine';
import { LiteFiles } from './files';
import { LiteProcesses } from './processes';
import { LiteShell } from './shell';

/** Tuning of a lite sandbox; every field has a sensible default. */
export interface LiteSandboxOptions {
  /** just-bash execution limits over ours (loop iterations, command count, output size …). */
  limits?: ExecutionLimits;
  /** Cap on one command's output, in characters (default 1 000 000). */
  maxOutputChars?: number;
  /** How long `startProcess` waits for a quick process to end before returning it running (default 300 ms). */
  processSettleMs?: number;
  /** How long a stopped command may take to acknowledge the stop (default 250 ms). */
  stopGraceMs?: number;
  /**
   * Python and JavaScript runtimes to use (shared, e.g. one warm runtime across a test file; the sandbox
   * then leaves them running when disposed), or how to start this sandbox's own.
   */
  runtimes?: Runtimes | { spawn: SpawnRuntime };
}

/** The directories a runtime shares with the shell. */
export const RUNTIME_ROOTS: readonly string[] = [WORKDIR, '/tmp'];

/** The Sandbox port on just-bash. */
export class LiteSandbox implements Sandbox {
  readonly kind = 'lite';
  readonly capabilities: Capabilities = LITE_CAPABILITIES;
  readonly #engine: Engine;
  readonly #files: LiteFiles;
  readonly #shell: LiteShell;
  readonly #processes: LiteProcesses;
  readonly #listeners = new SandboxListeners();
  readonly #runtimes: Runtimes;
  readonly #ownsRuntimes: boolean;
  #disposed = false;

  constructor(options: LiteSandboxOptions = {}) {
    const stopGraceMs = options.stopGraceMs ?? 250;
    const maxOutputChars = options.maxOutputChars ?? DEFAULT_OUTPUT_CAP;
    this.#ownsRuntimes = !(options.runtimes instanceof Runtimes);
    this.#runtimes =
      options.runtimes instanceof Runtimes
        ? options.runtimes
        : new Runtimes({ roots: RUNTIME_ROOTS, spawn: options.runtimes?.spawn, maxOutputChars });
    this.#engine = new Engine(options.limits, liteCommands(this.#runtimes, () => this.#engine.fs));
    this.#files = new LiteFiles(this.#engine.fs);
    this.#shell = new LiteShell(this.#engine, { maxOutputChars, stopGraceMs });
    this.#processes = new LiteProcesses(
      this.#engine,
      { settleMs: options.processSettleMs ?? 300, stopGraceMs, maxOutputChars, tailLines: 50 },
      (event) => this.#listeners.emit(event),
    );
  }

  /** How many times the work dir's file system changed; a host snapshots when this moves. */
  get changeCount(): number {
    return this.#engine.changes;
  }

  async exec(command: string, options?: ExecOptions): Promise<ExecResult> {
    this.#live();
    return this.#shell.exec(command, options);
  }

  async readFile(path: string): Promise<Uint8Array> {
    this.#live();
    return this.#files.readFile(path);
  }

  async readTextFile(path: string): Promise<string> {
    this.#live();
    return this.#files.readTextFile(path);
  }

  async writeFile(path: string, content: string | Uint8Array): Promise<void> {
    this.#live();
    return this.#files.writeFile(path, content);
  }

  async list(path?: string, options?: { recursive?: boolean }): Promise<FileEntry[]> {
    this.#live();
    await this.#engine.ensureDirs();
    return this.#files.list(path, options);
  }

  async exists(path: string): Promise<boolean> {
    this.#live();
    return this.#files.exists(path);
  }

  async remove(path: string, options?: { recursive?: boolean }): Promise<void> {
    this.#live();
    return this.#files.remove(path, options);
  }

  async rename(from: string, to: string): Promise<void> {
    this.#live();
    return this.#files.rename(from, to);
  }

  async startProcess(command: string, options: { onOutput?: (chunk: string) => void } = {}): Promise<ProcessInfo> {
    this.#live();
    return this.#processes.start(command, this.#shell.state, options.onOutput);
  }

  async listProcesses(): Promise<ProcessInfo[]> {
    this.#live();
    return this.#processes.list();
  }

  async processOutput(id: string): Promise<ProcessOutput> {
    this.#live();
    return this.#processes.output(id);
  }

  async stopProcess(id: string): Promise<void> {
    this.#live();
    return this.#processes.stop(id);
  }

  async exportZip(options: { excludes?: string[] } = {}): Promise<Uint8Array> {
    this.#live();
    await this.#engine.ensureDirs();
    return zipSnapshot(await this.#files.snapshot(), options);
  }

  async snapshot(options: { excludes?: string[] } = {}): Promise<WorkdirSnapshot> {
    this.#live();
    await this.#engine.ensureDirs();
    return this.#files.snapshot(options.excludes);
  }

  /** The work dir from `since` on: only what changed since that cursor, or all of it when that cannot be told. */
  async snapshotSince(options: { since?: string; excludes?: string[] } = {}): Promise<WorkdirChanges> {
    this.#live();
    await this.#engine.ensureDirs();
    return this.#files.changes(this.#engine.changeLog, options.since, options.excludes);
  }

  /** Replace the work dir; running processes are stopped and the shell starts afresh. */
  async restore(snapshot: WorkdirSnapshot): Promise<void> {
    this.#live();
    await this.#processes.stopAll();
    await this.#engine.ensureDirs();
    await this.#files.restore(snapshot);
    this.#shell.reset();
  }

  on(listener: (event: SandboxEvent) => void): () => void {
    return this.#listeners.on(listener);
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    await this.#processes.stopAll();
    if (this.#ownsRuntimes) this.#runtimes.dispose();
    this.#listeners.clear();
  }


  #live(): void {
    if (this.#disposed) throw new SandboxError('The lite sandbox was disposed: create a new one.');
  }
}
