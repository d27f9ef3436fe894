import type { ExecResult } from '../core/exec';
import type { WorkdirSnapshot } from '../core/workdir';

export { WORKDIR, type WorkdirSnapshot } from '../core/workdir';

/** Options of one command. */
export interface ExecOptions {
  /** Directory to run in, relative to the work dir or absolute; default: the session's cwd. */
  cwd?: string;
  /** Extra variables for this command only. */
  env?: Record<string, string>;
  /** Stop the command after this long; the result says `timedOut`. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Output as it arrives (terminal bytes). Sandboxes that only learn output at the end call it once then. */
  onOutput?: (chunk: string) => void;
}

/** What a sandbox can run, for the fallback banner and the agent's system prompt. */
export interface Capabilities {
  /** One paragraph for the model and the person: the shell, the tools, what does not exist. */
  summary: string;
  node: boolean;
  network: boolean;
  /** Long-running processes that keep running between commands. */
  processes: boolean;
  /** Servers that can be previewed. */
  servers: boolean;
}

/** One entry of a directory listing; `path` is relative to the work dir. */
export interface FileEntry {
  path: string;
  type: 'file' | 'dir';
  size?: number;
}

/** A long-running process started with `startProcess`. */
export interface ProcessInfo {
  id: string;
  command: string;
  running: boolean;
  exitCode?: number;
  startedAt: number;
}

/** The recent output of a process and whether it still runs. */
export interface ProcessOutput extends ProcessInfo {
  output: string;
}

/** A preview of a server running in the sandbox. */
export interface PreviewPort {
  port: number;
  url: string;
}

/** Size of a terminal in character cells. */
export interface TerminalSize {
  cols: number;
  rows: number;
}

/** A raw interactive shell for the person, separate from the agent's session (its own cwd and env). */
export interface InteractiveTerminal {
  /** Send keys to the shell (ignored once it has ended). */
  write(data: string): void;
  /** Tell the shell its terminal's new size. */
  resize(cols: number, rows: number): void;
  /** Terminal bytes as they arrive (output from before the first listener is kept for it); returns the unsubscribe. */
  onData(listener: (data: string) => void): () => void;
  /** Resolves with the exit code once the shell has ended and its output has been delivered. */
  readonly exit: Promise<number>;
  /** End the shell. */
  kill(): void;
}

/** Things a sandbox reports on its own. */
export type SandboxEvent =
  | { type: 'process-exit'; id: string; exitCode: number }
  | { type: 'process-output'; id: string; data: string }
  | { type: 'preview-open'; preview: PreviewPort }
  | { type: 'preview-close'; port: number }
  | { type: 'preview-error'; port?: number; message: string }
  | { type: 'error'; message: string };

/**
 * The part of the Sandbox port the agent uses: commands, files, processes and events. It is what crosses the
 * thread boundary to the agent worker (src/bridge/). Paths are relative to the work dir (absolute paths inside
 * it are accepted too).
 */
export interface AgentSandbox {
  readonly kind: 'lite' | 'webcontainer';
  readonly capabilities: Capabilities;

  /** Run one command in the session: cwd and exported variables persist between calls. */
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;

  readFile(path: string): Promise<Uint8Array>;
  readTextFile(path: string): Promise<string>;
  /** Creates parent directories as needed. */
  writeFile(path: string, content: string | Uint8Array): Promise<void>;
  /** Entries under `path` (default: the work dir), recursively unless `recursive: false`. */
  list(path?: string, options?: { recursive?: boolean }): Promise<FileEntry[]>;
  exists(path: string): Promise<boolean>;
  remove(path: string, options?: { recursive?: boolean }): Promise<void>;
  rename(from: string, to: string): Promise<void>;

  startProcess(command: string, options?: { onOutput?: (chunk: string) => void }): Promise<ProcessInfo>;
  listProcesses(): Promise<ProcessInfo[]>;
  processOutput(id: string): Promise<ProcessOutput>;
  stopProcess(id: string): Promise<void>;

  /** Listen to what the sandbox reports; returns the unsubscribe function. */
  on(listener: (event: SandboxEvent) => void): () => void;
}

/**
 * The Sandbox port: one interface, two adapters (lite on just-bash, WebContainer). What the agent uses, plus
 * what only the page does: the person's terminal, zip export, snapshots of the work dir, and disposal.
 */
export interface Sandbox extends AgentSandbox {
  /** Optional: a raw interactive shell for the person (WebContainer's `jsh`); sandboxes without one leave it out. */
  openTerminal?(options: TerminalSize): Promise<InteractiveTerminal>;

  /** The work dir as a zip; `excludes` are path prefixes or folder names (default: node_modules). */
  exportZip(options?: { excludes?: string[] }): Promise<Uint8Array>;
  /**
   * The work dir as data. `excludes` leave paths out as in `exportZip` (path prefixes or folder names); the
   * default leaves nothing out, so a restore gives back exactly what was there.
   */
  snapshot(options?: { excludes?: string[] }): Promise<WorkdirSnapshot>;
  /** Replace the work dir with the snapshot; shell state (cwd, env) returns to its start. */
  restore(snapshot: WorkdirSnapshot): Promise<void>;

  dispose(): Promise<void>;
}
