/** A walk over the work tree: every file git would see, with the stat data the index caches. */
import { allPathsOf, allStatsOf, type GitFs, type NodeLikeStat } from './fs';
import { IgnoreRules } from './ignore-rules';

/** A file in the work tree. */
export interface WorkFile {
  mode: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** What a walk finds: files git tracks or could track (ignored ones left out, unless tracked). */
export interface WorkTree {
  files: Map<string, WorkFile>;
}

/** The git mode of a stat: 120000 link, 100755 executable, 100644 file. */
export function gitMode(stat: { mode: number; isSymbolicLink(): boolean }): number {
  if (stat.isSymbolicLink()) return 0o120000;
  return stat.mode & 0o111 ? 0o100755 : 0o100644;
}

/**
 * Walk `dir` (skipping .git). A path tracked in the index is always listed; an untracked one only when
 * not ignored.
 */
export async function walkWorkTree(fs: GitFs, dir: string, tracked: ReadonlySet<string>, trackedDirs: ReadonlySet<string>): Promise<WorkTree> {
  const files = new Map<string, WorkFile>();
  const rules = await IgnoreRules.atRoot(fs, dir);
  const lookup = allStatsOf(fs)?.allStats();
  await walk({ fs, dir, tracked, trackedDirs, files, readdir: listingOf(fs, dir), ...(lookup && { lookup }) }, '', rules);
  return { files };
}

/** How to list a folder: one pass over every path when the file system can, else readdir. */
function listingOf(fs: GitFs, dir: string): (path: string) => Promise<string[]> {
  const all = allPathsOf(fs);
  if (!all) return (path) => fs.promises.readdir(path);
  const root = dir || '';
  const children = new Map<string, string[]>();
  for (const path of all.allPaths()) {
    if (!path.startsWith(`${root}/`) || path.startsWith(`${root}/.git/`)) continue;
    const slash = path.lastIndexOf('/');
    const parent = path.slice(0, slash) || '/';
    let names = children.get(parent);
    if (!names) children.set(parent, (names = []));
    names.push(path.slice(slash + 1));
  }
  return async (path) => children.get(path) ?? [];
}

interface Walk {
  fs: GitFs;
  dir: string;
  tracked: ReadonlySet<string>;
  trackedDirs: ReadonlySet<string>;
  files: Map<string, WorkFile>;
  readdir: (path: string) => Promise<string[]>;
  /** Every path's stat from memory, when the file system can (paths it lacks are lstat'ed). */
  lookup?: (path: string) => NodeLikeStat | undefined;
}

async function walk(w: Walk, prefix: string, rules: IgnoreRules): Promise<void> {
  let names: string[];
  try {
    names = await w.readdir(prefix ? `${w.dir}/${prefix}` : w.dir || '/');
  } catch {
    return;
  }
  if (prefix && names.includes('.gitignore')) rules = await rules.enter(w.fs, w.dir, prefix);
  names = names.filter((name) => name !== '.git').sort();
  // a folder's entries are stat'ed at once (the lite fs answers from memory: the waits, not the work, cost)
  const stats = await Promise.all(
    names.map((name) => {
      const full = `${w.dir}/${prefix ? `${prefix}/${name}` : name}`;
      return w.lookup?.(full) ?? (w.fs.promises.lstat(full) as Promise<NodeLikeStat>).catch(() => undefined);
    }),
  );
  for (const [i, name] of names.entries()) {
    const path = prefix ? `${prefix}/${name}` : name;
    const stat = stats[i];
    if (!stat) continue;
    if (stat.isDirectory()) {
      if (!w.trackedDirs.has(path) && rules.ignores(`${path}/`)) continue;
      await walk(w, path, rules);
    } else if (w.tracked.has(path) || !rules.ignores(path)) {
      w.files.set(path, { mode: gitMode(stat), size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs });
    }
  }
}
