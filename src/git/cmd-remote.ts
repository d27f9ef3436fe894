/**
 * clone, fetch, pull and push, run here over the sandbox's files while the network part goes through the
 * page's broker (context.ts GitRemote): git's smart HTTP requests are handed to the page, which performs them
 * through the Git CORS proxy with the token added for the opened repository only; with no proxy, a push goes
 * through GitHub's API instead (the page replays the commits). Only the repository opened on the page is
 * reachable; anything else is refused before a byte leaves.
 */
import { iso, type HttpClient } from './iso';
import type { ApiCommit, CommandRun, GitCommand, GitContext, GitRemote, GitResult, RemoteBinding } from './context';
import { has, parseArgs, value } from './args';
import { fatal, GitFailure } from './errors';
import { commitTree, currentBranch, headOid, openRepo, short, type Repo } from './repo';
import { flattenTree, readBlobBytes, type FlatTree } from './tree';
import { collectChanges, compareBytes } from './changes';
import { changedPairs, treeVersions } from './versions';
import { diffStat } from './patch';
import { removeWorkFile, writeWorkFile } from './work-files';
import { normalize } from './paths';

/** Why no remote can be reached when the sandbox has no broker at all. */
export function noBrokerMessage(command: string): string {
  return (
    `fatal: git ${command} cannot reach the network from this sandbox: remote operations go through the page, ` +
    'and no remote is connected here (the sandbox never holds a token). Work with the local repository; to ' +
    'publish it, commit and use the create_pull_request tool (when you have it).\n'
  );
}

function needsProxy(command: string): GitFailure {
  return fatal(
    `git ${command} needs the Git CORS proxy: GitHub's git endpoints send no CORS headers, so a browser page can ` +
      'reach them only through a proxy, and none is set (Settings → Git CORS proxy). Without one, `git push` ' +
      'still works (through GitHub\'s API) and create_pull_request opens a pull request.',
  );
}

