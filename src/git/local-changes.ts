/**
 * What a pull request from an opened repository contains: the commits made since it was opened, each as its
 * file changes, or — when there are none — the work tree against the opened commit as one change set.
 * `.gitignore` is honoured (the walk skips ignored files) and excluded folders (node_modules …) never go.
 */
import { iso } from './iso';
import type { GitFs } from './fs';
import { openRepo, commitTree, headOid, type Repo } from './repo';
import { flattenTree, readBlobBytes, type FlatTree } from './tree';
import { walkWorkTree } from './worktree';
import { hashWorkFile, compareBytes, directoriesOf } from './changes';
import { DEFAULT_AUTHOR } from './identity';

/** One file's new state; no bytes: deleted. */
export interface FileChange {
  path: string;
  mode?: number;
  bytes?: Uint8Array;
}

/** A commit to replay. */
export interface LocalCommit {
  message: string;
  author: { name: string; email: string; timestamp: number; timezoneOffset: number };
  changes: FileChange[];
}

/** Where the repository came from, and what changed since. */
export interface LocalChanges {
  repository: string;
  branch: string;
  /** The upstream commit the opened one mirrors (a pull request's parent). */
  upstream: string;
  commits: LocalCommit[];
  /** True when `commits` holds one change set made from the work tree (there were no local commits). */
  fromWorkTree: boolean;
}

async function config(repo: Repo, key: string): Promise<string | undefined> {
  const value = await iso.getConfig({ fs: repo.fs, dir: repo.dir, path: key });
  return typeof value === 'string' ? value : undefined;
}

function excluded(path: string, exclude: readonly string[]): boolean {
  return path.split('/').some((part) => exclude.includes(part));
}

async function diffTrees(repo: Repo, before: FlatTree, after: FlatTree, exclude: readonly string[]): Promise<FileChange[]> {
  const changes: FileChange[] = [];
  for (const path of [...new Set([...before.keys(), ...after.keys()])].sort(compareBytes)) {
    if (excluded(path, exclude)) continue;
    const a = before.get(path);
    const b = after.get(path);
    if (a && b && a.oid === b.oid && a.mode === b.mode) continue;
    changes.push(b ? { path, mode: b.mode, bytes: await readBlobBytes(repo, b.oid) } : { path });
  }
  return changes;
}

/** Is this a repository opened from GitHub (it records its upstream)? */
export async function openedFrom(fs: GitFs, dir: string): Promise<string | undefined> {
  return config(openRepo(fs, dir), 'autopilot.repository').catch(() => undefined);
}

/** The changes to publish, or an Error saying why there is nothing (not an opened repository). */
export async function localChanges(fs: GitFs, dir: string, options: { exclude: readonly string[]; message: string }): Promise<LocalChanges> {
  const repo = openRepo(fs, dir);
  const [repository, branch, upstream, base] = await Promise.all(['repository', 'branch', 'upstream', 'base'].map((k) => config(repo, `autopilot.${k}`)));
  if (!repository || !branch || !upstream || !base) throw new Error('This work dir was not opened from GitHub: open the repository with "Open from GitHub" first.');
  const head = await headOid(repo);
  const log = head ? await iso.log({ fs, dir, ref: head, cache: repo.cache }) : [];
  const baseIndex = log.findIndex((entry) => entry.oid === base);
  if (baseIndex < 0) throw new Error('The opened commit is no longer in the current branch\'s history; switch back to a branch made from it.');
  const commits: LocalCommit[] = [];
  for (const entry of log.slice(0, baseIndex).reverse()) {
    const parent = entry.commit.parent[0];
    const before = await flattenTree(repo, parent ? await commitTree(repo, parent) : undefined);
    const after = await flattenTree(repo, entry.commit.tree);
    commits.push({ message: entry.commit.message, author: entry.commit.author, changes: await diffTrees(repo, before, after, options.exclude) });
  }
  if (commits.length) return { repository, branch, upstream, commits, fromWorkTree: false };
  const baseTree = await flattenTree(repo, await commitTree(repo, base));
  const { files } = await walkWorkTree(fs, dir, new Set(baseTree.keys()), directoriesOf(baseTree.keys()));
  const changes: FileChange[] = [];
  for (const [path, file] of files) {
    if (excluded(path, options.exclude)) continue;
    const known = baseTree.get(path);
    if (known && known.mode === file.mode && known.oid === (await hashWorkFile(repo, path, file.mode))) continue;
    const bytes = file.mode === 0o120000 ? new TextEncoder().encode(await fs.promises.readlink!(`${dir}/${path}`)) : ((await fs.promises.readFile(`${dir}/${path}`)) as Uint8Array);
    changes.push({ path, mode: file.mode, bytes });
  }
  for (const path of baseTree.keys()) if (!files.has(path) && !excluded(path, options.exclude)) changes.push({ path });
  changes.sort((a, b) => compareBytes(a.path, b.path));
  const now = Math.floor(Date.now() / 1000);
  const [name, email] = await Promise.all([config(repo, 'user.name'), config(repo, 'user.email')]);
  const author = { name: name || DEFAULT_AUTHOR.name, email: email || DEFAULT_AUTHOR.email, timestamp: now, timezoneOffset: 0 };
  return { repository, branch, upstream, commits: changes.length ? [{ message: options.message, author, changes }] : [], fromWorkTree: true };
}

/** The files at `paths` as the repository was opened (absent: not in it then). */
export async function openedVersions(fs: GitFs, dir: string, paths: readonly string[]): Promise<Map<string, { bytes: Uint8Array; mode: number }>> {
  const repo = openRepo(fs, dir);
  const base = await config(repo, 'autopilot.base');
  const out = new Map<string, { bytes: Uint8Array; mode: number }>();
  if (!base) return out;
  const tree = await flattenTree(repo, await commitTree(repo, base));
  for (const path of paths) {
    const known = tree.get(path);
    if (known) out.set(path, { bytes: await readBlobBytes(repo, known.oid), mode: known.mode });
  }
  return out;
}
