/// <reference lib="webworker" />
/**
 * The lite sandbox's Web Worker: hosts one LiteSandbox (just-bash is loaded here, off the main thread).
 * Created by client.ts with `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`.
 */
import { LiteSandbox } from './lite-sandbox';
import { serveLiteSandbox } from './serve';

declare const self: DedicatedWorkerGlobalScope;

serveLiteSandbox(new LiteSandbox({ stopGraceMs: 100 }), {
  post: (message, transfer = []) => self.postMessage(message, transfer),
  listen: (handler) => self.addEventListener('message', (event) => handler(event.data)),
});
