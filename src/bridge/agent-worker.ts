/**
 * The agent worker's entry: runs the agent loop off the page's thread (see worker-runner.ts for what it does,
 * and worker-driver.ts for the page's side). main.ts starts it with `new Worker(new URL(…))`.
 */
import { expose } from './rpc';
import { createAgentWorkerApi } from './worker-runner';

expose(createAgentWorkerApi());
