/**
 * What a commit changes in a run's work-dir tree, computed from what the commit read: a whole snapshot is
 * compared with the whole previous tree; a delta (the paths under its roots) only where it reaches, so a step
 * that changed one file costs one file whatever the project's size. Also when a chain of delta records gets a
 * full record again: once the deltas since the last full one hold as many entries as the tree (or the chain
 * is long), so what the manifests store stays near the initial tree plus what changed.
 */
import { isAtOrUnder } from '../core/workdir';
import type { Tree } from './chain';
import type { ManifestEntry } from './schema';

/** A chain of delta records gets a full record at least this often (bounds the records read to rebuild a step). */
export const MANIFEST_CHAIN_MAX = 256;

/** The entries added or changed, the paths removed, and the directories when they changed (else null). */
export interface TreeChange {
  files: ManifestEntry[];
  removed: string[];
  dirs: string[] | null;
}

/**
 * The change from `previous` to what was read: `next` is the whole tree (`roots` absent or holding `''`), or
 * what is now under `roots` plus the directories above them.
 */
export function treeChange(previous: Tree | undefined, next: Tree, roots?: readonly string[]): TreeChange {
  const whole = !roots || roots.includes('');
  const files = [...next.files.values()].filter((entry) => !sameEntry(previous?.files.get(entry.path), entry));
  if (!previous) return { files, removed: [], dirs: next.dirs };
  const removed = whole ? [...previous.files.keys()].filter((path) => !next.files.has(path)) : removedUnder(previous, next, roots);
  const dirs = whole ? next.dirs : dirsAfter(previous.dirs, next.dirs, roots);
  return { files, removed, dirs: sameList(previous.dirs, dirs) ? null : dirs };
}

/** The tree after the change, changed in place. */
export function applyChange(tree: Tree, change: TreeChange): Tree {
  for (const path of change.removed) tree.files.delete(path);
  for (const entry of change.files) tree.files.set(entry.path, entry);
  if (change.dirs) tree.dirs = change.dirs;
  return tree;
}

/** A copy of the tree after the change (the tree itself stays as it was). */
export function treeAfter(tree: Tree | undefined, change: TreeChange): Tree {
  return applyChange({ files: new Map(tree?.files), dirs: [...(tree?.dirs ?? [])] }, change);
}

/** Whether a commit of `change` on a chain with `since` delta entries (in `records` records) writes a full record. */
export function wantsFull(previous: Tree | undefined, change: TreeChange, since: { records: number; entries: number }): boolean {
  if (!previous) return true;
  const entries = since.entries + change.files.length + change.removed.length;
  return since.records + 1 >= MANIFEST_CHAIN_MAX || entries >= Math.max(previous.files.size, 64);
}

/** The entries of a delta record (how much of a full record it costs). */
export function entriesOf(record: { files: readonly unknown[]; removed: readonly unknown[] }): number {
  return record.files.length + record.removed.length;
}

function removedUnder(previous: Tree, next: Tree, roots: readonly string[]): string[] {
  const removed = new Set<string>();
  const dirs = new Set(previous.dirs);
  for (const root of roots) {
    if (previous.files.has(root) && !next.files.has(root)) removed.add(root);
    if (!dirs.has(root)) continue;
    // a directory changed as a whole (removed, moved, replaced): what was under it and is not now is gone
    for (const path of previous.files.keys()) if (isAtOrUnder(path, root) && !next.files.has(path)) removed.add(path);
  }
  return [...removed];
}

function dirsAfter(previous: readonly string[], read: readonly string[], roots: readonly string[]): string[] {
  const dirs = new Set(previous.filter((dir) => !roots.some((root) => isAtOrUnder(dir, root))));
  for (const dir of read) dirs.add(dir);
  return [...dirs].sort();
}

function sameEntry(a: ManifestEntry | undefined, b: ManifestEntry): boolean {
  return a !== undefined && a.hash === b.hash && a.mode === b.mode;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
