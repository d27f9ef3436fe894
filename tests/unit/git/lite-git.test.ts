/**
 * `git` in the real lite sandbox (just-bash's file system through the adapter), against the real git CLI
 * running the same script in bash on disk: same stdout, same exit code — compound commands included.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { GIT_ENV } from './side-by-side';

const EXPORTS = Object.entries(GIT_ENV).map(([k, v]) => `export ${k}='${v}'`).join('; ');

function realBash(dir: string, script: string): { output: string; exitCode: number } {
  try {
    const output = execFileSync('bash', ['-c', `${EXPORTS}; ${script}`], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { output, exitCode: 0 };
  } catch (error) {
    const e = error as { stdout: string; status: number };
    return { output: e.stdout, exitCode: e.status };
  }
}

describe('git in the lite sandbox', { timeout: 60_000 }, () => {
  let sandbox: LiteSandbox;
  let dir: string;
  beforeEach(() => {
    sandbox = new LiteSandbox();
    dir = mkdtempSync(join(tmpdir(), 'lite-git-'));
  });
  afterEach(async () => {
    await sandbox.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  async function same(script: string): Promise<string> {
    const ours = await sandbox.exec(`${EXPORTS}; ${script}`);
    const theirs = realBash(dir, script);
    expect({ stdout: ours.stdout, exitCode: ours.exitCode }).toEqual({ stdout: theirs.output, exitCode: theirs.exitCode });
    return theirs.output;
  }

  it('runs the everyday round inside compound commands, as the real git does', async () => {
    await same('git init -q -b main && printf "one\\ntwo\\nthree\\n" > a.txt && mkdir -p src/lib && echo "x" > src/lib/b.js');
    await same('git status --porcelain; git status');
    const committed = await same('git add . && git commit -m "First commit" | tail -1');
    expect(committed).toBe(' create mode 100644 src/lib/b.js\n');
    await same('printf "one\\n2\\nthree\\nfour\\n" > a.txt && rm src/lib/b.js && echo new > c.txt && git status -s && git diff && git diff --stat');
    await same('git commit -am "Second" && git log --oneline && git status --porcelain');
    await same('git add -A && git commit -q -m third && git log --format="%H %s" -n 2 && git show --stat HEAD | tail -3');
    await same('git checkout -q -b topic && echo t >> a.txt && git commit -qam topic && git switch -q main && cat a.txt && git branch');
    await same('git diff main topic --name-only; git rev-parse --abbrev-ref HEAD; git reset -q --hard HEAD~1 && git log --oneline');
  });

  it('matches the real git on the edges agents hit: unborn branch, nothing to commit, bad pathspec', async () => {
    await same('git init -q -b main; git log --oneline; echo "exit $?"; git status -sb; git checkout -q -b work; git branch --show-current');
    await same('git add missing.txt; echo "exit $?"; git commit -m empty; echo "exit $?"');
    await same('echo a > a.txt && git add a.txt && git commit -qm one && git diff HEAD; git log -1 --stat --format=%s; git show HEAD:a.txt');
    await same('echo b >> a.txt && git diff HEAD --stat && git diff --quiet; echo "exit $?"; git rev-parse HEAD~5; echo "exit $?"');
  });

  it('answers what it cannot do with a clear message and exit code', async () => {
    const outside = await sandbox.exec('git status');
    expect(outside).toMatchObject({ stdout: '', exitCode: 128 });
    expect(outside.output).toBe('fatal: not a git repository (or any of the parent directories): .git\n');
    const push = await sandbox.exec('git init -q && git push origin main');
    expect(push.exitCode).toBe(128);
    expect(push.output).toMatch(/^fatal: git push cannot reach the network from this sandbox/);
    const blame = await sandbox.exec('git blame a.txt');
    expect(blame.exitCode).toBe(1);
    expect(blame.output).toMatch(/^git: 'blame' is not supported here \(supported: add, branch, /);
  });
});
