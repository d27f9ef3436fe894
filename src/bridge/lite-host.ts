/**
 * The lite sandbox's worker end of its thread boundary: the same SandboxHost the agent worker calls (the
 * sandbox's methods named once, in sandbox-calls.ts), plus the page's own calls (zip, snapshots, restore,
 * dispose) and, after any call that changed the work dir, a snapshot sent to the page before that call's answer
 * — so a worker killed to stop a busy script is restarted with little lost. lite-worker-sandbox.ts is the page end.
 */
import type { LiteSandbox } from '../sandbox/lite/lite-sandbox';
import type { Sandbox, WorkdirSnapshot } from '../sandbox/sandbox';
import { expose, type Endpoint } from './rpc';
import { PAGE_CALLS, settledWithin, type PageCall } from './sandbox-calls';
import { createSandboxHost, type SandboxHost } from './sandbox-host';

/** What the lite sandbox's worker serves. */
export interface LiteHost extends SandboxHost {
  /** One of the page's own methods (sandbox-calls.ts), with its arguments as they were posted. */
  page<M extends PageCall>(method: M, args: Parameters<Sandbox[M]>): ReturnType<Sandbox[M]>;
  /** Hear the work dir's snapshots: one after every call that changed it, before that call's answer. */
  onSnapshot(listener: (snapshot: WorkdirSnapshot) => unknown): void;
  dispose(): Promise<void>;
}

/** How long an answer waits for its snapshot to land on the page. */
const SNAPSHOT_BOUND_MS = 5_000;

/** Serve `sandbox` to the page over `endpoint` (`self` in a browser worker). */
export function serveLiteSandbox(sandbox: LiteSandbox, endpoint: Endpoint): void {
  expose(createLiteHost(sandbox), endpoint);
}

/** The host over the worker's sandbox. */
export function createLiteHost(sandbox: LiteSandbox): LiteHost {
  const host = createSandboxHost(sandbox);
  let snapshotAt = sandbox.changeCount;
  let listener: (snapshot: WorkdirSnapshot) => unknown = () => undefined;
  /** After a call: when it changed the work dir, the page gets the new snapshot first. */
  const thenSnapshot = async <T>(value: Promise<T>): Promise<T> => {
    try {
      return await value;
    } finally {
      if (sandbox.changeCount !== snapshotAt) {
        snapshotAt = sandbox.changeCount;
        // the work dir is in memory: this ends before the next call is handled
        await settledWithin(listener(await sandbox.snapshot()), SNAPSHOT_BOUND_MS);
      }
    }
  };
  const pageCalls = new Set<string>(PAGE_CALLS);
  return {
    ...host,
    call: ((method, args) => thenSnapshot(host.call(method, args) as Promise<unknown>)) as SandboxHost['call'],
    exec: (callId, command, options, onOutput) => thenSnapshot(host.exec(callId, command, options, onOutput)),
    startProcess: (command, onOutput) => thenSnapshot(host.startProcess(command, onOutput)),
    page(method, args) {
      if (!pageCalls.has(method)) throw new TypeError(`The lite sandbox has no page method ${String(method)}.`);
      const run = sandbox[method] as (...posted: unknown[]) => Promise<unknown>;
      return thenSnapshot(run.apply(sandbox, args)) as ReturnType<Sandbox[typeof method]>;
    },
    onSnapshot(next) {
      listener = next;
    },
    async dispose() {
      host.release();
      await sandbox.dispose();
    },
  };
}
