/** The worker side of the lite sandbox: serves a LiteSandbox over the messages of rpc.ts. */
import type { LiteSandbox } from './lite-sandbox';
import { asToWorker, type CallMessage, type FromWorker } from './rpc';

/** How the worker talks to the main thread (`self` in a browser worker, `parentPort` in Node). */
export interface WorkerEndpoint {
  /** `transfer`: buffers handed over rather than copied (a snapshot's files, made for the message). */
  post(message: FromWorker, transfer?: Transferable[]): void;
  listen(handler: (data: unknown) => void): void;
}

/** Calls that run shell code: only these can hold the worker so long that it is killed and restored. */
const RUNS_CODE: ReadonlySet<string> = new Set(['exec', 'startProcess']);
/** After file calls, the snapshot waits for this much quiet: an import's 400 writes send one, not 400. */
export const SNAPSHOT_QUIET_MS = 200;

/**
 * Answer calls from the main thread with `sandbox`; after a call that changed files, send a snapshot (the
 * work dir the page restores if it must kill this worker). Shell code only starts after the snapshot is
 * current, and one is sent after it ends; a run of file calls (an import's writes) sends one when it is
 * quiet, since copying the whole work dir after every write made imports quadratic.
 */
export function serveLiteSandbox(sandbox: LiteSandbox, endpoint: WorkerEndpoint): void {
  const running = new Map<number, AbortController>();
  let snapshotAt = sandbox.changeCount;
  let quiet: ReturnType<typeof setTimeout> | undefined;

  const snapshotIfChanged = async (): Promise<void> => {
    clearTimeout(quiet);
    quiet = undefined;
    if (sandbox.changeCount === snapshotAt) return;
    snapshotAt = sandbox.changeCount;
    // the work dir is in memory, so this finishes before the next message is handled
    const snapshot = await sandbox.snapshot();
    // its files are copies made for it: hand them over, so the page does not copy the work dir again
    endpoint.post({ kind: 'snapshot', snapshot }, [...new Set(snapshot.files.map((file) => file.data.buffer as ArrayBuffer))]);
  };
  const failed = (error: unknown) => {
    endpoint.post({ kind: 'event', event: { type: 'error', message: `Snapshot failed: ${String(error)}` } });
  };
  const snapshotWhenQuiet = () => {
    clearTimeout(quiet);
    quiet = setTimeout(() => void snapshotIfChanged().catch(failed), SNAPSHOT_QUIET_MS);
  };

  sandbox.on((event) => endpoint.post({ kind: 'event', event }));
  endpoint.listen((data) => {
    const message = asToWorker(data);
    if (message === undefined) {
      endpoint.post({ kind: 'event', event: { type: 'error', message: `The lite worker got an unknown message.` } });
      return;
    }
    if (message.kind === 'abort') {
      running.get(message.id)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(message.id, controller);
    const runsCode = RUNS_CODE.has(message.method);
    const before = runsCode ? snapshotIfChanged().catch(failed) : Promise.resolve();
    void before
      .then(() => answer(sandbox, message, controller.signal, endpoint))
      .then(() => {
        if (message.method === 'dispose') clearTimeout(quiet);
        else if (runsCode) return snapshotIfChanged();
        else snapshotWhenQuiet();
      })
      .catch(failed)
      .finally(() => running.delete(message.id));
  });
}

async function answer(sandbox: LiteSandbox, call: CallMessage, signal: AbortSignal, endpoint: WorkerEndpoint) {
  const output = (chunk: string): void => endpoint.post({ kind: 'output', id: call.id, chunk });
  try {
    const value = await dispatch(sandbox, call, signal, output);
    endpoint.post({ kind: 'result', id: call.id, value });
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    endpoint.post({ kind: 'error', id: call.id, name, message });
  }
}

function dispatch(sandbox: LiteSandbox, call: CallMessage, signal: AbortSignal, output: (chunk: string) => void) {
  switch (call.method) {
    case 'exec': {
      const [command, { stream, ...options }] = call.args;
      return sandbox.exec(command, { ...options, signal, onOutput: stream ? output : undefined });
    }
    case 'startProcess': {
      const [command, { stream }] = call.args;
      return sandbox.startProcess(command, { onOutput: stream ? output : undefined });
    }
    case 'readFile':
      return sandbox.readFile(...call.args);
    case 'readTextFile':
      return sandbox.readTextFile(...call.args);
    case 'writeFile':
      return sandbox.writeFile(...call.args);
    case 'list':
      return sandbox.list(...call.args);
    case 'exists':
      return sandbox.exists(...call.args);
    case 'remove':
      return sandbox.remove(...call.args);
    case 'rename':
      return sandbox.rename(...call.args);
    case 'listProcesses':
      return sandbox.listProcesses();
    case 'processOutput':
      return sandbox.processOutput(...call.args);
    case 'stopProcess':
      return sandbox.stopProcess(...call.args);
    case 'exportZip':
      return sandbox.exportZip(...call.args);
    case 'snapshot':
      return sandbox.snapshot(...call.args);
    case 'restore':
      return sandbox.restore(...call.args);
    case 'dispose':
      return sandbox.dispose();
  }
}
