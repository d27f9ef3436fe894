/**
 * What changed, as `git status` sees it: HEAD's tree against the index, the index against the work tree,
 * and untracked files. Files whose size and mtime match the index's cached stat are not read (git's own
 * trick), so a clean 10 000-file tree costs a walk and a stat per file.
 */
import { iso, forgetCachedIndex } from './iso';
import type { Repo } from './repo';
import { headOid, commitTree } from './repo';
import { parseIndex, refreshedIndex, type IndexEntry, type StatUpdate } from './index-file';
import { flattenTree, type FlatTree } from './tree';
import { walkWorkTree, type WorkFile } from './worktree';

/** One path's state: X (index vs HEAD) and Y (work tree vs index), as in `git status --porcelain`. */
export interface Change {
  path: string;
  staged: ' ' | 'A' | 'M' | 'D' | 'R';
  unstaged: ' ' | 'M' | 'D';
  /** For a staged rename: where it came from. */
  from?: string;
}

/** The whole picture. */
export interface Changes {
  head: string | undefined;
  headTree: FlatTree;
  index: Map<string, IndexEntry>;
  work: Map<string, WorkFile>;
  /** Tracked paths that differ somewhere, sorted. */
  changes: Change[];
  /** Untracked files, each one. */
  untracked: string[];
  /** Work-tree blob ids of tracked files that were hashed (stat changed). */
  workOids: Map<string, string>;
}

/** The index's entries by path (stage 0 only; conflicts are not produced by this front end). */
export async function readIndex(repo: Repo): Promise<{ entries: Map<string, IndexEntry>; mtimeMs: number; bytes?: Uint8Array }> {
  try {
    const path = `${repo.gitdir}/index`;
    const [bytes, stat] = await Promise.all([repo.fs.promises.readFile(path), repo.fs.promises.stat(path)]);
    const entries = new Map<string, IndexEntry>();
    for (const entry of parseIndex(bytes as Uint8Array)) if (entry.stage === 0) entries.set(entry.path, entry);
    return { entries, mtimeMs: stat.mtimeMs, bytes: bytes as Uint8Array };
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return { entries: new Map(), mtimeMs: 0 };
    throw error;
  }
}

/** Every directory that holds a tracked file (so the walk does not ignore it). */
export function directoriesOf(paths: Iterable<string>): Set<string> {
  const dirs = new Set<string>();
  for (const path of paths) {
    for (let slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) dirs.add(path.slice(0, slash));
  }
  return dirs;
}

/** The id of the empty blob: an index entry of size 0 with any other id is smudged (see racy.ts). */
const EMPTY_BLOB = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c53b9';

/** The entry's cached stat (size, mode, mtime) describes this file — its content may still differ (racy). */
export function sameStat(entry: IndexEntry, file: Pick<WorkFile, 'size' | 'mode' | 'mtimeMs'>): boolean {
  if (entry.size !== file.size % 2 ** 32 || entry.mode !== file.mode) return false;
  if (entry.size === 0 && entry.oid !== EMPTY_BLOB) return false;
  const seconds = Math.floor(file.mtimeMs / 1000);
  const nanos = Math.round((file.mtimeMs - seconds * 1000) * 1e6);
  return entry.mtimeSeconds === seconds && Math.abs(entry.mtimeNanoseconds - nanos) <= 2000;
}

function statMatches(entry: IndexEntry, file: WorkFile, indexMtimeMs: number): boolean {
  if (!sameStat(entry, file)) return false;
  // Racily clean: the file changed at or after the moment the index was written, so a same-size rewrite in
  // that tick would keep this stat. Read it to be sure. (2 µs of slack: the cached nanoseconds are rounded.)
  return file.mtimeMs + 0.002 < indexMtimeMs;
}

/** The blob id a work-tree file would get. */
export async function hashWorkFile(repo: Repo, path: string, mode: number): Promise<string> {
  const full = `${repo.dir}/${path}`;
  const object =
    mode === 0o120000
      ? new TextEncoder().encode(await repo.fs.promises.readlink!(full))
      : ((await repo.fs.promises.readFile(full)) as Uint8Array);
  return (await iso.hashBlob({ object })).oid;
}

