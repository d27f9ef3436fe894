/** Inside a runtime worker: how it hears from and talks to its host, in a browser worker or a Node worker thread. */
import type { FromRuntime } from './protocol';

/** The worker's end of the port. */
export interface WorkerScope {
  post(message: FromRuntime): void;
  listen(handler: (data: unknown) => void): void;
}

interface BrowserWorkerSelf {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', handler: (event: { data: unknown }) => void): void;
}

/** The scope of the worker this code runs in. */
export async function workerScope(): Promise<WorkerScope> {
  const self = globalThis as unknown as Partial<BrowserWorkerSelf> & { WorkerGlobalScope?: unknown };
  if (self.WorkerGlobalScope !== undefined && self.postMessage && self.addEventListener) {
    const scope = self as BrowserWorkerSelf;
    return {
      post: (message) => scope.postMessage(message),
      listen: (handler) => scope.addEventListener('message', (event) => handler(event.data)),
    };
  }
  const { parentPort } = await import('node:worker_threads');
  if (parentPort === null) throw new Error('a runtime worker runs only in a worker');
  return {
    post: (message) => parentPort.postMessage(message),
    listen: (handler) => parentPort.on('message', handler),
  };
}
