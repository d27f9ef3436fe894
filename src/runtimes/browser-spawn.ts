/** Runtime workers in browsers: a module Web Worker per runtime, bundled by Vite from these URLs. */
import type { RuntimeConfig } from './protocol';
import type { RuntimeKind, RuntimeWorker, SpawnRuntime } from './spawn-port';

/** Where vite.config.ts serves Pyodide's files (wasm, standard library, lock file) from our own origin. */
export const PYODIDE_PATH = 'pyodide/';

function start(kind: RuntimeKind): Worker {
  // the literal URLs let Vite find and bundle each worker
  if (kind === 'python') return new Worker(new URL('./python/worker.ts', import.meta.url), { type: 'module' });
  return new Worker(new URL('./js/worker.ts', import.meta.url), { type: 'module' });
}

/** Starts runtime workers as Web Workers (also inside the lite sandbox's own worker: workers may nest). */
export const browserSpawner: SpawnRuntime = async (kind, on) => {
  const worker = start(kind);
  worker.onmessage = (event: MessageEvent) => on.message(event.data);
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    on.error(event.message || 'its script did not load');
  };
  const base = new URL(import.meta.env.BASE_URL, self.location.origin);
  const config: RuntimeConfig = { pyodideIndexURL: new URL(PYODIDE_PATH, base).href };
  worker.postMessage({ kind: 'init', config });
  const handle: RuntimeWorker = { post: (message) => worker.postMessage(message), terminate: () => worker.terminate() };
  return handle;
};
