/**
 * clone, fetch and pull (push is in cmd-push.ts), run here over the sandbox's files while the network part goes
 * through the page's broker (context.ts GitRemote, remote-access.ts): git's smart HTTP requests are handed to the
 * page, which performs them through the Git CORS proxy with the token added for the opened repository only.
 * Only the repository opened on the page is reachable; anything else is refused before a byte leaves.
 */
import { iso } from './iso';
import type { CommandRun, GitCommand, GitContext, GitResult } from './context';
import { has, parseArgs, value } from './args';
import { fatal, GitFailure } from './errors';
import { commitTree, currentBranch, headOid, openRepo, short, type Repo } from './repo';
import { flattenTree, type FlatTree } from './tree';
import { changedPaths, collectChanges, compareBytes } from './changes';
import { changedPairs, treeVersions } from './versions';
import { diffStat } from './patch';
import { removeWorkFile, writeWorkFile } from './work-files';
import { normalize } from './paths';
import { brokeredHttp, config, descends, failure, needsProxy, reach, remoteBranchOf, remoteUrl, requireBroker, shownUrl, trackingRefs, updateLines } from './remote-access';

/** Fetch `ref` (or every branch) of `name` through the broker; the ref-update lines. */
async function fetchFrom(run: CommandRun, command: string, name: string, ref: string | undefined): Promise<{ url: string; lines: string }> {
  const { url, remote: remoteName } = await remoteUrl(run.repo, name);
  const { remote, binding } = await reach(run.ctx, command, url);
  if (!binding.proxy) throw needsProxy(command);
  const tracking = remoteName ?? 'origin';
  const before = await trackingRefs(run.repo, tracking);
  try {
    await iso.fetch({
      fs: run.repo.fs, http: brokeredHttp(remote), dir: run.repo.dir, cache: run.repo.cache,
      ...(remoteName ? { remote: remoteName } : { url }),
      ...(ref && { ref, singleBranch: true }),
      tags: false,
    });
  } catch (error) {
    throw failure(error, command);
  }
  const after = await trackingRefs(run.repo, tracking);
  const updates = [...after]
    .filter(([branch, oid]) => before.get(branch) !== oid)
    .sort(([a], [b]) => compareBytes(a, b))
    .map(([branch, oid]) => ({ from: branch, to: `${tracking}/${branch}`, old: before.get(branch), now: oid }));
  // git's fetch pads the branch column to at least 10 (builtin/fetch.c refcol_width); push does not pad
  return { url, lines: updateLines(updates, 10) };
}

export const fetchCommand: GitCommand = async (args, run) => {
  requireBroker(run.ctx, 'fetch');
  const p = parseArgs('fetch', args, { flags: ['-q', '--quiet', '-v', '--verbose', '--no-tags', '--prune', '-p'] });
  const [name = 'origin', ref] = p.words;
  const { url, lines } = await fetchFrom(run, 'fetch', name, ref);
  if (lines && !has(p, '-q', '--quiet')) run.err.push(`From ${shownUrl(url)}\n${lines}`);
};

/** Move the current branch forward to `target`, carrying local changes that do not touch what changes. */
async function fastForward(run: CommandRun, branch: string, head: string, target: string): Promise<string> {
  const repo = run.repo;
  const before = await flattenTree(repo, await commitTree(repo, head));
  const after = await flattenTree(repo, await commitTree(repo, target));
  const touched = changedPaths(before, after);
  const changes = await collectChanges(repo);
  const dirty = new Set([...changes.changes.map((c) => c.path), ...changes.untracked.filter((path) => !before.has(path))]);
  const blocked = touched.filter((path) => dirty.has(path)).sort(compareBytes);
  if (blocked.length) {
    throw new GitFailure(
      `error: Your local changes to the following files would be overwritten by merge:\n${blocked.map((p) => `\t${p}\n`).join('')}` +
        'Please commit your changes or stash them before you merge.\nAborting\n',
      1,
    );
  }
  await applyTree(repo, touched, after);
  await iso.writeRef({ fs: repo.fs, dir: repo.dir, ref: `refs/heads/${branch}`, value: target, force: true });
  const pairs = await changedPairs(await treeVersions(repo, await commitTree(repo, head)), await treeVersions(repo, await commitTree(repo, target)));
  return `Updating ${short(head)}..${short(target)}\nFast-forward\n${diffStat(pairs)}`;
}

async function applyTree(repo: Repo, paths: string[], tree: FlatTree): Promise<void> {
  const added: string[] = [];
  for (const path of paths) {
    const version = tree.get(path);
    if (version) {
      await writeWorkFile(repo, path, version);
      added.push(path);
    } else {
      await removeWorkFile(repo, path);
      await iso.remove({ fs: repo.fs, dir: repo.dir, cache: repo.cache, filepath: path });
    }
  }
  if (added.length) await iso.add({ fs: repo.fs, dir: repo.dir, cache: repo.cache, filepath: added, force: true });
}

