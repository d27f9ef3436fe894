/**
 * A pull request from an opened repository, with no git server of ours and no force-push: the local commits
 * (or the work tree as one) replayed through GitHub's Git Database API — blobs → tree → commit → a new ref —
 * then `POST /repos/{o}/{r}/pulls`. A token that cannot push gets a fork (GitHub makes it) and the pull
 * request comes from there. Before anything is sent, every changed text is scanned for secrets.
 */
import type { SecretRegistry } from '../core/secrets';
import type { FileChange, LocalChanges, LocalCommit } from '../git';
import type { Octokit } from './octokit';
import { explain, GitHubError, SecretsFoundError } from './errors';

/** What the person or the model asks for. */
export interface PullRequestInput {
  title: string;
  body: string;
  branch?: string;
  base?: string;
}

/** The opened pull request. */
export interface PullRequestResult {
  url: string;
  number: number;
  branch: string;
  /** `owner/name` of the fork the branch was pushed to, when the token could not push upstream. */
  fork?: string;
  commits: number;
  files: number;
  /** Set when the base branch moved since the repository was opened (the PR is based on the opened commit). */
  baseMoved?: string;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Every secret in the changes (and in the title and body), as "path:line: kind". */
export function scanForSecrets(changes: Pick<LocalChanges, 'commits'>, input: PullRequestInput, secrets: SecretRegistry): string[] {
  const findings: string[] = [];
  const scan = (where: string, text: string) => {
    for (const finding of secrets.find(text)) {
      const line = text.slice(0, finding.index).split('\n').length;
      findings.push(`${where}:${line}: ${finding.name}`);
    }
  };
  for (const commit of changes.commits) {
    scan('commit message', commit.message);
    for (const change of commit.changes) if (change.bytes && !change.bytes.subarray(0, 8000).includes(0)) scan(change.path, decoder.decode(change.bytes));
  }
  scan('title', input.title);
  scan('body', input.body);
  return [...new Set(findings)];
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A branch name from a title: `autopilot/fix-the-login-bug`. */
export function branchFromTitle(title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return `autopilot/${slug || 'changes'}`;
}

type Mode = '100644' | '100755' | '120000';

function modeOf(change: FileChange): Mode {
  return change.mode === 0o100755 ? '100755' : change.mode === 0o120000 ? '120000' : '100644';
}

/** Push the changes to a new branch and open the pull request. */
export async function createPullRequest(octokit: Octokit, changes: LocalChanges, input: PullRequestInput, options: { secrets: SecretRegistry; signedIn: boolean; pollMs?: number }): Promise<PullRequestResult> {
  const findings = scanForSecrets(changes, input, options.secrets);
  if (findings.length) throw new SecretsFoundError(findings);
  if (changes.commits.length === 0) throw new GitHubError('There is nothing to send: no commits since the repository was opened, and the work tree matches it.', 0);
  const [owner, repo] = changes.repository.split('/');
  const what = changes.repository;
  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw explain(error, what, options.signedIn);
    }
  };
  const info = await call(() => octokit.rest.repos.get({ owner, repo }));
  let target = { owner, repo };
  let fork: string | undefined;
  if (!info.data.permissions?.push) {
    const made = await call(() => octokit.rest.repos.createFork({ owner, repo }));
    target = { owner: made.data.owner.login, repo: made.data.name };
    fork = `${target.owner}/${target.repo}`;
    await waitForFork(octokit, target, options.pollMs ?? 1000);
  }
  const base = input.base ?? changes.branch;
  const baseHead = await call(() => octokit.rest.git.getRef({ owner, repo, ref: `heads/${base}` }));
  const baseMoved = baseHead.data.object.sha !== changes.upstream ? baseHead.data.object.sha : undefined;
  const { sha: parent, files } = await replayCommits(octokit, target, changes.upstream, changes.commits, call);
  const branch = await createBranch(octokit, target, input.branch ?? branchFromTitle(input.title), parent, what, options.signedIn);
  const pull = await call(() => octokit.rest.pulls.create({ owner, repo, title: input.title, body: input.body, head: fork ? `${target.owner}:${branch}` : branch, base }));
  return { url: pull.data.html_url, number: pull.data.number, branch, fork, commits: changes.commits.length, files: files.size, baseMoved };
}

/** How a GitHub call is made (its failures explained in words). */
export type Call = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Replay `commits` (each its file changes) on top of the commit `onto` in `target`: blobs → tree → commit per
 * commit, through the Git Database API. The last commit made, and every path touched.
 */
export async function replayCommits(octokit: Octokit, target: { owner: string; repo: string }, onto: string, commits: readonly Pick<LocalCommit, 'message' | 'author' | 'changes'>[], call: Call): Promise<{ sha: string; files: Set<string> }> {
  const upstream = await call(() => octokit.rest.git.getCommit({ ...target, commit_sha: onto }));
  let parent = onto;
  let parentTree = upstream.data.tree.sha;
  const files = new Set<string>();
  for (const commit of commits) {
    const entries: { path: string; mode: Mode; type: 'blob'; sha: string | null }[] = [];
    for (const change of commit.changes) {
      files.add(change.path);
      if (!change.bytes) {
        entries.push({ path: change.path, mode: modeOf(change), type: 'blob' as const, sha: null });
        continue;
      }
      const blob = await call(() => octokit.rest.git.createBlob({ ...target, content: base64(change.bytes!), encoding: 'base64' }));
      entries.push({ path: change.path, mode: modeOf(change), type: 'blob' as const, sha: blob.data.sha });
    }
    const tree = await call(() => octokit.rest.git.createTree({ ...target, base_tree: parentTree, tree: entries }));
    const date = new Date(commit.author.timestamp * 1000).toISOString();
    const made = await call(() =>
      octokit.rest.git.createCommit({ ...target, message: commit.message, tree: tree.data.sha, parents: [parent], author: { name: commit.author.name, email: commit.author.email, date } }),
    );
    parent = made.data.sha;
    parentTree = tree.data.sha;
  }
  return { sha: parent, files };
}

/** A new ref; a name already taken gets `-2`, `-3` … (never an update of someone's branch). */
async function createBranch(octokit: Octokit, target: { owner: string; repo: string }, wanted: string, sha: string, what: string, signedIn: boolean): Promise<string> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    const name = attempt === 1 ? wanted : `${wanted}-${attempt}`;
    try {
      await octokit.rest.git.createRef({ ...target, ref: `refs/heads/${name}`, sha });
      return name;
    } catch (error) {
      if ((error as { status?: number }).status !== 422) throw explain(error, what, signedIn);
    }
  }
  throw new GitHubError(`Branches ${wanted} to ${wanted}-20 all exist on ${what}; choose another branch name.`, 422);
}

async function waitForFork(octokit: Octokit, target: { owner: string; repo: string }, pollMs: number): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      await octokit.rest.repos.get(target);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
  throw new GitHubError(`GitHub is still making the fork ${target.owner}/${target.repo}; try again in a minute.`, 0);
}
