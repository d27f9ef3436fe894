/**
 * `git push`, its network part through the page's broker: with the Git CORS proxy, git's own push (never
 * forced); without it, the commits since the last push are replayed through GitHub's API by the page.
 */
import { iso } from './iso';
import type { ApiCommit, CommandRun, GitCommand, GitRemote } from './context';
import { has, parseArgs } from './args';
import { fatal, GitFailure } from './errors';
import { commitTree, currentBranch, short, type Repo } from './repo';
import { flattenTree, readBlobBytes } from './tree';
import { changedPaths } from './changes';
import { brokeredHttp, config, descends, failure, reach, remoteBranchOf, remoteUrl, requireBroker, shownUrl, trackingRefs, updateLines } from './remote-access';

/** Commits from `base` (exclusive) to `head`, oldest first, as file changes for the API; undefined when `base` is not an ancestor. */
async function commitsSince(repo: Repo, head: string, base: string): Promise<ApiCommit[] | undefined> {
  const log = await iso.log({ fs: repo.fs, dir: repo.dir, ref: head, cache: repo.cache });
  const at = log.findIndex((entry) => entry.oid === base);
  if (at < 0) return undefined;
  const commits: ApiCommit[] = [];
  for (const entry of log.slice(0, at).reverse()) {
    const parent = entry.commit.parent[0];
    const before = await flattenTree(repo, parent ? await commitTree(repo, parent) : undefined);
    const after = await flattenTree(repo, entry.commit.tree);
    const changes: ApiCommit['changes'] = [];
    for (const path of changedPaths(before, after)) {
      const b = after.get(path);
      changes.push(b ? { path, mode: b.mode, bytes: await readBlobBytes(repo, b.oid) } : { path });
    }
    commits.push({ message: entry.commit.message, author: entry.commit.author, changes });
  }
  return commits;
}

const REJECTED_HINT =
  'hint: Updates were rejected because the remote contains work that you do not\n' +
  'hint: have locally. This is usually caused by another repository pushing to\n' +
  'hint: the same ref. If you want to integrate the remote changes, use\n' +
  "hint: 'git pull' before pushing again.\n";

function rejected(url: string, local: string, dst: string): GitFailure {
  return new GitFailure(
    `To ${url}\n ! [rejected]        ${local} -> ${dst} (fetch first)\nerror: failed to push some refs to '${url}'\n${REJECTED_HINT}`,
    1,
  );
}

/** Through GitHub's API: replay the commits since the last push of this branch (or since the open). */
async function pushThroughApi(run: CommandRun, remote: GitRemote, url: string, local: string, dst: string, head: string): Promise<string> {
  const repo = run.repo;
  const key = `autopilot-push.${dst}`;
  const [pushedLocal, pushedRemote] = [await config(repo, `${key}.local`), await config(repo, `${key}.remote`)];
  const [openedBranch, upstream, openedBase] = [await config(repo, 'autopilot.branch'), await config(repo, 'autopilot.upstream'), await config(repo, 'autopilot.base')];
  if (!upstream || !openedBase) {
    throw fatal(`git push without the Git CORS proxy works only in the repository opened from GitHub (its .git/config records where it came from); set the proxy in Settings to push from here.`);
  }
  // where GitHub's branch is, as this repository last knew it, and the local commit that matches it
  const known = pushedLocal && pushedRemote && (await descends(repo, head, pushedLocal)) ? { local: pushedLocal, remote: pushedRemote } : { local: openedBase, remote: upstream };
  if (known.local === head) return 'Everything up-to-date\n';
  const commits = await commitsSince(repo, head, known.local);
  if (!commits) throw fatal(`git push: ${local} does not descend from the commit opened from GitHub (${short(openedBase)}); only its descendants can be pushed without the Git CORS proxy.`);
  const existing = pushedRemote !== undefined || dst === openedBranch;
  let pushed: { sha: string };
  try {
    pushed = await remote.pushCommits({ branch: dst, onto: known.remote, ...(existing && { expected: known.remote }), commits });
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (/\bfetch first\b|moved|exists/.test(message)) throw rejected(url, local, dst);
    throw fatal(`git push: ${message}`);
  }
  await iso.setConfig({ fs: repo.fs, dir: repo.dir, path: `${key}.local`, value: head });
  await iso.setConfig({ fs: repo.fs, dir: repo.dir, path: `${key}.remote`, value: pushed.sha });
  const line = updateLines([{ from: local, to: dst, ...(existing && { old: known.remote }), now: pushed.sha }]);
  return `To ${url}\n${line}(through GitHub's API: the commits were replayed there, so GitHub's id for ${short(head)} is ${short(pushed.sha)})\n`;
}

