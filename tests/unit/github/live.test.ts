/**
 * `npm run test:github-live`: the open → commit → pull request round against the real GitHub, on a scratch
 * repository you own. Needs GITHUB_TOKEN (fine-grained: Contents and Pull requests read/write) and
 * GITHUB_LIVE_REPO (`owner/name`) and network; otherwise it is skipped and says why.
 */
import * as fs from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGit } from '../../../src/git';
import { openRepository, parseRepoRef, publishPullRequest } from '../../../src/github';
import { SecretRegistry } from '../../../src/core/secrets';

const token = process.env.GITHUB_TOKEN;
const repo = process.env.GITHUB_LIVE_REPO;

async function reachable(): Promise<boolean> {
  try {
    await fetch('https://api.github.com/zen', { signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

const reason = !token || !repo ? 'GITHUB_TOKEN and GITHUB_LIVE_REPO (a scratch owner/name) are not set' : !(await reachable()) ? 'api.github.com is not reachable (offline)' : '';
if (reason) console.log(`github-live: skipped: ${reason}`);

describe.skipIf(Boolean(reason))('GitHub, live', { timeout: 300_000 }, () => {
  it('opens the scratch repository, commits a change and opens a pull request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-live-'));
    try {
      const secrets = new SecretRegistry();
      secrets.set('GitHub token', token);
      const opened = await openRepository({ token }, parseRepoRef(repo!)!, { maxFiles: 2000, maxBytes: 50_000_000, skip: ['node_modules'] });
      for (const [path, bytes] of opened.files) {
        fs.mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), bytes);
      }
      writeFileSync(join(dir, 'autopilot-live.txt'), `checked ${new Date().toISOString()}\n`);
      const env = { HOME: dir };
      expect((await runGit(['add', 'autopilot-live.txt'], { fs, cwd: dir, env })).exitCode).toBe(0);
      expect((await runGit(['commit', '-qm', 'Autopilot live check'], { fs, cwd: dir, env })).exitCode).toBe(0);
      const pr = await publishPullRequest({ token }, fs, dir, { title: 'Autopilot live check', body: 'Opened by npm run test:github-live.' }, { secrets, exclude: ['node_modules'] });
      console.log(`github-live: opened ${pr.url} (branch ${pr.branch})`);
      expect(pr.url).toMatch(/^https:\/\/github\.com\/.+\/pull\/\d+$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
