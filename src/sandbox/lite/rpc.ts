/**
 * The typed messages between the main thread's LiteWorkerSandbox and the lite sandbox's worker. Each call
 * carries an id; the worker answers it once, and streams a command's output under the same id.
 */
import type { ExecResult } from '../../core/exec';
import type { FileEntry, ProcessInfo, ProcessOutput, SandboxEvent, WorkdirChanges, WorkdirDelta, WorkdirSnapshot } from '../sandbox';

/** exec's options as they cross to the worker (callbacks and signals stay on the main thread). */
export interface WireExecOptions {
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Send the output back as `output` messages. */
  stream?: boolean;
}

/** Each method the worker serves: its arguments and its answer. */
export interface LiteCalls {
  exec: { args: [command: string, options: WireExecOptions]; value: ExecResult };
  readFile: { args: [path: string]; value: Uint8Array };
  readTextFile: { args: [path: string]; value: string };
  writeFile: { args: [path: string, content: string | Uint8Array]; value: void };
  list: { args: [path: string | undefined, options: { recursive?: boolean }]; value: FileEntry[] };
  exists: { args: [path: string]; value: boolean };
  remove: { args: [path: string, options: { recursive?: boolean }]; value: void };
  rename: { args: [from: string, to: string]; value: void };
  startProcess: { args: [command: string, options: { stream?: boolean }]; value: ProcessInfo };
  listProcesses: { args: []; value: ProcessInfo[] };
  processOutput: { args: [id: string]; value: ProcessOutput };
  stopProcess: { args: [id: string]; value: void };
  exportZip: { args: [options: { excludes?: string[] }]; value: Uint8Array };
  snapshot: { args: [options: { excludes?: string[] }]; value: WorkdirSnapshot };
  snapshotSince: { args: [options: { since?: string; excludes?: string[] }]; value: WorkdirChanges };
  restore: { args: [snapshot: WorkdirSnapshot]; value: void };
  dispose: { args: []; value: void };
}

/** A method name of the worker. */
export type LiteMethod = keyof LiteCalls;

const METHODS: ReadonlySet<string> = new Set<LiteMethod>([
  'exec', 'readFile', 'readTextFile', 'writeFile', 'list', 'exists', 'remove', 'rename', 'startProcess',
  'listProcesses', 'processOutput', 'stopProcess', 'exportZip', 'snapshot', 'snapshotSince', 'restore', 'dispose',
]);

/** A call of one method. */
export type CallMessage = {
  [M in LiteMethod]: { kind: 'call'; id: number; method: M; args: LiteCalls[M]['args'] };
}[LiteMethod];

/** Main thread → worker. */
export type ToWorker = CallMessage | { kind: 'abort'; id: number };

/**
 * Worker → main thread. `snapshot` follows any call that changed files, so a restart loses little: what changed
 * since the last one (the first is the whole work dir).
 */
export type FromWorker =
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; name: string; message: string }
  | { kind: 'output'; id: number; chunk: string }
  | { kind: 'event'; event: SandboxEvent }
  | { kind: 'snapshot'; snapshot: WorkdirDelta };

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** The message as a ToWorker, or undefined when it is not one. */
export function asToWorker(value: unknown): ToWorker | undefined {
  const message = record(value);
  if (!message || typeof message.id !== 'number') return undefined;
  if (message.kind === 'abort') return message as ToWorker;
  const valid = message.kind === 'call' && typeof message.method === 'string' && METHODS.has(message.method);
  return valid && Array.isArray(message.args) ? (message as ToWorker) : undefined;
}

/** The message as a FromWorker, or undefined when it is not one. */
export function asFromWorker(value: unknown): FromWorker | undefined {
  const message = record(value);
  switch (message?.kind) {
    case 'result':
      return typeof message.id === 'number' ? (message as FromWorker) : undefined;
    case 'error': {
      const valid = typeof message.id === 'number' && typeof message.message === 'string';
      return valid ? (message as FromWorker) : undefined;
    }
    case 'output':
      return typeof message.id === 'number' && typeof message.chunk === 'string' ? (message as FromWorker) : undefined;
    case 'event':
      return typeof record(message.event)?.type === 'string' ? (message as FromWorker) : undefined;
    case 'snapshot':
      return Array.isArray(record(message.snapshot)?.files) ? (message as FromWorker) : undefined;
    default:
      return undefined;
  }
}
