/**
 * The work dir as the page's UI sees it: read-only listing and reading, the zip, and a signal when it may have
 * changed. The UI goes through this, never to the sandbox itself.
 */
import type { RunEvent } from '../core';
import { stopAllProcesses } from '../agent/process-watch';
import { importProject, type ImportSource, type ImportSummary, type ProjectImportProgress } from '../sandbox/import';
import type { FileEntry, Sandbox, SandboxEvent, WorkdirSnapshot } from '../sandbox/sandbox';
import { REBUILDABLE_EXCLUDES } from '../sandbox/rebuildable';
import type { Agents } from './types';

/** What the UI may do with the work dir. */
export interface Workspace {
  list(): Promise<FileEntry[]>;
  readTextFile(path: string): Promise<string>;
  readFile(path: string): Promise<Uint8Array>;
  /**
   * Bring a zip or a folder into the work dir (all or nothing; read and checked off the page's thread, told
   * to `onProgress`); aborting `signal` cancels it with nothing imported. Listeners hear of the change.
   */
  importProject(source: ImportSource, signal: AbortSignal, onProgress?: (progress: ProjectImportProgress) => void): Promise<ImportSummary>;
  /**
   * Stop every background process and empty the work dir; refused (rejects) while a run is queued, running or
   * waiting for a person. Stored runs keep their files. Listeners hear of the change.
   */
  reset(signal: AbortSignal): Promise<void>;
  /** The work dir as a zip (node_modules left out). */
  exportZip(): Promise<Uint8Array>;
  /** The work dir's files, what can be rebuilt left out as in the zip (Download zip checks them for secrets). */
  snapshot(): Promise<WorkdirSnapshot>;
  /** Called (at most every `debounceMs`) after something that may have changed files; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  /** What the sandbox reports on its own (previews opening and closing, processes ending); returns the unsubscribe. */
  onSandboxEvent(listener: (event: SandboxEvent) => void): () => void;
}

const CHANGING = new Set(['tool_result', 'status', 'workdir_restored', 'workdir_edited']);

/** A Workspace over the sandbox, told of changes by the runs' events. */
export function createWorkspace(sandbox: Promise<Sandbox>, agents: Agents, debounceMs = 150): Workspace {
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = (event?: RunEvent) => {
    if ((event && !CHANGING.has(event.type)) || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      for (const listener of listeners) listener();
    }, debounceMs);
  };
  agents.onEvent(changed);
  return {
    list: () => retried(async () => (await sandbox).list()),
    readTextFile: (path) => retried(async () => (await sandbox).readTextFile(path)),
    readFile: (path) => retried(async () => (await sandbox).readFile(path)),
    async importProject(source, signal, onProgress) {
      try {
        return await importProject(await sandbox, source, { signal, onProgress });
      } finally {
        changed();
      }
    },
    async reset(signal) {
      try {
        await agents.replaceWorkdir(() => resetSandbox(sandbox, signal));
      } finally {
        changed();
      }
    },
    exportZip: () => retried(async () => (await sandbox).exportZip()),
    snapshot: () => retried(async () => (await sandbox).snapshot({ excludes: [...REBUILDABLE_EXCLUDES] })),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onSandboxEvent(listener) {
      let stop: (() => void) | undefined;
      let stopped = false;
      void sandbox.then(
        (ready) => {
          if (!stopped) stop = ready.on(listener);
        },
        () => {}, // no sandbox, no events: the page already says the sandbox failed
      );
      return () => {
        stopped = true;
        stop?.();
      };
    },
  };
}

/** Stops every process, then empties the work dir; a process that would not stop is said, and nothing is emptied. */
async function resetSandbox(sandbox: Promise<Sandbox>, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  const ready = await sandbox;
  const { failures } = await stopAllProcesses(ready);
  if (failures.length) throw new Error(`Some processes could not be stopped, so the work dir was left as it was: ${failures.join('; ')}`);
  signal.throwIfAborted();
  await ready.restore({ files: [], dirs: [] });
}

/**
 * A read that met a sandbox restart (Stop killed a busy lite worker while the read was in flight) is asked
 * again: the restored work dir answers it. Any other failure, or a second restart, is the caller's.
 */
async function retried<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if ((error as Error)?.name !== 'WorkerRestartedError') throw error;
    return read();
  }
}
