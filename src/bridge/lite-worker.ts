/// <reference lib="webworker" />
/**
 * The lite sandbox's Web Worker: hosts one LiteSandbox (just-bash is loaded here, off the main thread) and
 * serves it to the page over comlink (lite-host.ts). Started by lite-worker-sandbox.ts.
 */
import { LiteSandbox } from '../sandbox/lite/lite-sandbox';
import { serveLiteSandbox } from './lite-host';

declare const self: DedicatedWorkerGlobalScope;

serveLiteSandbox(new LiteSandbox({ stopGraceMs: 100 }), self);
