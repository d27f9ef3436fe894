/**
 * The messages between a runtime's host (the lite sandbox's `python3` or `node` command) and the worker that
 * runs Pyodide or QuickJS. The same messages cross a browser Web Worker and a Node worker thread.
 */

/** One file's bytes, by absolute path. */
export interface FileChange {
  path: string;
  data: Uint8Array;
}

/** How one side's files differ from the other's: files to write, paths to remove, directories to make. */
export interface FileSync {
  files: FileChange[];
  removed: string[];
  dirs: string[];
}

/** What a runtime worker is told once, before its first run. */
export interface RuntimeConfig {
  /** Where Pyodide's wasm, standard library and lock file are served (browsers); Node loads them from the package. */
  pyodideIndexURL?: string;
  /** Where micropip and Pyodide-built packages come from (default: Pyodide's CDN for its version). */
  pyodidePackageBaseUrl?: string;
  /** Node only: where downloaded packages are cached. */
  pyodidePackageCacheDir?: string;
  /** The limit on one QuickJS run's heap, in bytes. */
  memoryLimitBytes?: number;
}

/** One command line for the runtime, with the shell's state and the files it should see. */
export interface RunRequest {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  stdin: Uint8Array;
  /** Directories shared with the shell; their files are synced both ways. */
  roots: string[];
  /** The changes since the worker's last run (everything, for a fresh worker). */
  sync: FileSync;
}

/** Host → runtime worker. */
export type ToRuntime = { kind: 'init'; config: RuntimeConfig } | { kind: 'run'; id: number; request: RunRequest };

/**
 * Runtime worker → host. `file` and `removed` report each change as it happens, so the host keeps what a run
 * wrote before it was stopped; `done` carries the authoritative changes of a run that ended.
 */
export type FromRuntime =
  | { kind: 'stdout' | 'stderr'; id: number; chunk: string }
  | { kind: 'file'; id: number; change: FileChange }
  | { kind: 'removed'; id: number; path: string }
  | { kind: 'done'; id: number; exitCode: number; changes: FileSync }
  | { kind: 'failed'; id: number; message: string };

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** The message as a FromRuntime, or undefined when it is not one. */
export function asFromRuntime(value: unknown): FromRuntime | undefined {
  const message = record(value);
  if (message === undefined || typeof message.id !== 'number') return undefined;
  switch (message.kind) {
    case 'stdout':
    case 'stderr':
      return typeof message.chunk === 'string' ? (message as FromRuntime) : undefined;
    case 'file':
      return typeof record(message.change)?.path === 'string' ? (message as FromRuntime) : undefined;
    case 'removed':
      return typeof message.path === 'string' ? (message as FromRuntime) : undefined;
    case 'done':
      return typeof message.exitCode === 'number' && record(message.changes) ? (message as FromRuntime) : undefined;
    case 'failed':
      return typeof message.message === 'string' ? (message as FromRuntime) : undefined;
    default:
      return undefined;
  }
}

/** The message as a ToRuntime, or undefined when it is not one. */
export function asToRuntime(value: unknown): ToRuntime | undefined {
  const message = record(value);
  if (message?.kind === 'init') return record(message.config) ? (message as ToRuntime) : undefined;
  if (message?.kind === 'run' && typeof message.id === 'number' && record(message.request)) return message as ToRuntime;
  return undefined;
}
