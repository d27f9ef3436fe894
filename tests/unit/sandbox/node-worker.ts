/**
 * A WorkerFactory on Node's worker_threads, for testing LiteWorkerSandbox without a browser: the worker
 * fixture is bundled once with Vite (worker threads cannot load TypeScript) and started per sandbox.
 */
import { rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { build } from 'vite';
import type { Endpoint } from '../../../src/bridge/rpc';
import type { WorkerFactory } from '../../../src/bridge/lite-worker-sandbox';
import type { LiteSandboxOptions } from '../../../src/sandbox/lite/lite-sandbox';

/** A built worker script and the way to delete it. */
export interface BuiltWorker {
  path: string;
  remove(): Promise<void>;
}

/** Bundle tests/unit/sandbox/fixtures/lite-node-worker.ts (just-bash left external) into node_modules/.cache. */
export async function buildNodeWorker(): Promise<BuiltWorker> {
  const outDir = `node_modules/.cache/lite-node-worker-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: 'tests/unit/sandbox/fixtures/lite-node-worker.ts',
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'worker.mjs' } },
    },
  });
  return { path: `${process.cwd()}/${outDir}/worker.mjs`, remove: () => rm(outDir, { recursive: true, force: true }) };
}

/** Starts worker threads hosting a LiteSandbox with `options`; `started` counts the workers it made. */
export function nodeWorkerFactory(
  script: string,
  options: LiteSandboxOptions = {},
): WorkerFactory & { started: number } {
  const factory: WorkerFactory & { started: number } = Object.assign(
    (on: Parameters<WorkerFactory>[0]) => {
      factory.started++;
      const worker = new Worker(script, { workerData: options });
      worker.on('error', (error: Error) => on.error(error.message));
      return { endpoint: nodeEndpoint(worker), terminate: () => void worker.terminate() };
    },
    { started: 0 },
  );
  return factory;
}

/** A worker thread as comlink's Endpoint (a Node Worker is an EventEmitter, not an EventTarget). */
function nodeEndpoint(worker: Worker): Endpoint {
  const listeners = new Map<unknown, (data: unknown) => void>();
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => worker.postMessage(message, transfer as never),
    addEventListener(_type: string, listener: unknown) {
      const handler = (data: unknown) => {
        const event = { data } as MessageEvent;
        if (typeof listener === 'function') listener(event);
        else (listener as EventListenerObject).handleEvent(event);
      };
      listeners.set(listener, handler);
      worker.on('message', handler);
    },
    removeEventListener(_type: string, listener: unknown) {
      const handler = listeners.get(listener);
      if (handler) worker.off('message', handler);
      listeners.delete(listener);
    },
  } as Endpoint;
}
