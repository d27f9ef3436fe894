/** The worker side of the lite sandbox: serves a LiteSandbox over the messages of rpc.ts. */
import type { LiteSandbox } from './lite-sandbox';
import { asToWorker, type CallMessage, type FromWorker } from './rpc';

/** How the worker talks to the main thread (`self` in a browser worker, `parentPort` in Node). */
export interface WorkerEndpoint {
  post(message: FromWorker): void;
  listen(handler: (data: unknown) => void): void;
}

/** Answer calls from the main thread with `sandbox`; after a call that changed files, send what it changed. */
export function serveLiteSandbox(sandbox: LiteSandbox, endpoint: WorkerEndpoint): void {
  const running = new Map<number, AbortController>();
  let snapshotAt = sandbox.changeCount;
  let cursor: string | undefined;

  const snapshotIfChanged = async (): Promise<void> => {
    if (sandbox.changeCount === snapshotAt) return;
    snapshotAt = sandbox.changeCount;
    // the work dir is in memory, so this finishes before the next message is handled
    const { cursor: next, ...delta } = await sandbox.snapshotSince({ since: cursor });
    cursor = next;
    endpoint.post({ kind: 'snapshot', snapshot: delta });
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
    void answer(sandbox, message, controller.signal, endpoint)
      .then(() => (message.method === 'dispose' ? undefined : snapshotIfChanged()))
      .catch((error: unknown) => {
        endpoint.post({ kind: 'event', event: { type: 'error', message: `Snapshot failed: ${String(error)}` } });
      })
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
    case 'snapshotSince':
      return sandbox.snapshotSince(...call.args);
    case 'restore':
      return sandbox.restore(...call.args);
    case 'dispose':
      return sandbox.dispose();
  }
}
