/**
 * The ProcessDesk: what the page's terminal tabs and preview need of the sandbox — its events, its processes,
 * and `exec` for the person's shell — and nothing more. The UI gets this port, never the sandbox itself.
 */
import type { ExecResult } from '../core/exec';
import { SandboxError } from '../core/errors';
import type { ExecOptions, InteractiveTerminal, ProcessInfo, ProcessOutput, Sandbox, SandboxEvent, TerminalSize } from '../sandbox/sandbox';

/** What the sandbox is, once it is ready. */
export interface DeskInfo {
  kind: Sandbox['kind'];
  /** Servers can run and be previewed. */
  servers: boolean;
  /** Processes stream their output as they run (false: known only when they end, or from files they write). */
  liveOutput: boolean;
  /** The sandbox offers a raw interactive shell (`openTerminal`); else the person gets the line-based one. */
  interactiveShell: boolean;
}

/** The sandbox as the page's process tabs, shell and preview use it. */
export interface ProcessDesk {
  /** Resolves when the sandbox is ready; rejects when none could start. */
  readonly ready: Promise<DeskInfo>;
  /** Listen to the sandbox's events (from when it is ready); returns the unsubscribe function. */
  on(listener: (event: SandboxEvent) => void): () => void;
  listProcesses(): Promise<ProcessInfo[]>;
  processOutput(id: string): Promise<ProcessOutput>;
  stopProcess(id: string): Promise<void>;
  /** Run one command for the person (pass `cwd` to leave the agent's session where it is). */
  exec(command: string, options: ExecOptions): Promise<ExecResult>;
  /** A raw interactive shell for the person; rejects when the sandbox has none (see `DeskInfo.interactiveShell`). */
  openTerminal(size: TerminalSize): Promise<InteractiveTerminal>;
}

/** A ProcessDesk over the sandbox the page is starting. */
export function deskOver(sandbox: Promise<Sandbox>): ProcessDesk {
  return {
    ready: sandbox.then((box) => ({
      kind: box.kind,
      servers: box.capabilities.servers,
      liveOutput: box.kind === 'webcontainer',
      interactiveShell: typeof box.openTerminal === 'function',
    })),
    on(listener) {
      let unsubscribe: (() => void) | undefined;
      let cancelled = false;
      sandbox.then(
        (box) => {
          if (!cancelled) unsubscribe = box.on(listener);
        },
        () => undefined, // no sandbox: no events; `ready` carries the failure
      );
      return () => {
        cancelled = true;
        unsubscribe?.();
      };
    },
    listProcesses: async () => (await sandbox).listProcesses(),
    processOutput: async (id) => (await sandbox).processOutput(id),
    stopProcess: async (id) => (await sandbox).stopProcess(id),
    exec: async (command, options) => (await sandbox).exec(command, options),
    openTerminal: async (size) => {
      const box = await sandbox;
      if (!box.openTerminal) throw new SandboxError(`The ${box.kind} sandbox has no interactive shell: use the line-based one.`);
      return box.openTerminal(size);
    },
  };
}
