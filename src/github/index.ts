/**
 * GitHub, from the page: open a repository into a work dir, and publish the work as a pull request. Load it
 * lazily (it pulls in Octokit and the git front end). The token stays here: it never enters the sandbox.
 */
import { buildRepository, localChanges, type BuiltRepository, type GitFs } from '../git';
import type { SecretRegistry } from '../core/secrets';
import { createOctokit, type GitHubConnection } from './octokit';
import { pushThroughApi } from './api-push';
import type { ApiPush } from '../git/context';
import { fetchPlanned, planOpen, type OpenLimits, type OpenPlan, type OpenProgress } from './open-rest';
import { createPullRequest, type PullRequestInput, type PullRequestResult } from './pull-request';
import { gitUrlOf, type RepoRef } from './repo-ref';

export { parseRepoRef, fullName, openedRepositoryOf, type RepoRef } from './repo-ref';
export { GitHubError, SecretsFoundError } from './errors';
export type { GitHubConnection, OpenLimits, OpenPlan, PullRequestInput, PullRequestResult };
export { snapshotOf, repositoryOf, outgoingOf, type Outgoing, type OutgoingFile } from './workdir';

/** An opened repository, ready to be written into the work dir in one go. */
export interface OpenedRepository extends BuiltRepository {
  repository: string;
  branch: string;
  upstream: string;
  skipped: string[];
  requests: number;
}

/** How an open reports, and what it adds. */
export interface OpenOptions {
  /** What the open will cost, before any file is fetched. */
  onPlan?: (plan: OpenPlan) => void;
  onProgress?: OpenProgress;
  signal?: AbortSignal;
  /** The commit author for the repository's config (Settings). */
  identity?: { name: string; email: string };
}

/** Open `ref` through the REST API (no proxy): fetch, then build the one-commit repository in memory. */
export async function openRepository(connection: GitHubConnection, ref: RepoRef, limits: OpenLimits, options: OpenOptions = {}): Promise<OpenedRepository> {
  const octokit = createOctokit(connection);
  const signedIn = Boolean(connection.token);
  const plan = await planOpen(octokit, ref, limits, signedIn, options.signal);
  options.onPlan?.(plan);
  const fetched = await fetchPlanned(octokit, plan, signedIn, options.onProgress, options.signal);
  const built = await buildRepository(fetched.files, {
    repository: fetched.repository,
    branch: fetched.branch,
    sha: fetched.sha,
    url: gitUrlOf(ref, connection.baseUrl ?? 'https://api.github.com'),
    timestamp: fetched.timestamp,
    ...(options.identity && { identity: options.identity }),
  });
  return { ...built, repository: fetched.repository, branch: fetched.branch, upstream: fetched.sha, skipped: fetched.skipped, requests: fetched.requests };
}

/** Publish the work in `dir` (on `fs`) as a pull request. */
export async function publishPullRequest(connection: GitHubConnection, fs: GitFs, dir: string, input: PullRequestInput, options: { secrets: SecretRegistry; exclude: readonly string[]; pollMs?: number }): Promise<PullRequestResult> {
  const changes = await localChanges(fs, dir, { exclude: options.exclude, message: input.title });
  return createPullRequest(createOctokit(connection), changes, input, { secrets: options.secrets, signedIn: Boolean(connection.token), pollMs: options.pollMs });
}
export { cloneThroughProxy, gitUrlOf } from './open-proxy';

/** Push commits through GitHub's API onto a branch of `repository` (the git broker's push with no proxy). */
export async function pushCommits(connection: GitHubConnection, repository: string, push: ApiPush, secrets: SecretRegistry): Promise<{ sha: string }> {
  return pushThroughApi(createOctokit(connection), repository, push, { secrets, signedIn: Boolean(connection.token) });
}
