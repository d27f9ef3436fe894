/**
 * Runtime workers in Node (headless runner, tests): a worker thread per runtime, running the same worker
 * modules as browsers, from source through tsx's loader.
 */
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RuntimeConfig } from './protocol';
import type { SpawnRuntime } from './spawn-port';

/** Where the runtime worker sources are: this directory, unless this code was bundled elsewhere (tests). */
export interface NodeSpawnerOptions {
  /** The URL of src/runtimes/ (ending in a slash). */
  root?: URL;
  /** Where pip gets micropip and packages (default: Pyodide's CDN). */
  packageBaseUrl?: string;
}

/** The module URL of tsx's loader API (its ESM entry, which registers in a worker thread). */
function tsxApi(): string {
  const resolved = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(resolved.replace(/index\.cjs$/, 'index.mjs')).href;
}

/** Pyodide's package directory (its wasm and standard library), as a directory path ending in a slash. */
function pyodideDir(): string {
  return `${dirname(createRequire(import.meta.url).resolve('pyodide'))}/`;
}

/** Starts runtime workers as Node worker threads. */
export function nodeSpawner(options: NodeSpawnerOptions = {}): SpawnRuntime {
  const root = options.root ?? new URL('.', import.meta.url);
  return async (kind, on) => {
    const entry = new URL(kind === 'python' ? 'python/worker.ts' : 'js/worker.ts', root).href;
    // a worker thread cannot load TypeScript by itself: register tsx, then import the worker module
    const boot = `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    const worker = new Worker(boot, { eval: true });
    worker.on('message', (data: unknown) => on.message(data));
    worker.on('error', (error: Error) => on.error(error.message));
    worker.on('exit', (code) => {
      if (code !== 0 && code !== 1) on.error(`it exited with code ${code}`);
    });
    worker.unref(); // an idle runtime must not keep the headless runner alive
    const config: RuntimeConfig = {
      pyodideIndexURL: pyodideDir(),
      pyodidePackageBaseUrl: options.packageBaseUrl,
      pyodidePackageCacheDir: join(tmpdir(), 'autopilot-pyodide-packages'),
    };
    worker.postMessage({ kind: 'init', config });
    return {
      post: (message) => worker.postMessage(message),
      terminate: () => void worker.terminate(),
      hold: (busy) => (busy ? worker.ref() : worker.unref()),
    };
  };
}
