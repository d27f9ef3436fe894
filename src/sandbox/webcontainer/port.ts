/**
 * The part of `@webcontainer/api` (1.6.x) this adapter uses, written out as a port so that a stand-in can
 * replace the real WebContainer in tests. `api.ts` (the only importer of the package) checks at compile time
 * that the real class satisfies it.
 */

/** A directory entry from `readdir(path, {withFileTypes: true})`. */
export interface WcDirent {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
}

/** The WebContainer file system (paths relative to the work dir). It has no stat, lstat or unlink. */
export interface WcFileSystem {
  readdir(path: string, options: { withFileTypes: true }): Promise<WcDirent[]>;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<string>;
  rm(path: string, options?: { force?: boolean; recursive?: boolean }): Promise<void>;
  rename(oldPath: string, newPath: string): Promise<void>;
  /** Changes under `path`: `filename` relative to it. Optional: a stand-in (or a container) without it is rescanned. */
  watch?(path: string, options: { recursive: true }, listener: (event: 'rename' | 'change', filename: string | Uint8Array) => void): WcWatcher;
}

/** A running `fs.watch`. */
export interface WcWatcher {
  close(): void;
}

/** A spawned process: one terminal output stream (stdout and stderr interleaved), an input stream. */
export interface WcProcess {
  exit: Promise<number>;
  input: WritableStream<string>;
  output: ReadableStream<string>;
  kill(): void;
  resize(dimensions: { cols: number; rows: number }): void;
}

/** Options of `spawn`. */
export interface WcSpawnOptions {
  cwd?: string;
  env?: Record<string, string | number | boolean>;
  output?: boolean;
  terminal?: { cols: number; rows: number };
}

/** A mountable tree, as `export(…, {format: 'json'})` returns it and `mount` takes it. */
export interface WcTree {
  [name: string]: { directory: WcTree } | { file: { contents: string | Uint8Array } } | { file: { symlink: string } };
}

/** A message forwarded from a preview iframe (`forwardPreviewErrors`). */
export interface WcPreviewMessage {
  type: string;
  port: number;
  pathname: string;
  message?: string;
  args?: unknown[];
  stack?: string;
}

/** Options of `export`. */
export interface WcExportOptions {
  format?: 'json' | 'binary' | 'zip';
  includes?: string[];
  excludes?: string[];
}

/** A booted WebContainer, as far as this adapter uses it. */
export interface WcInstance {
  readonly fs: WcFileSystem;
  readonly workdir: string;
  /** The default PATH of spawned processes (`WebContainer.path`); optional so a stand-in may leave it out. */
  readonly path?: string;
  spawn(command: string, args: string[], options?: WcSpawnOptions): Promise<WcProcess>;
  export(path: string, options: WcExportOptions & { format: 'json' }): Promise<WcTree>;
  export(path: string, options: WcExportOptions & { format: 'binary' | 'zip' }): Promise<Uint8Array>;
  mount(tree: WcTree | Uint8Array, options?: { mountPoint?: string }): Promise<void>;
  on(event: 'port', listener: (port: number, type: 'open' | 'close', url: string) => void): () => void;
  on(event: 'server-ready', listener: (port: number, url: string) => void): () => void;
  on(event: 'preview-message', listener: (message: WcPreviewMessage) => void): () => void;
  on(event: 'error', listener: (error: { message: string }) => void): () => void;
  teardown(): void;
}

/** Options of one boot. */
export interface WcBootOptions {
  coep: 'require-corp' | 'credentialless';
  workdirName: string;
  forwardPreviewErrors: boolean | 'exceptions-only';
}

/** Boots the one WebContainer of the page (the real one, or a stand-in). */
export type WcBoot = (options: WcBootOptions) => Promise<WcInstance>;
