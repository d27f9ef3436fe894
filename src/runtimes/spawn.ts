/**
 * The one small port between a runtime's host and its worker: start a worker for a runtime, post to it, hear
 * from it, terminate it. A Web Worker in browsers (browser-spawn.ts), a worker thread in Node (node-spawn.ts).
 */
import type { ToRuntime } from './protocol';

/** Which runtime a worker hosts. */
export type RuntimeKind = 'python' | 'js';

/** A started runtime worker. */
export interface RuntimeWorker {
  post(message: ToRuntime): void;
  /** End the worker at once, whatever it is doing. */
  terminate(): void;
}

/** Where a worker's messages and failures go. */
export interface RuntimeListener {
  message(data: unknown): void;
  error(message: string): void;
}

/** Starts a runtime's worker (already sent its `init`). */
export type SpawnRuntime = (kind: RuntimeKind, on: RuntimeListener) => Promise<RuntimeWorker>;

// kept out of Vite's sight: the browser build never loads the Node spawner
const NODE_SPAWN = './node-spawn.ts';

/** The spawner for where this code runs: Web Workers when the global `Worker` exists, else Node worker threads. */
export async function defaultSpawner(): Promise<SpawnRuntime> {
  if (typeof Worker === 'function') return (await import('./browser-spawn')).browserSpawner;
  const module = (await import(/* @vite-ignore */ NODE_SPAWN)) as typeof import('./node-spawn');
  return module.nodeSpawner();
}
