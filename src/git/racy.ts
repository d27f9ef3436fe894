/**
 * Racy git (git's Documentation/technical/racy-git.txt). An index entry caches its file's stat; a file
 * rewritten with the same size in the same timestamp tick as that stat was taken looks unchanged. Readers
 * treat entries whose mtime is at or after the index file's own mtime as "racily clean" and read them —
 * but once the index is rewritten later, that clue is gone. So whoever writes the index must first check
 * the entries that were racily clean against the index it replaces, and smudge (size 0) those whose content
 * no longer matches: every reader then compares content. isomorphic-git writes the index without doing
 * this; the front end does it after each command that rewrote the index.
 *
 * Seconds, not nanoseconds, decide what is racy: the real git (built without USE_NSEC, as Debian's is)
 * compares only whole seconds of mtime, so anything within the same second must be checked for it.
 */
import type { Repo } from './repo';
import { parseIndex, smudgedIndex } from './index-file';
import { hashWorkFile, sameStat, writeIndex } from './changes';
import { gitMode } from './worktree';
import type { NodeLikeStat } from './fs';

/** The index file's stat before a command, to tell whether the command rewrote it and from when. */
export interface IndexStamp {
  mtimeMs: number;
  ctimeMs: number;
  size: number;
}

/** The index file's stamp, or undefined when there is no index yet. */
export async function indexStamp(repo: Repo): Promise<IndexStamp | undefined> {
  try {
    const stat = await repo.fs.promises.stat(`${repo.gitdir}/index`);
    return { mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, size: stat.size };
  } catch {
    return undefined;
  }
}

/**
 * After a command: if it rewrote the index, smudge the entries that were racily clean before the write (mtime
 * in or after the second of the index it replaced — or of the command's start, when there was none) and
 * whose file now differs from the entry while its stat still matches. Returns how many were smudged.
 */
export async function smudgeRacilyClean(repo: Repo, before: IndexStamp | undefined, startedMs: number): Promise<number> {
  const after = await indexStamp(repo);
  if (!after) return 0;
  // Unchanged, or rewritten within the same tick: every entry racy before is still racy to any reader.
  if (before && before.mtimeMs === after.mtimeMs && before.ctimeMs === after.ctimeMs && before.size === after.size) return 0;
  // (20 ms of slack: file times come from the kernel's coarse clock, which may lag Date.now by a tick.)
  const since = Math.floor(Math.min(before?.mtimeMs ?? startedMs, startedMs - 20) / 1000);
  const bytes = (await repo.fs.promises.readFile(`${repo.gitdir}/index`)) as Uint8Array;
  const smudge: number[] = [];
  for (const entry of parseIndex(bytes)) {
    if (entry.stage !== 0 || entry.mtimeSeconds < since || entry.size === 0) continue;
    let stat: NodeLikeStat;
    try {
      stat = (await repo.fs.promises.lstat(`${repo.dir}/${entry.path}`)) as NodeLikeStat;
    } catch {
      continue; // gone: every reader sees that
    }
    const file = { mode: gitMode(stat), size: stat.size, mtimeMs: stat.mtimeMs };
    if (!sameStat(entry, file)) continue; // the stat already tells readers it changed
    if ((await hashWorkFile(repo, entry.path, file.mode)) !== entry.oid) smudge.push(entry.offset);
  }
  if (smudge.length) await writeIndex(repo, await smudgedIndex(bytes, smudge));
  return smudge.length;
}
