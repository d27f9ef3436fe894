/**
 * Tools the page runs for the agent (the token stays on the page): create_pull_request, through the page's
 * GitHub. Its result is what the model reads; an opened pull request is also recorded as a `pull_request`
 * event, which puts its link in the run's `outputs.pr_url`.
 */
import type { AgentEvent, ToolGroup } from '../core';
import type { ToolArgs, ToolResult } from '../core/tool-call';
import { fullName, openedRepositoryOf, parseRepoRef } from '../github/repo-ref';
import type { AgentSandbox } from '../sandbox/sandbox';

/** What a pull request asks for. */
export interface PullRequestRequest {
  title: string;
  body: string;
  branch?: string;
  base?: string;
}

/** An opened pull request. */
export interface OpenedPullRequest {
  url: string;
  number: number;
  repository: string;
  branch: string;
  fork?: string;
  commits: number;
  files: number;
  baseMoved?: string;
}

/** The page's GitHub, as the runs use it. */
export interface PullRequestPort {
  create(request: PullRequestRequest, signal: AbortSignal): Promise<OpenedPullRequest>;
}

function requestOf(args: ToolArgs): PullRequestRequest | string {
  const text = (key: string) => (typeof args[key] === 'string' ? (args[key] as string) : undefined);
  const title = text('title')?.trim();
  if (!title) return 'create_pull_request needs a non-empty `title`.';
  const request: PullRequestRequest = { title, body: text('body') ?? '' };
  if (text('branch')?.trim()) request.branch = text('branch')!.trim();
  if (text('base')?.trim()) request.base = text('base')!.trim();
  return request;
}

/** Run a page tool's call; failures are results the model reads. */
export async function runPageTool(port: PullRequestPort, name: string, args: ToolArgs, signal: AbortSignal, record: (event: AgentEvent) => void): Promise<ToolResult> {
  if (name !== 'create_pull_request') return { ok: false, observation: `The page runs no tool called ${name}.` };
  const request = requestOf(args);
  if (typeof request === 'string') return { ok: false, observation: request };
  try {
    const pull = await port.create(request, signal);
    record({ type: 'pull_request', url: pull.url, number: pull.number, repository: pull.repository, branch: pull.branch });
    const from = pull.fork ? ` from the fork ${pull.fork}` : '';
    const commits = `${pull.commits} ${pull.commits === 1 ? 'commit' : 'commits'}, ${pull.files} ${pull.files === 1 ? 'file' : 'files'}`;
    const moved = pull.baseMoved ? ` The base branch moved since the repository was opened (now at ${pull.baseMoved.slice(0, 7)}); GitHub shows whether it merges cleanly.` : '';
    return { ok: true, observation: `Opened pull request #${pull.number}: ${pull.url} (branch ${pull.branch}${from}; ${commits}).${moved}` };
  } catch (error) {
    if (signal.aborted) throw error;
    return { ok: false, observation: `The pull request was not opened: ${(error as Error).message}` };
  }
}

/** `owner/name` of what execute({repo}) names (a URL, `#branch` …), or undefined when it names none. */
export function repositoryName(repo: string): string | undefined {
  const ref = parseRepoRef(repo);
  return ref && fullName(ref);
}

/** The run's groups, with `github` added when none were asked for and the work dir was opened from GitHub. */
export async function groupsFor(groups: ToolGroup[], asked: boolean, sandbox: AgentSandbox): Promise<ToolGroup[]> {
  if (asked || groups.includes('github')) return groups;
  const config = await sandbox.readTextFile('.git/config').catch(() => '');
  return openedRepositoryOf(config) ? [...groups, 'github'] : groups;
}
