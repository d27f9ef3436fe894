/** Driving a run from one tab only, and finding the runs a closed tab left behind. */
import type { RunStatus } from '../core';
import type { HistoryStore } from './history';
import { runLockName, type HeldLock, type LockPort } from './locks';
import type { RunWriter, WriterOptions } from './writer';

/** A run this tab drives: the only writer of the run, and the lock that says so to other tabs. */
export interface ClaimedRun {
  writer: RunWriter;
  lock: HeldLock;
  /** Flushes the writer, then lets other tabs have the run. */
  release(): Promise<void>;
}

/** Takes a run for this tab: `null` when another tab (or this one) drives it already. */
export async function claimRun(
  store: HistoryStore,
  locks: LockPort,
  runId: string,
  options: WriterOptions = {},
): Promise<ClaimedRun | null> {
  const lock = await locks.tryAcquire(runLockName(runId));
  if (!lock) return null;
  try {
    const writer = await store.openWriter(runId, options);
    return {
      writer,
      lock,
      release: async () => {
        try {
          await writer.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** What `recoverRuns` found among unfinished runs, by id. */
export interface Recovery {
  /** Were `queued`/`in_progress` and nobody drives them: now `interrupted`, resumable. */
  interrupted: string[];
  /** Wait for a person and nobody drives them: answer through a fresh claim. */
  awaiting: string[];
  /** Driven by another tab: leave them alone. */
  elsewhere: string[];
}

const UNFINISHED: readonly RunStatus[] = ['queued', 'in_progress', 'awaiting_human'];

/**
 * Call once on load, before this tab starts any run: unfinished runs whose lock nobody holds were left
 * by a closed tab. `queued`/`in_progress` ones become `interrupted` (with a status event); runs awaiting a
 * person stay awaiting. Runs whose lock another tab holds are left as they are.
 */
export async function recoverRuns(store: HistoryStore, locks: LockPort, now: () => number = Date.now): Promise<Recovery> {
  const recovery: Recovery = { interrupted: [], awaiting: [], elsewhere: [] };
  const ids: string[] = [];
  for (const status of UNFINISHED) {
    ids.push(...(await store.db.getAllKeysFromIndex('runs', 'by_status', status)));
  }
  for (const id of ids.sort()) {
    const claimed = await claimRun(store, locks, id);
    if (!claimed) {
      recovery.elsewhere.push(id);
      continue;
    }
    try {
      const run = claimed.writer.run;
      if (run.status === 'awaiting_human') {
        recovery.awaiting.push(id);
      } else if (run.status === 'queued' || run.status === 'in_progress') {
        claimed.writer.append({ type: 'status', status: 'interrupted' });
        claimed.writer.updateRun({ ...run, status: 'interrupted', updated_at: now() });
        recovery.interrupted.push(id);
      }
    } finally {
      await claimed.release();
    }
  }
  return recovery;
}