/** Compute the status of the repository; with `refresh`, stale stat data of unchanged files is rewritten. */
export async function collectChanges(repo: Repo, options: { refresh?: boolean } = {}): Promise<Changes> {
  const head = await headOid(repo);
  const headTree = await flattenTree(repo, head ? await commitTree(repo, head) : undefined);
  const { entries: index, mtimeMs, bytes } = await readIndex(repo);
  const refresh: StatUpdate[] = [];
  const tracked = new Set(index.keys());
  const { files: work } = await walkWorkTree(repo.fs, repo.dir, tracked, directoriesOf(tracked));
  const workOids = new Map<string, string>();
  const byPath = new Map<string, Change>();
  const note = (path: string): Change => {
    let change = byPath.get(path);
    if (!change) byPath.set(path, (change = { path, staged: ' ', unstaged: ' ' }));
    return change;
  };
  for (const [path, entry] of index) {
    const inHead = headTree.get(path);
    if (!inHead) note(path).staged = 'A';
    else if (inHead.oid !== entry.oid || inHead.mode !== entry.mode) note(path).staged = 'M';
    const file = work.get(path);
    if (!file) {
      note(path).unstaged = 'D';
    } else if (!statMatches(entry, file, mtimeMs)) {
      const oid = await hashWorkFile(repo, path, file.mode);
      workOids.set(path, oid);
      if (oid !== entry.oid || file.mode !== entry.mode) note(path).unstaged = 'M';
      else refresh.push({ offset: entry.offset, mtimeMs: file.mtimeMs, ctimeMs: file.ctimeMs, size: file.size });
    }
  }
  if (options.refresh && bytes && refresh.length) await writeIndex(repo, await refreshedIndex(bytes, refresh));
  for (const path of headTree.keys()) if (!index.has(path)) note(path).staged = 'D';
  const untracked = [...work.keys()].filter((path) => !index.has(path));
  return { head, headTree, index, work, changes: detectRenames([...byPath.values()], headTree, index), untracked, workOids };
}

/** Replace the index file (and drop isomorphic-git's cached copy of it, which could otherwise look fresh). */
export async function writeIndex(repo: Repo, bytes: Uint8Array): Promise<void> {
  await repo.fs.promises.writeFile(`${repo.gitdir}/index`, bytes);
  forgetCachedIndex(repo.cache);
}

/** Staged deletions and additions of the same blob become renames, as git status shows them. */
function detectRenames(changes: Change[], headTree: FlatTree, index: Map<string, IndexEntry>): Change[] {
  const deleted = changes.filter((c) => c.staged === 'D' && c.unstaged === ' ');
  const result = changes.filter((c) => !deleted.includes(c));
  for (const change of result) {
    if (change.staged !== 'A') continue;
    const oid = index.get(change.path)?.oid;
    const source = deleted.find((d) => headTree.get(d.path)?.oid === oid);
    if (!source) continue;
    deleted.splice(deleted.indexOf(source), 1);
    change.staged = 'R';
    change.from = source.path;
  }
  return [...result, ...deleted].sort((a, b) => compareBytes(a.path, b.path));
}

/** Order by UTF-8 bytes, as git sorts paths. */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Untracked paths as git lists them by default: a directory with no tracked file inside is shown once,
 * as `dir/`.
 */
export function collapseUntracked(untracked: readonly string[], trackedDirs: ReadonlySet<string>): string[] {
  const shown = new Set<string>();
  for (const path of untracked) {
    const parts = path.split('/');
    let shownAs = path;
    for (let depth = 1; depth < parts.length; depth++) {
      const dir = parts.slice(0, depth).join('/');
      if (!trackedDirs.has(dir)) {
        shownAs = `${dir}/`;
        break;
      }
    }
    shown.add(shownAs);
  }
  return [...shown].sort(compareBytes);
}

/** The paths whose file differs between two flat trees (added, removed, or another blob or mode), in byte order. */
export function changedPaths(before: FlatTree, after: FlatTree): string[] {
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((path) => {
      const a = before.get(path);
      const b = after.get(path);
      return !a || !b || a.oid !== b.oid || a.mode !== b.mode;
    })
    .sort(compareBytes);
}
