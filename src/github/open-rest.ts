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

/** Progress for the dialog: files fetched of the total. */
export type OpenProgress = (done: number, total: number) => void;

/** What an open will cost, known before a single file is fetched (shown to the person first). */
export interface OpenPlan {
  repository: string;
  branch: string;
  sha: string;
  tree: string;
  timestamp: number;
  /** The files to fetch, one request each. */
  blobs: { path: string; mode: string; sha: string; size: number }[];
  bytes: number;
  skipped: string[];
  /** Requests made so far (repository, ref, commit, tree). */
  requests: number;
  /** This hour's budget as GitHub reported it just now. */
  rate: { limit: number; remaining: number; reset: string };
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text.replace(/\n/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

type Call = <T>(work: () => Promise<T>) => Promise<T>;

function caller(what: string, signedIn: boolean, signal: AbortSignal | undefined, count: () => void): Call {
  return async (work) => {
    signal?.throwIfAborted();
    count();
    try {
      return await work();
    } catch (error) {
      throw explain(error, what, signedIn);
    }
  };
}

/** What opening `ref` takes: the head commit, its tree, the files and the budget; a GitHubError when it cannot be done. */
export async function planOpen(octokit: Octokit, ref: RepoRef, limits: OpenLimits, signedIn: boolean, signal?: AbortSignal): Promise<OpenPlan> {
  const what = fullName(ref);
  const { owner, name: repo } = ref;
  let requests = 0;
  const call = caller(what, signedIn, signal, () => requests++);
  const info = await call(() => octokit.rest.repos.get({ owner, repo, request: { signal } }));
  const branch = ref.ref ?? info.data.default_branch;
  const head = await call(() => octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}`, request: { signal } })).catch((error: unknown) => {
    throw error instanceof GitHubError && error.status === 404 ? new GitHubError(`${what} has no branch "${branch}" (404).`, 404) : error;
  });
  const sha = head.data.object.sha;
  const commit = await call(() => octokit.rest.git.getCommit({ owner, repo, commit_sha: sha, request: { signal } }));
  const tree = await call(() => octokit.rest.git.getTree({ owner, repo, tree_sha: commit.data.tree.sha, recursive: 'true', request: { signal } }));
  if (tree.data.truncated) throw new GitHubError(`${what} is too large for the REST API (its tree listing was truncated). Set a Git CORS proxy in Settings to clone it instead.`, 0);
  const skipped = new Set<string>();
  const blobs = tree.data.tree.flatMap((entry) => {
    if (entry.type !== 'blob' || !entry.path || !entry.sha) return [];
    const parts = entry.path.split('/');
    const hit = parts.findIndex((part, i) => i < parts.length - 1 && limits.skip.includes(part));
    if (hit >= 0) {
      skipped.add(parts.slice(0, hit + 1).join('/'));
      return [];
    }
    return [{ path: entry.path, mode: entry.mode ?? '100644', sha: entry.sha, size: entry.size ?? 0 }];
  });
  const bytes = blobs.reduce((sum, entry) => sum + entry.size, 0);
  if (blobs.length > limits.maxFiles) throw new GitHubError(`${what} has ${blobs.length} files; the limit is ${limits.maxFiles}. Set a Git CORS proxy in Settings to clone it instead.`, 0);
  if (bytes > limits.maxBytes) throw new GitHubError(`${what} holds ${bytes} bytes of files; the limit is ${limits.maxBytes}.`, 0);
  const rate = await call(() => octokit.rest.rateLimit.get({ request: { signal } }));
  requests--; // GET /rate_limit does not count against the budget
  const core = rate.data.resources.core;
  const reset = resetTime({ 'x-ratelimit-reset': core.reset });
  if (blobs.length > core.remaining) {
    throw new GitHubError(
      `Opening ${what} takes ${requests + blobs.length} requests (one per file), but only ${core.remaining} of this hour's ${core.limit} are left; ` +
        `the budget resets at ${reset}. ${signedIn ? '' : 'Add a GitHub token in Settings (5 000 an hour), or '}set a Git CORS proxy in Settings to clone it instead.`,
      403,
    );
  }
  const timestamp = Math.floor(new Date(commit.data.committer.date ?? Date.now()).getTime() / 1000);
  return { repository: what, branch, sha, tree: commit.data.tree.sha, timestamp, blobs, bytes, skipped: [...skipped].sort(), requests, rate: { limit: core.limit, remaining: core.remaining, reset } };
}

/** Fetch the planned files, one request each. */
export async function fetchPlanned(octokit: Octokit, plan: OpenPlan, signedIn: boolean, onProgress?: OpenProgress, signal?: AbortSignal): Promise<FetchedTree> {
  const [owner, repo] = plan.repository.split('/');
  let requests = plan.requests;
  const call = caller(plan.repository, signedIn, signal, () => requests++);
  const files: FetchedFile[] = [];
  for (const entry of plan.blobs) {
    const blob = await call(() => octokit.rest.git.getBlob({ owner, repo, file_sha: entry.sha, request: { signal } }));
    files.push({ path: entry.path, mode: parseInt(entry.mode, 8), sha: entry.sha, bytes: decodeBase64(blob.data.content) });
    onProgress?.(files.length, plan.blobs.length);
  }
  const { repository, branch, sha, tree, timestamp, skipped } = plan;
  return { repository, branch, sha, tree, timestamp, files, skipped, requests };
}

/** Plan, then fetch (no look at the plan in between). */
export async function fetchTree(octokit: Octokit, ref: RepoRef, limits: OpenLimits, signedIn: boolean, onProgress?: OpenProgress, signal?: AbortSignal): Promise<FetchedTree> {
  const plan = await planOpen(octokit, ref, limits, signedIn, signal);
  return fetchPlanned(octokit, plan, signedIn, onProgress, signal);
}
