/** The work dir every sandbox uses; file paths in the Sandbox port and the tools are relative to it. */
export const WORKDIR = '/home/project';

/** The work dir as plain data: portable between sandboxes and storable in IndexedDB. */
export interface WorkdirSnapshot {
  files: { path: string; data: Uint8Array; mode?: number }[];
  /** Directories, including empty ones. */
  dirs: string[];
}

/**
 * Part of a work dir: everything that is now at or under `roots` (work-dir-relative paths; `''` is the whole
 * work dir), plus the directories above each root that exist. Applied to an earlier state, it replaces what
 * that state had at or under the roots — so a step that changed one file reads and hashes one file.
 */
export interface WorkdirDelta extends WorkdirSnapshot {
  roots: string[];
}

/** The work dir as it is now, read from `since` on: a delta, and the cursor to read the next one from. */
export interface WorkdirChanges extends WorkdirDelta {
  /** Opaque; pass it as `since` next time. A cursor from another sandbox (or a restarted one) reads everything. */
  cursor: string;
}

/** True when `path` is `root` or inside it (`''` holds everything). */
export function isAtOrUnder(path: string, root: string): boolean {
  return root === '' || path === root || path.startsWith(`${root}/`);
}

/** `snapshot` with `delta` applied: a new snapshot, files and dirs sorted by path. */
export function applyDelta(snapshot: WorkdirSnapshot, delta: WorkdirDelta): WorkdirSnapshot {
  const covered = (path: string) => delta.roots.some((root) => isAtOrUnder(path, root));
  const files = new Map(snapshot.files.filter((file) => !covered(file.path)).map((file) => [file.path, file]));
  for (const file of delta.files) files.set(file.path, file);
  const dirs = new Set(snapshot.dirs.filter((dir) => !covered(dir)));
  for (const dir of delta.dirs) dirs.add(dir);
  return { files: [...files.values()].sort((a, b) => compare(a.path, b.path)), dirs: [...dirs].sort(compare) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
