/**
 * A WorkerFactory on Node's worker_threads, for testing LiteWorkerSandbox without a browser: the worker
 * fixture is bundled once with Vite (worker threads cannot load TypeScript) and started per sandbox.
 */
import { rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { build } from 'vite';
import type { WorkerFactory } from '../../../src/sandbox/lite/client';
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
      worker.on('message', (data: unknown) => on.message(data));
      worker.on('error', (error: Error) => on.error(error.message));
      return { post: (message: unknown) => worker.postMessage(message), terminate: () => void worker.terminate() };
    },
    { started: 0 },
  );
  return factory;
}
