/** What every git command gets: the repository, where the user stands in it, and the caller's context. */
import type { GitFs } from './fs';
import type { Repo } from './repo';

/** The result of one `git …`, as a shell command returns it. */
export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Remote operations (clone, fetch, pull, push) are carried out outside the sandbox by a broker. */
export interface GitRemote {
  run(request: { command: 'clone' | 'fetch' | 'pull' | 'push'; args: string[]; cwd: string }): Promise<GitResult>;
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
