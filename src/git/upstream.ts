/** The "Your branch is up to date with 'origin/main'." line, from the branch's configured upstream. */
import { iso } from './iso';
import type { Repo } from './repo';

/** The branch's upstream as `origin/main`, when one is configured and known. */
export async function upstreamOf(repo: Repo, branch: string): Promise<{ name: string; oid: string } | undefined> {
  const remote = await iso.getConfig({ fs: repo.fs, dir: repo.dir, path: `branch.${branch}.remote` });
  const merge = await iso.getConfig({ fs: repo.fs, dir: repo.dir, path: `branch.${branch}.merge` });
  if (typeof remote !== 'string' || typeof merge !== 'string') return undefined;
  const name = `${remote}/${merge.replace(/^refs\/heads\//, '')}`;
  try {
    return { name, oid: await iso.resolveRef({ fs: repo.fs, dir: repo.dir, ref: `refs/remotes/${name}` }) };
  } catch {
    return undefined;
  }
}

async function countAhead(repo: Repo, from: string, base: string): Promise<number | undefined> {
  const commits = await iso.log({ fs: repo.fs, dir: repo.dir, ref: from, cache: repo.cache });
  const index = commits.findIndex((c) => c.oid === base);
  return index < 0 ? undefined : index;
}

/** The tracking line(s) of the long status, or '' with no upstream. */
export async function upstreamLine(repo: Repo, branch: string, head: string): Promise<string> {
  const upstream = await upstreamOf(repo, branch);
  if (!upstream) return '';
  if (upstream.oid === head) return `Your branch is up to date with '${upstream.name}'.\n\n`;
  const ahead = await countAhead(repo, head, upstream.oid);
  if (ahead !== undefined) {
    const commits = ahead === 1 ? 'commit' : 'commits';
    return `Your branch is ahead of '${upstream.name}' by ${ahead} ${commits}.\n  (use "git push" to publish your local commits)\n\n`;
  }
  const behind = await countAhead(repo, upstream.oid, head);
  if (behind !== undefined) {
    const commits = behind === 1 ? 'commit' : 'commits';
    return `Your branch is behind '${upstream.name}' by ${behind} ${commits}, and can be fast-forwarded.\n  (use "git pull" to update your local branch)\n\n`;
  }
  return `Your branch and '${upstream.name}' have diverged.\n\n`;
}
