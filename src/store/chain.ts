/**
 * Delta chains: checkpoints and manifests are stored per step as a delta on the previous record of the
 * run, with a full record every `FULL_EVERY` records so rebuilding any step reads a bounded number of them.
 */
import type { WorkdirSnapshot } from '../sandbox/sandbox';
import { compactBytes, contentHash } from './bytes';
import { entriesOfRecord, packEntries, type CheckpointRecord, type ManifestEntry, type ManifestRecord } from './schema';

/** A full record at least this often, bounding the records read to rebuild one step. */
export const FULL_EVERY = 16;

/** The part of an object store (or index) a chain read needs, from any transaction. */
interface CursorSource<R> {
  openCursor(
    range: IDBKeyRange,
    direction: IDBCursorDirection,
  ): Promise<{ value: R; continue(): Promise<unknown> } | null>;
}

/** The key range of one run's steps up to `upTo` (inclusive). */
export function stepRange(runId: string, upTo = Infinity): IDBKeyRange {
  return IDBKeyRange.bound([runId, -Infinity], [runId, upTo]);
}

/** The records from the last full one at or before `upTo` through the last record at or before it. */
export async function readChain<R extends { step: number }>(
  source: CursorSource<R>,
  runId: string,
  upTo: number,
  isFull: (record: R) => boolean,
): Promise<R[]> {
  const records: R[] = [];
  let cursor = await source.openCursor(stepRange(runId, upTo), 'prev');
  while (cursor) {
    records.push(cursor.value);
    if (isFull(cursor.value)) break;
    cursor = (await cursor.continue()) as typeof cursor;
  }
  return records.reverse();
}

/** A conversation rebuilt from its checkpoint chain (JSON text per message). */
export function foldMessages(chain: readonly CheckpointRecord[]): string[] {
  let messages: string[] = [];
  for (const record of chain) messages = [...messages.slice(0, record.keep), ...record.append];
  return messages;
}

/** The delta of `next` on `previous`: how many leading messages are shared, and the rest. */
export function messageDelta(previous: readonly string[] | undefined, next: readonly string[], full: boolean) {
  let keep = 0;
  if (previous && !full) {
    const limit = Math.min(previous.length, next.length);
    while (keep < limit && previous[keep] === next[keep]) keep++;
  }
  return { keep, append: next.slice(keep) };
}

/** A work dir as a manifest: path → entry, plus directories. */
export interface Tree {
  files: Map<string, ManifestEntry>;
  dirs: string[];
}

/** A tree rebuilt from its manifest chain. */
export function foldTree(chain: readonly ManifestRecord[]): Tree {
  const files = new Map<string, ManifestEntry>();
  let dirs: string[] = [];
  for (const record of chain) {
    if (record.full) files.clear();
    for (const path of record.removed) files.delete(path);
    for (const entry of entriesOfRecord(record)) files.set(entry.path, entry);
    if (record.dirs) dirs = record.dirs;
  }
  return { files, dirs };
}

/** A snapshot hashed: its tree and the content of each distinct blob. Runs outside any transaction. */
export async function hashSnapshot(snapshot: WorkdirSnapshot): Promise<{ tree: Tree; blobs: Map<string, Uint8Array> }> {
  const files = new Map<string, ManifestEntry>();
  const blobs = new Map<string, Uint8Array>();
  for (const file of snapshot.files) {
    const hash = await contentHash(file.data);
    if (!blobs.has(hash)) blobs.set(hash, compactBytes(file.data));
    const entry: ManifestEntry = { path: file.path, hash, size: file.data.byteLength };
    if (file.mode !== undefined) entry.mode = file.mode;
    files.set(file.path, entry);
  }
  return { tree: { files, dirs: [...snapshot.dirs].sort() }, blobs };
}

/** The manifest record that turns `previous` into `next` (a full one when there is no previous). */
export function manifestDelta(
  previous: Tree | undefined,
  next: Tree,
  where: { run_id: string; step: number; at: number; full: boolean },
): ManifestRecord {
  const full = where.full || !previous;
  const files = [...next.files.values()].filter((entry) => full || !sameEntry(previous?.files.get(entry.path), entry));
  const removed = full ? [] : [...(previous?.files.keys() ?? [])].filter((path) => !next.files.has(path));
  const dirsChanged = full || !previous || previous.dirs.join('\0') !== next.dirs.join('\0');
  return {
    run_id: where.run_id,
    step: where.step,
    at: where.at,
    full,
    ...packEntries(files),
    removed,
    dirs: dirsChanged ? next.dirs : null,
  };
}

function sameEntry(a: ManifestEntry | undefined, b: ManifestEntry): boolean {
  return a !== undefined && a.hash === b.hash && a.mode === b.mode;
}
