/** Freeing space: dropping old work-dir states and the blobs no manifest references any more. */
import type { StoreNames } from 'idb';
import { foldTree, readChain, stepRange } from './chain';
import { inTransaction, issueAll, type WriteTx } from './open';
import { packEntries, type HistoryDb, type HistorySchema, type ManifestRecord } from './schema';

type WithBlobs = (StoreNames<HistorySchema> & ('manifests' | 'blobs'))[];

/** Deletes the blobs among `candidates` that no manifest references; returns how many went. */
export async function collectGarbage<S extends StoreNames<HistorySchema>[]>(
  tx: WriteTx<S>,
  candidates: Iterable<string>,
): Promise<number> {
  const hashes = [...new Set(candidates)];
  const scoped = tx as unknown as WriteTx<WithBlobs>;
  const byBlob = scoped.objectStore('manifests').index('by_blob');
  const counts = await Promise.all(hashes.map((hash) => byBlob.count(hash)));
  const unused = hashes.filter((_, index) => counts[index] === 0);
  const blobs = scoped.objectStore('blobs');
  await issueAll(unused, (hash) => blobs.delete(hash));
  return unused.length;
}

/**
 * Keeps the newest `keep` work-dir states of one run. The oldest kept state is rewritten as a full
 * manifest first, since the deltas after it no longer have their base.
 */
export async function pruneRun(db: HistoryDb, runId: string, keep: number): Promise<{ states: number; blobs: number }> {
  return inTransaction(db, ['manifests', 'blobs'], `pruning run ${runId}`, async (tx) => {
    const manifests = tx.objectStore('manifests');
    const keys = await manifests.getAllKeys(stepRange(runId));
    if (keys.length <= keep) return { states: 0, blobs: 0 };
    const firstKept = keys[keys.length - keep][1];
    const chain = await readChain(manifests, runId, firstKept, (record) => record.full);
    const tree = foldTree(chain);
    const older = IDBKeyRange.bound([runId, -Infinity], [runId, firstKept], false, true);
    const doomed = await manifests.getAll(older);
    const files = [...tree.files.values()];
    const base: ManifestRecord = {
      ...chain[chain.length - 1],
      full: true,
      ...packEntries(files),
      removed: [],
      dirs: tree.dirs,
    };
    await manifests.delete(older);
    await manifests.put(base);
    const blobs = await collectGarbage(tx, doomed.flatMap((record) => record.hashes));
    return { states: doomed.length, blobs };
  });
}
