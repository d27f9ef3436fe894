/**
 * GitHub as the page uses it: open a repository into the work dir (all or nothing, `.git` included), tell what
 * a pull request from the work dir would send, and send it. Light: Octokit and the git front end load on first
 * use. The token is read from Settings at each call and goes only to the API (and the Git CORS proxy).
 */
import type { WorkdirSnapshot } from '../core/workdir';
import type { SecretRegistry } from '../core/secrets';
import { DEFAULT_IMPORT_OPTIONS, formatBytes } from '../sandbox/import/types';
import { REBUILDABLE_EXCLUDES } from '../sandbox/rebuildable';
import { GitHubError } from './errors';
import { GitBroker } from './broker';
import type { GitHubAccess } from './access';

export type { GitHubAccess };
import { fullName, openedRepositoryOf, parseRepoRef, type RepoRef } from './repo-ref';
import type { OpenLimits, OpenPlan, Outgoing, PullRequestInput, PullRequestResult } from './index';

/** The work dir, as the page may change it. */
export interface WorkdirPort {
  /** Its files (rebuildable folders left out), `.git` included. */
  snapshot(): Promise<WorkdirSnapshot>;
  /** Replace it in one go (refused while a run holds the sandbox). */
  replaceWith(snapshot: WorkdirSnapshot, signal: AbortSignal): Promise<void>;
  readTextFile(path: string): Promise<string>;
}

/** How an open went. */
export interface OpenReport {
  repository: string;
  branch: string;
  upstream: string;
  files: number;
  bytes: number;
  requests: number;
  skipped: string[];
  /** One line for the person. */
  message: string;
}

/** What the dialog hears while a repository opens. */
export interface OpenHooks {
  /** Before any file is fetched: what the open will cost. */
  onPlan?: (message: string) => void;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** The import's limits, rebuildable folders skipped (they are not sent back either). */
export const OPEN_LIMITS: OpenLimits = { maxFiles: DEFAULT_IMPORT_OPTIONS.maxFiles, maxBytes: DEFAULT_IMPORT_OPTIONS.maxTotalBytes, skip: REBUILDABLE_EXCLUDES };

type Heavy = typeof import('./index');
let heavy: Promise<Heavy> | undefined;
const load = () => (heavy ??= import('./index'));

/** What opening will cost, in words. */
export function planText(plan: OpenPlan): string {
  const files = plan.blobs.length === 1 ? '1 file' : `${plan.blobs.length} files`;
  const requests = plan.requests + plan.blobs.length;
  return `Opening ${plan.repository} (${plan.branch}): ${files}, ${formatBytes(plan.bytes)}, ${requests} requests to GitHub; ${plan.rate.remaining} of this hour's ${plan.rate.limit} are left (the budget resets at ${plan.rate.reset}).`;
}

/** The page's GitHub. */
export class GitHubPage {
  /** The repository opened on this page (Open from GitHub, execute({repo}), a resumed run's): the git broker's only remote. */
  #bound: string | undefined;

  constructor(
    private readonly deps: { access: () => GitHubAccess; workdir: WorkdirPort; secrets: SecretRegistry; limits?: OpenLimits },
  ) {}

  #connection() {
    const { token, apiURL } = this.deps.access();
    return { ...(token && { token }), baseUrl: apiURL };
  }

