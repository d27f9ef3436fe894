/** A walk over the work tree: every file git would see, with the stat data the index caches. */
import type { GitFs, NodeLikeStat } from './fs';
import { IgnoreRules } from './ignore-rules';

/** A file in the work tree. */
export interface WorkFile {
  mode: number;
  size: number;
  mtimeMs: number;
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
  await walk(fs, dir, '', rules, tracked, trackedDirs, files);
  return { files };
}

async function walk(
  fs: GitFs,
  dir: string,
  prefix: string,
  rules: IgnoreRules,
  tracked: ReadonlySet<string>,
  trackedDirs: ReadonlySet<string>,
  files: Map<string, WorkFile>,
): Promise<void> {
  let names: string[];
  try {
    names = await fs.promises.readdir(prefix ? `${dir}/${prefix}` : dir || '/');
  } catch {
    return;
  }
  for (const name of names.sort()) {
    if (name === '.git') continue;
    const path = prefix ? `${prefix}/${name}` : name;
    let stat: NodeLikeStat;
    try {
      stat = (await fs.promises.lstat(`${dir}/${path}`)) as NodeLikeStat;
    } catch {
      continue;
    }
    if (stat.isDirectory()) {
      if (!trackedDirs.has(path) && rules.ignores(`${path}/`)) continue;
      await walk(fs, dir, path, await rules.enter(fs, dir, path), tracked, trackedDirs, files);
    } else if (tracked.has(path) || !rules.ignores(path)) {
      files.set(path, { mode: gitMode(stat), size: stat.size, mtimeMs: stat.mtimeMs });
    }
  }
}
