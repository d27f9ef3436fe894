/**
 * The agent worker's entry: runs the agent loop off the page's thread (see api/worker-runner.ts for what it
 * does, and api/worker-driver.ts for the page's side).
 */
import { expose } from '../api/rpc';
import { createAgentWorkerApi } from '../api/worker-runner';

expose(createAgentWorkerApi());
