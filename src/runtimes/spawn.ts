/**
 * The one small port between a runtime's host and its worker: start a worker for a runtime, post to it, hear
 * from it, terminate it. A Web Worker in browsers (browser-spawn.ts), a worker thread in Node (node-spawn.ts).
 */

export type { RuntimeKind, RuntimeListener, RuntimeWorker, SpawnRuntime } from './spawn-port';
import type { SpawnRuntime } from './spawn-port';

// kept out of Vite's sight: the browser build never loads the Node spawner
const NODE_SPAWN = './node-spawn.ts';

/** The spawner for where this code runs: Web Workers when the global `Worker` exists, else Node worker threads. */
export async function defaultSpawner(): Promise<SpawnRuntime> {
  if (typeof Worker === 'function') return (await import('./browser-spawn')).browserSpawner;
  const module = (await import(/* @vite-ignore */ NODE_SPAWN)) as typeof import('./node-spawn');
  return module.nodeSpawner();
}
