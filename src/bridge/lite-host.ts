/**
 * The lite sandbox's worker end of its thread boundary: the same SandboxHost the agent worker calls (the
 * sandbox's methods named once, in sandbox-calls.ts), plus the page's own calls (zip, snapshots, restore,
 * dispose) and, after any call that changed the work dir, a snapshot sent to the page before that call's answer
 * — so a worker killed to stop a busy script is restarted with little lost. lite-worker-sandbox.ts is the page end.
 */
import type { LiteSandbox } from '../sandbox/lite/lite-sandbox';
import type { Sandbox, WorkdirSnapshot } from '../sandbox/sandbox';
import { expose, transfer, type Endpoint } from './rpc';
import { PAGE_CALLS, settledWithin, type PageCall } from './sandbox-calls';
import { createSandboxHost, type SandboxHost } from './sandbox-host';
import { setGitRemote } from '../sandbox/lite/commands/git';
import type { GitRemote } from '../git/context';

/** What the lite sandbox's worker serves. */
export interface LiteHost extends SandboxHost {
  /** One of the page's own methods (sandbox-calls.ts), with its arguments as they were posted. */
  page<M extends PageCall>(method: M, args: Parameters<NonNullable<Sandbox[M]>>): ReturnType<NonNullable<Sandbox[M]>>;
  /** Hear the work dir's snapshots: one after every call that changed it, before that call's answer. */
  onSnapshot(listener: (snapshot: WorkdirSnapshot) => unknown): void;
  /** Connect the page's git broker (`git clone/fetch/pull/push` go through it; the token stays on the page). */
  connectGit(remote: GitRemote | undefined): void;
  dispose(): Promise<void>;
}

/** How long an answer waits for its snapshot to land on the page. */
const SNAPSHOT_BOUND_MS = 5_000;
/** After file calls, the snapshot waits for this much quiet: an import's 400 writes send one, not 400. */
export const SNAPSHOT_QUIET_MS = 200;

/** Serve `sandbox` to the page over `endpoint` (`self` in a browser worker). */
export function serveLiteSandbox(sandbox: LiteSandbox, endpoint: Endpoint): void {
  expose(createLiteHost(sandbox), endpoint);
}

/**
 * The host over the worker's sandbox. The page keeps the last snapshot to restore a worker it had to kill to
 * stop a busy script, and only shell code can keep the worker that busy: so code starts only once the page's
 * snapshot is current, and its answer waits for the snapshot after it. A run of file calls (an import's writes)
 * sends one snapshot when it goes quiet — one per write copied the whole work dir each time, which made an
 * import quadratic and held the page. Snapshot buffers are transferred, not copied: they are made for it.
 */
export function createLiteHost(sandbox: LiteSandbox): LiteHost {
  const host = createSandboxHost(sandbox);
  let snapshotAt = sandbox.changeCount;
  let listener: (snapshot: WorkdirSnapshot) => unknown = () => undefined;
  let quiet: ReturnType<typeof setTimeout> | undefined;
  /** When the work dir changed since the last one, the page gets a new snapshot (and this waits for it). */
  const sendSnapshot = async (): Promise<void> => {
    clearTimeout(quiet);
    quiet = undefined;
    if (sandbox.changeCount === snapshotAt) return;
    snapshotAt = sandbox.changeCount;
    // the work dir is in memory: this ends before the next call is handled
    const snapshot = await sandbox.snapshot();
    const buffers = [...new Set(snapshot.files.map((file) => file.data.buffer as ArrayBuffer))];
    await settledWithin(listener(transfer(snapshot, buffers)), SNAPSHOT_BOUND_MS);
  };
  /** After a call: when it changed the work dir, the page gets the new snapshot first. */
  const thenSnapshot = async <T>(value: Promise<T>): Promise<T> => {
    try {
      return await value;
    } finally {
      await sendSnapshot();
    }
  };
  /** After a file call: a snapshot once no other call came for a while. */
  const thenSnapshotWhenQuiet = async <T>(value: Promise<T>): Promise<T> => {
    try {
      return await value;
    } finally {
      if (sandbox.changeCount !== snapshotAt) {
        clearTimeout(quiet);
        quiet = setTimeout(() => void sendSnapshot().catch(() => undefined), SNAPSHOT_QUIET_MS);
      }
    }
  };
  /** Shell code: the snapshot is made current before it starts, and sent again after it, before its answer. */
  const aroundCode = async <T>(run: () => Promise<T>): Promise<T> => {
    await sendSnapshot();
    return thenSnapshot(run());
  };
  const pageCalls = new Set<string>(PAGE_CALLS);
  return {
    ...host,
    call: ((method, args) => thenSnapshotWhenQuiet(host.call(method, args) as Promise<unknown>)) as SandboxHost['call'],
    exec: (callId, command, options, onOutput) => aroundCode(() => host.exec(callId, command, options, onOutput)),
    startProcess: (command, onOutput) => aroundCode(() => host.startProcess(command, onOutput)),
    page(method, args) {
      if (!pageCalls.has(method)) throw new TypeError(`The lite sandbox has no page method ${String(method)}.`);
      const run = sandbox[method] as (...posted: unknown[]) => Promise<unknown>;
      return thenSnapshot(run.apply(sandbox, args)) as ReturnType<NonNullable<Sandbox[typeof method]>>;
    },
    onSnapshot(next) {
      listener = next;
    },
    connectGit(remote) {
      setGitRemote(remote);
    },
    async dispose() {
      clearTimeout(quiet);
      host.release();
      await sandbox.dispose();
    },
  };
}