/** https://GitHub.com/o/r.git/ and https://github.com/o/r name the same repository. */
export function sameRepositoryUrl(a: string, b: string): boolean {
  const canonical = (url: string) => {
    try {
      const parsed = new URL(url);
      // GitHub's owner and name are case-insensitive
      return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '').replace(/\.git$/, '')}`.toLowerCase();
    } catch {
      return url;
    }
  };
  return canonical(a) === canonical(b);
}

/** No broker: git's answer before anything else is looked at. */
function requireBroker(ctx: GitContext, command: string): void {
  if (!ctx.remote) throw new GitFailure(noBrokerMessage(command), 128);
}

/** The broker, its binding, and the URL asked for — refused unless it is the opened repository's. */
async function reach(ctx: GitContext, command: string, url: string | undefined): Promise<{ remote: GitRemote; binding: Required<RemoteBinding> }> {
  const remote = ctx.remote;
  if (!remote) throw new GitFailure(noBrokerMessage(command), 128);
  const binding = await remote.binding();
  if (!binding.repository || !binding.url) {
    throw fatal(
      `git ${command}: no repository is open on the page. Remote operations go through the page, and only to ` +
        'the repository opened with "Open from GitHub" (or execute({repo})); none is, so nothing can be reached.',
    );
  }
  if (url !== undefined && !sameRepositoryUrl(url, binding.url)) {
    throw fatal(
      `git ${command}: '${url}' is not the repository opened on the page (${binding.url}); the page reaches only ` +
        'that one, so other remotes and hosts are refused.',
    );
  }
  return { remote, binding: binding as Required<RemoteBinding> };
}

async function collect(body: AsyncIterableIterator<Uint8Array> | Iterable<Uint8Array> | undefined): Promise<Uint8Array | undefined> {
  if (!body) return undefined;
  const parts: Uint8Array[] = [];
  for await (const part of body as AsyncIterable<Uint8Array>) parts.push(part);
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** isomorphic-git's HTTP client, its requests performed by the page. */
export function brokeredHttp(remote: GitRemote): HttpClient {
  return {
    async request({ url, method = 'GET', headers = {}, body }) {
      const bytes = await collect(body as AsyncIterableIterator<Uint8Array> | undefined);
      const response = await remote.request({ url, method, headers, ...(bytes && { body: bytes }) });
      return {
        url: response.url,
        method: response.method,
        statusCode: response.statusCode,
        statusMessage: response.statusMessage,
        headers: response.headers,
        body: (async function* () {
          yield response.body;
        })(),
      };
    },
  };
}

/** A remote name (`origin`) or URL, as its URL; git's own error when it names nothing. */
async function remoteUrl(repo: Repo, name: string): Promise<{ url: string; remote?: string }> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) return { url: name };
  const url = await iso.getConfig({ fs: repo.fs, dir: repo.dir, path: `remote.${name}.url` });
  if (typeof url !== 'string') {
    throw new GitFailure(
      `fatal: '${name}' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\n` +
        'Please make sure you have the correct access rights\nand the repository exists.\n',
      128,
    );
  }
  return { url, remote: name };
}

async function config(repo: Repo, key: string): Promise<string | undefined> {
  const found = await iso.getConfig({ fs: repo.fs, dir: repo.dir, path: key });
  return typeof found === 'string' ? found : undefined;
}

/** What a thrown error from isomorphic-git or the page says, as git's last line. */
function failure(error: unknown, command: string): GitFailure {
  if (error instanceof GitFailure) return error;
  const e = error as { message?: string; data?: { statusCode?: number } };
  const status = e.data?.statusCode;
  if (status === 401 || status === 403) return fatal(`git ${command}: the repository refused access (${status}): the GitHub token in Settings may lack Contents read/write.`);
  return fatal(`git ${command}: ${e.message ?? String(error)}`);
}

/** The remote-tracking branches of `remote`, by name. */
async function trackingRefs(repo: Repo, remote: string): Promise<Map<string, string>> {
  const refs = new Map<string, string>();
  for (const branch of await iso.listBranches({ fs: repo.fs, dir: repo.dir, remote }).catch(() => [] as string[])) {
    if (branch === 'HEAD') continue;
    refs.set(branch, await iso.resolveRef({ fs: repo.fs, dir: repo.dir, ref: `refs/remotes/${remote}/${branch}` }));
  }
  return refs;
}

/** git's ref-update lines: `   abc1234..def5678  main       -> origin/main`, ` * [new branch]      x -> origin/x`. */
function updateLines(updates: { from: string; to: string; old?: string; now: string }[], minWidth = 0): string {
  const width = Math.max(minWidth, ...updates.map((u) => u.from.length));
  return updates.map((u) => ` ${u.old ? ' ' : '*'} ${(u.old ? `${short(u.old)}..${short(u.now)}` : '[new branch]').padEnd(17)} ${u.from.padEnd(width)} -> ${u.to}\n`).join('');
}

function shownUrl(url: string): string {
  return url.replace(/\.git$/, '');
}

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

/** Is `ancestor` in `oid`'s history? */
async function descends(repo: Repo, oid: string, ancestor: string): Promise<boolean> {
  if (oid === ancestor) return true;
  return iso.isDescendent({ fs: repo.fs, dir: repo.dir, oid, ancestor, depth: -1, cache: repo.cache }).catch(() => false);
}

/** Move the current branch forward to `target`, carrying local changes that do not touch what changes. */
async function fastForward(run: CommandRun, branch: string, head: string, target: string): Promise<string> {
  const repo = run.repo;
  const before = await flattenTree(repo, await commitTree(repo, head));
  const after = await flattenTree(repo, await commitTree(repo, target));
  const touched = [...new Set([...before.keys(), ...after.keys()])].filter((path) => {
    const a = before.get(path);
    const b = after.get(path);
    return !a || !b || a.oid !== b.oid || a.mode !== b.mode;
  });
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

/** The branch a pull or push goes to on the remote when none is named: the upstream's, else the same name. */
async function remoteBranchOf(repo: Repo, branch: string): Promise<string> {
  const merge = await config(repo, `branch.${branch}.merge`);
  return merge ? merge.replace(/^refs\/heads\//, '') : branch;
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
    for (const path of [...new Set([...before.keys(), ...after.keys()])].sort(compareBytes)) {
      const a = before.get(path);
      const b = after.get(path);
      if (a && b && a.oid === b.oid && a.mode === b.mode) continue;
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