export const pullCommand: GitCommand = async (args, run) => {
  requireBroker(run.ctx, 'pull');
  const p = parseArgs('pull', args, { flags: ['-q', '--quiet', '-v', '--verbose', '--ff-only', '--ff', '--no-rebase', '--no-edit'] });
  const repo = run.repo;
  const branch = await currentBranch(repo);
  if (!branch) throw fatal('You are not currently on a branch.');
  const [name = (await config(repo, `branch.${branch}.remote`)) ?? 'origin', named] = p.words;
  const theirsBranch = named ?? (await remoteBranchOf(repo, branch));
  // as git: a plain pull fetches every branch of the remote, a named one only that
  const { url, lines } = await fetchFrom(run, 'pull', name, named);
  if (lines && !has(p, '-q', '--quiet')) run.err.push(`From ${shownUrl(url)}\n${lines}`);
  const theirs = await iso.resolveRef({ fs: repo.fs, dir: repo.dir, ref: `refs/remotes/${name}/${theirsBranch}` }).catch(() => undefined);
  if (!theirs) throw fatal(`couldn't find remote ref ${theirsBranch}`);
  const head = await headOid(repo);
  if (!head) {
    await applyTree(repo, [...(await flattenTree(repo, await commitTree(repo, theirs))).keys()], await flattenTree(repo, await commitTree(repo, theirs)));
    await iso.writeRef({ fs: repo.fs, dir: repo.dir, ref: `refs/heads/${branch}`, value: theirs, force: true });
    return;
  }
  if (await descends(repo, head, theirs)) {
    run.out.push('Already up to date.\n');
    return;
  }
  if (!(await descends(repo, theirs, head))) {
    const opened = (await config(repo, 'autopilot.upstream')) !== (await config(repo, 'autopilot.base'));
    const why = opened
      ? "hint: This repository was opened through GitHub's REST API as one commit, so its history is not GitHub's\n" +
        'hint: and cannot be fast-forwarded; commit your work and use git push or create_pull_request instead.\n'
      : "hint: Diverging branches can't be fast-forwarded; merging or rebasing them is not supported here.\n";
    throw new GitFailure(`${why}fatal: Not possible to fast-forward, aborting.\n`, 128);
  }
  const summary = await fastForward(run, branch, head, theirs);
  if (!has(p, '-q', '--quiet')) run.out.push(summary);
};

/** `git clone <url> [<dir>]`: only the opened repository, only through the proxy. */
export async function cloneCommand(args: string[], ctx: GitContext): Promise<GitResult> {
  requireBroker(ctx, 'clone');
  const p = parseArgs('clone', args, { flags: ['-q', '--quiet', '--single-branch', '--no-tags', '-v'], values: ['--depth', '-b', '--branch'] });
  const [url, target] = p.words;
  if (!url) throw new GitFailure('fatal: You must specify a repository to clone.\n', 129);
  const { remote, binding } = await reach(ctx, 'clone', url);
  if (!binding.proxy) throw needsProxy('clone');
  const name = target ?? url.replace(/\/+$/, '').replace(/\.git$/, '').split('/').pop()!;
  const dir = normalize(name.startsWith('/') ? name : `${ctx.cwd}/${name}`);
  const entries = await ctx.fs.promises.readdir(dir).catch(() => undefined);
  if (entries && entries.length) throw fatal(`destination path '${name}' already exists and is not an empty directory.`);
  await ctx.fs.promises.mkdir(dir).catch(() => undefined);
  const depth = value(p, '--depth');
  const branch = value(p, '-b', '--branch');
  try {
    await iso.clone({
      fs: ctx.fs, http: brokeredHttp(remote), dir, url: binding.url, cache: openRepo(ctx.fs, dir).cache,
      ...(depth && { depth: Number(depth) }),
      ...(branch && { ref: branch }),
      singleBranch: has(p, '--single-branch') || Boolean(depth),
    });
  } catch (error) {
    await removeTree(ctx, dir);
    throw failure(error, 'clone');
  }
  return { stdout: '', stderr: has(p, '-q', '--quiet') ? '' : `Cloning into '${name}'...\n`, exitCode: 0 };
}

async function removeTree(ctx: GitContext, dir: string): Promise<void> {
  const stat = await ctx.fs.promises.lstat(dir).catch(() => undefined);
  if (!stat) return;
  if (stat.isDirectory()) {
    for (const entry of await ctx.fs.promises.readdir(dir)) await removeTree(ctx, `${dir}/${entry}`);
    await ctx.fs.promises.rmdir(dir).catch(() => undefined);
  } else {
    await ctx.fs.promises.unlink(dir).catch(() => undefined);
  }
}
