/** A repository the front end works on: where it is, and how names (HEAD~1, main, abc1234) become commits. */
import { iso } from './iso';
import type { GitFs } from './fs';
import { fatal } from './errors';

/** A work tree and its .git directory on a file system. */
export interface Repo {
  fs: GitFs;
  dir: string;
  gitdir: string;
  /** isomorphic-git's object cache (parsed packfiles), kept per repository. */
  cache: object;
}

const caches = new WeakMap<object, Map<string, object>>();

/** The repository open at `dir` (its packfile cache shared by every command on it). */
export function openRepo(fs: GitFs, dir: string): Repo {
  let byDir = caches.get(fs);
  if (!byDir) caches.set(fs, (byDir = new Map()));
  let cache = byDir.get(dir);
  if (!cache) byDir.set(dir, (cache = {}));
  return { fs, dir, gitdir: `${dir}/.git`, cache };
}

/** The repository containing `cwd`, or a git-style fatal error. */
export async function findRepo(fs: GitFs, cwd: string): Promise<Repo> {
  let dir = cwd.replace(/\/+$/, '') || '/';
  for (;;) {
    const candidate = dir === '/' ? '/.git' : `${dir}/.git`;
    try {
      const stat = await fs.promises.stat(candidate);
      if (stat.isDirectory()) return openRepo(fs, dir === '/' ? '' : dir);
    } catch {
      // not here: look one level up
    }
    if (dir === '/' || dir === '') break;
    dir = dir.slice(0, dir.lastIndexOf('/')) || '/';
  }
  throw fatal('not a git repository (or any of the parent directories): .git');
}

/** The branch HEAD points at (undefined when detached). */
export async function currentBranch(repo: Repo): Promise<string | undefined> {
  return (await iso.currentBranch({ fs: repo.fs, dir: repo.dir, fullname: false })) ?? undefined;
}

/** The commit HEAD points at, or undefined on an unborn branch. */
export async function headOid(repo: Repo): Promise<string | undefined> {
  try {
    return await iso.resolveRef({ fs: repo.fs, dir: repo.dir, ref: 'HEAD' });
  } catch {
    return undefined;
  }
}

async function resolveName(repo: Repo, name: string): Promise<string | undefined> {
  if (name === '@') name = 'HEAD';
  try {
    return await iso.resolveRef({ fs: repo.fs, dir: repo.dir, ref: name });
  } catch {
    // not a ref: perhaps an abbreviated object id
  }
  if (/^[0-9a-f]{4,40}$/.test(name)) {
    try {
      return await iso.expandOid({ fs: repo.fs, dir: repo.dir, oid: name, cache: repo.cache });
    } catch {
      return undefined;
    }
  }
  return undefined;
}

async function parentOf(repo: Repo, oid: string, index: number): Promise<string | undefined> {
  const { commit } = await iso.readCommit({ fs: repo.fs, dir: repo.dir, oid, cache: repo.cache });
  return commit.parent[index];
}

/** A revision (`HEAD`, `main~2`, `abc1234^`, `origin/main`) as a commit id, or undefined when unknown. */
export async function resolveRevision(repo: Repo, revision: string): Promise<string | undefined> {
  const match = /^(.*?)((?:[~^]\d*)*)$/.exec(revision);
  if (!match || !match[1]) return undefined;
  let oid = await resolveName(repo, match[1]);
  for (const step of match[2].match(/[~^]\d*/g) ?? []) {
    if (!oid) return undefined;
    const count = step.length > 1 ? Number(step.slice(1)) : 1;
    if (step[0] === '^') {
      oid = count === 0 ? oid : await parentOf(repo, oid, count - 1);
    } else {
      for (let i = 0; i < count && oid; i++) oid = await parentOf(repo, oid, 0);
    }
  }
  return oid;
}

/** Like resolveRevision, but a revision that names nothing is git's fatal "ambiguous argument". */
export async function requireRevision(repo: Repo, revision: string): Promise<string> {
  const oid = await resolveRevision(repo, revision);
  if (!oid) {
    throw fatal(
      `ambiguous argument '${revision}': unknown revision or path not in the working tree.\n` +
        "Use '--' to separate paths from revisions, like this:\n'git <command> [<revision>...] -- [<file>...]'",
    );
  }
  return oid;
}

/** The tree id of a commit. */
export async function commitTree(repo: Repo, oid: string): Promise<string> {
  const { commit } = await iso.readCommit({ fs: repo.fs, dir: repo.dir, oid, cache: repo.cache });
  return commit.tree;
}

/** The first seven hex digits of an object id, as git abbreviates them. */
export function short(oid: string): string {
  return oid.slice(0, 7);
}
