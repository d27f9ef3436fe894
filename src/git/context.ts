/** What every git command gets: the repository, where the user stands in it, and the caller's context. */
import type { GitFs } from './fs';
import type { Repo } from './repo';

/** The result of one `git …`, as a shell command returns it. */
export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** What the page's broker lets remote operations reach now. */
export interface RemoteBinding {
  /** `owner/name` of the repository opened on the page (Open from GitHub, execute({repo})); absent: none. */
  repository?: string;
  /** Its git URL (https://github.com/owner/name.git): the only one the broker reaches. */
  url?: string;
  /** A Git CORS proxy is configured: git's smart HTTP works (clone, fetch, pull, push). */
  proxy: boolean;
}

/** One HTTP request of git's smart protocol, its body collected. */
export interface RemoteHttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

/** Its answer, body collected. */
export interface RemoteHttpResponse {
  url: string;
  method: string;
  statusCode: number;
  statusMessage: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** A commit to replay through GitHub's API (push without a proxy). */
export interface ApiCommit {
  message: string;
  author: { name: string; email: string; timestamp: number; timezoneOffset: number };
  /** Files changed against the previous commit; no bytes: deleted. */
  changes: { path: string; mode?: number; bytes?: Uint8Array }[];
}

/** A push through GitHub's API: replay `commits` on top of `onto` and move `branch` there, never forced. */
export interface ApiPush {
  branch: string;
  /** The remote commit the first one goes on (the branch's head on GitHub, as last known here). */
  onto: string;
  /** What the branch must point at on GitHub now (absent: it must not exist yet). */
  expected?: string;
  commits: ApiCommit[];
}

/**
 * Remote operations (clone, fetch, pull, push) reach the network only through a broker on the page, tied to
 * the repository opened there: the sandbox gets an HTTP client whose requests the page performs (adding the
 * token for that repository's URL only, through the Git CORS proxy), and a push through GitHub's API. The
 * token never enters the sandbox; refusals come back as errors with the reason.
 */
export interface GitRemote {
  binding(): Promise<RemoteBinding>;
  request(request: RemoteHttpRequest): Promise<RemoteHttpResponse>;
  /** The new head of the branch on GitHub. */
  pushCommits(push: ApiPush): Promise<{ sha: string }>;
}

/** Where and how `git` runs. */
export interface GitContext {
  fs: GitFs;
  cwd: string;
  env: Record<string, string>;
  /** Absent: remote operations fail with a message saying why. */
  remote?: GitRemote;
  /** The clock (tests fix it). */
  now?: () => Date;
}

/** A command's view: the repository, the cwd's place in it, and output buffers. */
export interface CommandRun {
  repo: Repo;
  /** cwd relative to the repository root ('' at the root). */
  prefix: string;
  ctx: GitContext;
  out: string[];
  err: string[];
}

/** A command of the front end: returns its exit code (0 when it returns nothing). */
export type GitCommand = (args: string[], run: CommandRun) => Promise<number | void>;