export const pushCommand: GitCommand = async (args, run) => {
  requireBroker(run.ctx, 'push');
  const p = parseArgs('push', args, { flags: ['-q', '--quiet', '-v', '--verbose', '-u', '--set-upstream', '-f', '--force', '--force-with-lease', '--no-verify'] });
  if (has(p, '-f', '--force', '--force-with-lease')) throw fatal('force-push is refused here: a push never replaces commits on the remote (push to a new branch instead).');
  const repo = run.repo;
  const branch = await currentBranch(repo);
  const [name = (branch && (await config(repo, `branch.${branch}.remote`))) || 'origin', spec] = p.words;
  const [localName, dstName] = spec?.includes(':') ? spec.split(':') : [spec, undefined];
  const local = !localName || localName === 'HEAD' ? branch : localName;
  if (!local) throw fatal('You are not currently on a branch.\nTo push the history leading to the current (detached HEAD)\nstate now, use\n\n    git push origin HEAD:<name-of-remote-branch>');
  const dst = dstName ?? (local === branch && !spec ? await remoteBranchOf(repo, local) : local);
  const head = await iso.resolveRef({ fs: repo.fs, dir: repo.dir, ref: localName === 'HEAD' ? 'HEAD' : `refs/heads/${local}` }).catch(() => undefined);
  if (!head) throw new GitFailure(`error: src refspec ${local} does not match any\nerror: failed to push some refs to '${name}'\n`, 1);
  const { url, remote: remoteName } = await remoteUrl(repo, name);
  const { remote, binding } = await reach(run.ctx, 'push', url);
  let report: string;
  if (!binding.proxy) {
    report = await pushThroughApi(run, remote, shownUrl(url), local, dst, head);
  } else {
    const tracking = remoteName ?? 'origin';
    const old = (await trackingRefs(repo, tracking)).get(dst);
    try {
      const result = await iso.push({ fs: repo.fs, http: brokeredHttp(remote), dir: repo.dir, cache: repo.cache, ...(remoteName ? { remote: remoteName } : { url }), ref: local, remoteRef: dst, force: false });
      const state = result.refs[`refs/heads/${dst}`];
      if (state && !state.ok) throw new Error(state.error);
    } catch (error) {
      if ((error as { code?: string }).code === 'PushRejectedError') throw rejected(shownUrl(url), local, dst);
      throw failure(error, 'push');
    }
    report = old === head ? 'Everything up-to-date\n' : `To ${shownUrl(url)}\n${updateLines([{ from: local, to: dst, ...(old && { old }), now: head }])}`;
  }
  if (has(p, '-u', '--set-upstream') && branch === local && remoteName) {
    await iso.setConfig({ fs: repo.fs, dir: repo.dir, path: `branch.${local}.remote`, value: remoteName });
    await iso.setConfig({ fs: repo.fs, dir: repo.dir, path: `branch.${local}.merge`, value: `refs/heads/${dst}` });
    report += `branch '${local}' set up to track '${remoteName}/${dst}'.\n`;
  }
  if (!has(p, '-q', '--quiet')) run.err.push(report);
};
