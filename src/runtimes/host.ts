/**
 * A runtime's host, on the shell's side: one warm worker, runs one at a time, the shared directories synced
 * into the worker before each run (only what changed) and back after it. Stopping a run terminates the
 * worker; what the run wrote before the stop was reported as it happened and is kept.
 */
import { BoundedText } from './bounded-text';
import { asFromRuntime, type FileSync, type FromRuntime, type RunRequest } from './protocol';
import { readTree, writeChanges, type SharedFs } from './shared-fs';
import type { RuntimeKind, RuntimeWorker, SpawnRuntime } from './spawn';
import { applyToTree, diffTrees, emptyTree, type Tree } from './tree';

/** One command line for the runtime, with the shell's state. */
export interface RuntimeCall {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  stdin: Uint8Array;
}

/** How a run ended, as the shell reports it. */
export interface RuntimeOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Tuning of a host. */
export interface RuntimeHostOptions {
  /** Directories shared with the shell. */
  roots: readonly string[];
  /** Characters kept of each of stdout and stderr. */
  maxOutputChars: number;
  /** The command's name in messages (`python3`, `node`). */
  name: string;
}

/** Exit code of a run stopped by its signal (the shell reports 124 for a timeout itself). */
export const EXIT_STOPPED = 130;

type Ending =
  | { kind: 'done'; exitCode: number; changes: FileSync }
  | { kind: 'failed'; message: string }
  | { kind: 'crashed'; message: string }
  | { kind: 'stopped' };

interface Live {
  handle: RuntimeWorker;
  /** What the worker holds of the shared directories. */
  mirror: Tree;
  /** Where the current run's messages go. */
  route?: (message: FromRuntime) => void;
  crash?: (message: string) => void;
}

/** The host of one runtime (Python or JavaScript). */
export class RuntimeHost {
  #live: Live | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #nextId = 1;
  #spawner: Promise<SpawnRuntime> | undefined;

  constructor(
    private readonly kind: RuntimeKind,
    private readonly spawn: () => Promise<SpawnRuntime>,
    private readonly options: RuntimeHostOptions,
  ) {}

  /** Run one command line; runs wait for each other. The signal stops it (and the worker with it). */
  run(fs: SharedFs, call: RuntimeCall, signal?: AbortSignal): Promise<RuntimeOutcome> {
    const next = this.#queue.then(() => this.#run(fs, call, signal));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** True while a worker is up (warm). */
  get warm(): boolean {
    return this.#live !== undefined;
  }

  /** Terminate the worker; the next run starts a fresh one. */
  dispose(): void {
    this.#live?.handle.terminate();
    this.#live = undefined;
  }

  async #run(fs: SharedFs, call: RuntimeCall, signal?: AbortSignal): Promise<RuntimeOutcome> {
    if (signal?.aborted) return { stdout: '', stderr: '', exitCode: EXIT_STOPPED };
    const live = await this.#start();
    const roots = this.options.roots;
    const current = await readTree(fs, roots);
    const request: RunRequest = { ...call, roots: [...roots], sync: diffTrees(live.mirror, current) };
    live.mirror = current;
    const id = this.#nextId++;
    const stdout = new BoundedText(this.options.maxOutputChars);
    const stderr = new BoundedText(this.options.maxOutputChars);
    const journal = emptyTree();
    const removedNow: string[] = [];
    const ending = await new Promise<Ending>((resolve) => {
      const onAbort = (): void => resolve({ kind: 'stopped' });
      signal?.addEventListener('abort', onAbort, { once: true });
      live.crash = (message) => resolve({ kind: 'crashed', message });
      live.route = (message) => {
        if (message.id !== id) return;
        if (message.kind === 'stdout') stdout.append(message.chunk);
        else if (message.kind === 'stderr') stderr.append(message.chunk);
        else if (message.kind === 'file') applyToTree(journal, { files: [message.change], removed: [], dirs: [] });
        else if (message.kind === 'removed') {
          applyToTree(journal, { files: [], removed: [message.path], dirs: [] });
          removedNow.push(message.path);
        } else if (message.kind === 'done' || message.kind === 'failed') {
          signal?.removeEventListener('abort', onAbort);
          resolve(message);
        }
      };
      live.handle.hold?.(true);
      live.handle.post({ kind: 'run', id, request });
    });
    live.handle.hold?.(false);
    live.route = undefined;
    live.crash = undefined;
    return this.#finish(fs, ending, { stdout: stdout.text(), stderr: stderr.text(), journal, removedNow });
  }

  async #finish(
    fs: SharedFs,
    ending: Ending,
    run: { stdout: string; stderr: string; journal: Tree; removedNow: string[] },
  ): Promise<RuntimeOutcome> {
    const roots = this.options.roots;
    if (ending.kind === 'done') {
      await writeChanges(fs, ending.changes, roots);
      if (this.#live) applyToTree(this.#live.mirror, ending.changes);
      return { stdout: run.stdout, stderr: run.stderr, exitCode: ending.exitCode };
    }
    this.dispose();
    // keep what the run wrote before it ended
    const kept: FileSync = { files: [...run.journal.files].map(([path, data]) => ({ path, data })), removed: run.removedNow, dirs: [] };
    await writeChanges(fs, kept, roots);
    const name = this.options.name;
    if (ending.kind === 'stopped') return { stdout: run.stdout, stderr: run.stderr, exitCode: EXIT_STOPPED };
    if (ending.kind === 'failed') return { stdout: run.stdout, stderr: `${run.stderr}${name}: ${ending.message}\n`, exitCode: 1 };
    const note = `${name}: the runtime stopped unexpectedly (${ending.message}); it starts afresh on the next command.\n`;
    return { stdout: run.stdout, stderr: run.stderr + note, exitCode: 1 };
  }

  async #start(): Promise<Live> {
    if (this.#live) return this.#live;
    this.#spawner ??= this.spawn();
    const spawn = await this.#spawner;
    const live: Live = { handle: { post: () => undefined, terminate: () => undefined }, mirror: emptyTree() };
    live.handle = await spawn(this.kind, {
      message: (data) => {
        const message = asFromRuntime(data);
        if (message !== undefined) live.route?.(message);
      },
      error: (message) => {
        if (live.crash) live.crash(message);
        else if (this.#live === live) this.dispose(); // died while idle: the next run starts afresh
      },
    });
    this.#live = live;
    return live;
  }
}
