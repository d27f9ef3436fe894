/**
 * Open a GitHub repository without a proxy, through the REST API (CORS-enabled): the branch head's commit,
 * its recursive tree and one request per blob. It counts the requests first and refuses what the hour's
 * rate budget cannot pay for, with the numbers; skipped folders and the import's limits apply.
 */
import type { Octokit } from './octokit';
import { explain, GitHubError, resetTime } from './errors';
import { fullName, type RepoRef } from './repo-ref';

/** Limits of one open (the import's, by default). */
export interface OpenLimits {
  maxFiles: number;
  maxBytes: number;
  /** Folder names skipped at any depth (rebuildable ones: node_modules …). */
  skip: readonly string[];
}

/** A file fetched from the tree. */
export interface FetchedFile {
  path: string;
  mode: number;
  sha: string;
  bytes: Uint8Array;
}

/** What the REST path fetched. */
export interface FetchedTree {
  repository: string;
  branch: string;
  sha: string;
  tree: string;
  timestamp: number;
  files: FetchedFile[];
  skipped: string[];
  requests: number;
}

/** Progress for the dialog. */
export type OpenProgress = (done: number, total: number) => void;

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text.replace(/\n/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Fetch the tree and blobs of a branch head, or throw a GitHubError saying why not. */
export async function fetchTree(octokit: Octokit, ref: RepoRef, limits: OpenLimits, signedIn: boolean, onProgress?: OpenProgress, signal?: AbortSignal): Promise<FetchedTree> {
  const what = fullName(ref);
  const { owner, name: repo } = ref;
  let requests = 0;
  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    signal?.throwIfAborted();
    requests++;
    try {
      return await work();
    } catch (error) {
      throw explain(error, what, signedIn);
    }
  };
  const info = await call(() => octokit.rest.repos.get({ owner, repo, request: { signal } }));
  const branch = ref.ref ?? info.data.default_branch;
  const head = await call(() => octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}`, request: { signal } }));
  const sha = head.data.object.sha;
  const commit = await call(() => octokit.rest.git.getCommit({ owner, repo, commit_sha: sha, request: { signal } }));
  const tree = await call(() => octokit.rest.git.getTree({ owner, repo, tree_sha: commit.data.tree.sha, recursive: 'true', request: { signal } }));
  if (tree.data.truncated) throw new GitHubError(`${what} is too large for the REST API (its tree listing was truncated). Set a Git CORS proxy in Settings to clone it instead.`, 0);
  const skipped = new Set<string>();
  const blobs = tree.data.tree.filter((entry) => {
    if (entry.type !== 'blob' || !entry.path) return false;
    const parts = entry.path.split('/');
    const hit = parts.findIndex((part, i) => i < parts.length - 1 && limits.skip.includes(part));
    if (hit >= 0) skipped.add(parts.slice(0, hit + 1).join('/'));
    return hit < 0;
  });
  const bytes = blobs.reduce((sum, entry) => sum + (entry.size ?? 0), 0);
  if (blobs.length > limits.maxFiles) throw new GitHubError(`${what} has ${blobs.length} files; the limit is ${limits.maxFiles}. Set a Git CORS proxy in Settings to clone it instead.`, 0);
  if (bytes > limits.maxBytes) throw new GitHubError(`${what} holds ${bytes} bytes of files; the limit is ${limits.maxBytes}.`, 0);
  const needed = requests + blobs.length; // GET /rate_limit itself is free
  const rate = await call(() => octokit.rest.rateLimit.get({ request: { signal } }));
  const core = rate.data.resources.core;
  if (blobs.length > core.remaining) {
    throw new GitHubError(
      `Opening ${what} takes ${needed} requests (one per file), but only ${core.remaining} of this hour's ${core.limit} are left; ` +
        `the budget resets at ${resetTime({ 'x-ratelimit-reset': core.reset })}. ${signedIn ? '' : 'Add a GitHub token in Settings (5 000 an hour), or '}set a Git CORS proxy in Settings to clone it instead.`,
      403,
    );
  }
  const files: FetchedFile[] = [];
  for (const entry of blobs) {
    const blob = await call(() => octokit.rest.git.getBlob({ owner, repo, file_sha: entry.sha!, request: { signal } }));
    files.push({ path: entry.path!, mode: parseInt(entry.mode ?? '100644', 8), sha: entry.sha!, bytes: decodeBase64(blob.data.content) });
    onProgress?.(files.length, blobs.length);
  }
  const timestamp = Math.floor(new Date(commit.data.committer.date ?? Date.now()).getTime() / 1000);
  return { repository: what, branch, sha, tree: commit.data.tree.sha, timestamp, files, skipped: [...skipped].sort(), requests };
}
