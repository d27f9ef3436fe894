/**
 * Two copies of one repository history: ours driven through the front end (Node's fs), theirs through the
 * real git CLI, with the same author, dates and files — so commit ids, outputs and states can be compared.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runGit, type GitResult } from '../../../src/git';

export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Ada',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_AUTHOR_DATE: '@1700000000 +0000',
  GIT_COMMITTER_NAME: 'Ada',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
  GIT_COMMITTER_DATE: '@1700000000 +0000',
};

/** A pair of work trees under one temp folder. */
export class SideBySide {
  readonly root = mkdtempSync(join(tmpdir(), 'git-sbs-'));
  readonly ours = join(this.root, 'ours');
  readonly theirs = join(this.root, 'theirs');
  readonly env: Record<string, string>;

  constructor() {
    fs.mkdirSync(this.ours);
    fs.mkdirSync(this.theirs);
    fs.mkdirSync(join(this.root, 'home'));
    this.env = { ...GIT_ENV, HOME: join(this.root, 'home') };
  }

  /** Write a file in both trees. */
  write(path: string, content: string, mode?: number): void {
    for (const base of [this.ours, this.theirs]) {
      fs.mkdirSync(dirname(join(base, path)), { recursive: true });
      fs.writeFileSync(join(base, path), content);
      if (mode !== undefined) fs.chmodSync(join(base, path), mode);
    }
  }

  /** Remove a file or folder in both trees. */
  remove(path: string): void {
    for (const base of [this.ours, this.theirs]) rmSync(join(base, path), { recursive: true, force: true });
  }

  /** Our front end in our tree. */
  async ourGit(args: string[], sub = ''): Promise<GitResult> {
    return runGit(args, { fs, cwd: join(this.ours, sub), env: this.env });
  }

  /** The real git in their tree. */
  theirGit(args: string[], sub = ''): GitResult {
    return this.realGit(join(this.theirs, sub), args);
  }

  /** The real git in any folder. */
  realGit(cwd: string, args: string[]): GitResult {
    try {
      const stdout = execFileSync('git', args, {
        cwd,
        env: { PATH: process.env.PATH, ...this.env, GIT_CONFIG_NOSYSTEM: '1', LANG: 'C', LC_ALL: 'C' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return { stdout, stderr: '', exitCode: 0 };
    } catch (error) {
      const e = error as { stdout: string; stderr: string; status: number };
      return { stdout: e.stdout, stderr: e.stderr, exitCode: e.status };
    }
  }

  /** Real git run in OUR tree (to check what the front end wrote). */
  gitInOurs(args: string[]): GitResult {
    return this.realGit(this.ours, args);
  }

  /** A shell script (real git commands) in a folder; its stdout. */
  shellIn(cwd: string, script: string): string {
    return execFileSync('sh', ['-c', script], { cwd, env: { PATH: process.env.PATH, ...this.env, GIT_CONFIG_NOSYSTEM: '1' }, encoding: 'utf8' });
  }

  /** Both sides' results of one command. */
  async both(args: string[], sub = ''): Promise<{ ours: GitResult; theirs: GitResult }> {
    return { ours: await this.ourGit(args, sub), theirs: this.theirGit(args, sub) };
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