  /** Fetch `text` (owner/name, a github.com URL, optionally #branch) as a work dir snapshot; throws with a message to show. */
  async fetch(text: string, hooks: OpenHooks = {}): Promise<{ snapshot: WorkdirSnapshot; report: OpenReport }> {
    const ref = parseRepoRef(text);
    if (!ref) throw new GitHubError(`"${text.trim()}" is not a repository: type owner/name or a github.com URL, optionally with #branch.`, 0);
    const access = this.deps.access();
    const github = await load();
    if (access.corsProxy) return this.#clone(github, ref, access, hooks);
    const opened = await github.openRepository(this.#connection(), ref, this.deps.limits ?? OPEN_LIMITS, {
      onPlan: (plan) => hooks.onPlan?.(planText(plan)),
      onProgress: hooks.onProgress,
      signal: hooks.signal,
      ...(access.author && { identity: access.author }),
    });
    const snapshot = github.snapshotOf(opened);
    const { files, bytes } = worktreeOf(snapshot);
    const skipped = opened.skipped.length ? ` Left out: ${opened.skipped.join(', ')} (rebuildable).` : '';
    const message = `Opened ${opened.repository} (${opened.branch} at ${opened.upstream.slice(0, 7)}): ${files} files, ${formatBytes(bytes)}, with its .git — ${opened.requests} requests to GitHub.${skipped}`;
    const report = { repository: opened.repository, branch: opened.branch, upstream: opened.upstream, files, bytes, requests: opened.requests, skipped: opened.skipped, message };
    return { snapshot, report };
  }

  /** Through the Git CORS proxy: a real clone, history included. */
  async #clone(github: Heavy, ref: RepoRef, access: GitHubAccess, hooks: OpenHooks): Promise<{ snapshot: WorkdirSnapshot; report: OpenReport }> {
    hooks.onPlan?.(`Cloning ${fullName(ref)} through the Git CORS proxy ${access.corsProxy} (history included; GitHub's API budget is not used).`);
    const cloned = await github.cloneThroughProxy(ref, {
      apiURL: access.apiURL, corsProxy: access.corsProxy, limits: this.deps.limits ?? OPEN_LIMITS,
      ...(access.token && { token: access.token }),
      ...(access.author && { identity: access.author }),
      ...(hooks.signal && { signal: hooks.signal }),
      onProgress: (_phase, loaded, total) => total && hooks.onProgress?.(loaded, total),
    });
    const snapshot = github.snapshotOf(cloned);
    const { files, bytes } = worktreeOf(snapshot);
    const repository = fullName(ref);
    const message = `Opened ${repository} (${cloned.branch} at ${cloned.commit.slice(0, 7)}): ${files} files, ${formatBytes(bytes)}, with its .git and history — cloned through the Git CORS proxy.`;
    return { snapshot, report: { repository, branch: cloned.branch, upstream: cloned.commit, files, bytes, requests: 0, skipped: [], message } };
  }

  /** Open `text` into the work dir, replacing it in one go (nothing changes when anything fails). */
  async open(text: string, hooks: OpenHooks = {}): Promise<OpenReport> {
    const signal = hooks.signal ?? new AbortController().signal;
    const { snapshot, report } = await this.fetch(text, { ...hooks, signal });
    await this.deps.workdir.replaceWith(snapshot, signal);
    this.bind(report.repository);
    return report;
  }

  /** Tie the git broker to `repository` (owner/name; undefined: to nothing). */
  bind(repository: string | undefined): void {
    this.#bound = repository;
  }

  /** The repository the git broker is tied to. */
  get bound(): string | undefined {
    return this.#bound;
  }

  /** The broker the lite sandbox's `git clone/fetch/pull/push` go through (the token stays here). */
  gitBroker(): GitBroker {
    return new GitBroker({ access: this.deps.access, repository: () => this.#bound, secrets: this.deps.secrets });
  }

  /**
   * The work dir's files, copied at once: a sandbox may hand out buffers it transfers elsewhere later (the lite
   * worker's snapshots are transferred), and git reads them long after.
   */
  async #snapshot(): Promise<WorkdirSnapshot> {
    const snapshot = await this.deps.workdir.snapshot();
    return { files: snapshot.files.map((file) => ({ ...file, data: file.data.slice() })), dirs: [...snapshot.dirs] };
  }

  /** The `owner/name` the work dir was opened from, or undefined. */
  async repository(): Promise<string | undefined> {
    const config = await this.deps.workdir.readTextFile('.git/config').catch(() => '');
    return openedRepositoryOf(config);
  }

  /** What a pull request titled `title` would send (files and line counts). */
  async outgoing(title: string): Promise<Outgoing> {
    const github = await load();
    return github.outgoingOf(await this.#snapshot(), { exclude: REBUILDABLE_EXCLUDES, message: title });
  }

  /** Push the work dir's changes to a new branch and open the pull request (secret scan first). */
  async createPullRequest(input: PullRequestInput): Promise<PullRequestResult> {
    const github = await load();
    const { fs, dir } = github.repositoryOf(await this.#snapshot());
    return github.publishPullRequest(this.#connection(), fs, dir, input, { secrets: this.deps.secrets, exclude: REBUILDABLE_EXCLUDES });
  }
}

/** The work tree's files and bytes (`.git` left out). */
function worktreeOf(snapshot: WorkdirSnapshot): { files: number; bytes: number } {
  const worktree = snapshot.files.filter((file) => !file.path.startsWith('.git/'));
  return { files: worktree.length, bytes: worktree.reduce((sum, file) => sum + file.data.length, 0) };
}

export { fullName, parseRepoRef };
