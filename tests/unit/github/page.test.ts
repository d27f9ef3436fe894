/**
 * The page's GitHub (src/github/page.ts) against the stand-in: Open from GitHub replaces the work dir in one go
 * with the repository and its .git (the real git accepts it as written), says the cost before fetching, leaves
 * the work dir untouched when anything fails; a pull request is drafted from the work dir's snapshot (files and
 * line counts) and sent, its branch checked with the real git.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubPage, type GitHubAccess, type WorkdirPort } from '../../../src/github/page';
import { SecretRegistry } from '../../../src/core/secrets';
import type { WorkdirSnapshot } from '../../../src/core/workdir';
import { runGit } from '../../../src/git';
import { GitHubStandIn } from '../../fixtures/github-standin';
import { GitHttpServer } from '../../fixtures/git-http-server';

const TOKEN = 'github_pat_standin_token_with_push_0123456789';

/** A work dir on disk, written and read as the sandbox's snapshot/restore would. */
class DiskWorkdir implements WorkdirPort {
  replaced = 0;
  constructor(readonly dir: string) {}
  async snapshot(): Promise<WorkdirSnapshot> {
    const files: WorkdirSnapshot['files'] = [];
    const dirs: string[] = [];
    const walk = (rel: string) => {
      for (const name of fs.readdirSync(join(this.dir, rel))) {
        const path = rel ? `${rel}/${name}` : name;
        const stat = fs.statSync(join(this.dir, path));
        if (stat.isDirectory()) {
          dirs.push(path);
          if (name !== 'node_modules') walk(path);
        } else files.push({ path, data: new Uint8Array(fs.readFileSync(join(this.dir, path))), mode: stat.mode & 0o777 });
      }
    };
    walk('');
    return { files, dirs };
  }
  async replaceWith(snapshot: WorkdirSnapshot): Promise<void> {
    this.replaced++;
    for (const name of fs.readdirSync(this.dir)) rmSync(join(this.dir, name), { recursive: true, force: true });
    for (const dir of snapshot.dirs) fs.mkdirSync(join(this.dir, dir), { recursive: true });
    for (const file of snapshot.files) {
      fs.mkdirSync(dirname(join(this.dir, file.path)), { recursive: true });
      writeFileSync(join(this.dir, file.path), file.data, { mode: file.mode });
    }
  }
  async readTextFile(path: string): Promise<string> {
    return fs.readFileSync(join(this.dir, path), 'utf8');
  }
}

describe('the page\'s GitHub: open into the work dir, draft and send a pull request', { timeout: 60_000 }, () => {
  let hub: GitHubStandIn;
  let dir: string;
  let upstream: string;
  let access: GitHubAccess;
  let workdir: DiskWorkdir;
  let page: GitHubPage;

  beforeEach(async () => {
    hub = await new GitHubStandIn({ tokens: { [TOKEN]: { login: 'ada', push: ['octo/dash'] } }, anonymousLimit: 60 }).start();
    upstream = hub.seed('octo/dash', { 'src/sum.js': 'export const sum = (a, b) => a - b;\n', 'README.md': '# dash\n', 'node_modules/x/index.js': 'x\n' });
    dir = mkdtempSync(join(tmpdir(), 'gh-page-'));
    writeFileSync(join(dir, 'old.txt'), 'was here\n');
    access = { token: TOKEN, apiURL: hub.url, corsProxy: '', author: { name: 'Ada', email: 'ada@example.com' } };
    workdir = new DiskWorkdir(dir);
    page = new GitHubPage({ access: () => access, workdir, secrets: new SecretRegistry() });
  });
  afterEach(async () => {
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const realGit = (args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1' } });

  it('opens a repository with its .git, saying the cost first; git works at once and commits as the configured author', async () => {
    const plans: string[] = [];
    const progress: number[] = [];
    const report = await page.open('https://github.com/octo/dash', { onPlan: (m) => plans.push(m), onProgress: (n) => progress.push(n) });
    expect(plans).toEqual([expect.stringMatching(/^Opening octo\/dash \(main\): 2 files, 43 B, 6 requests to GitHub; 4996 of this hour's 5000 are left \(the budget resets at \d{4}-.*Z\)\.$/)]);
    expect(progress).toEqual([1, 2]);
    expect(report).toEqual({
      repository: 'octo/dash', branch: 'main', upstream, files: 2, bytes: 43, requests: 6, skipped: ['node_modules'],
      message: `Opened octo/dash (main at ${upstream.slice(0, 7)}): 2 files, 43 B, with its .git — 6 requests to GitHub. Left out: node_modules (rebuildable).`,
    });
    expect(fs.existsSync(join(dir, 'old.txt'))).toBe(false);
    expect(realGit(['status', '--porcelain'])).toBe('');
    expect(realGit(['ls-files'])).toBe('README.md\nsrc/sum.js\n');
    expect(await page.repository()).toBe('octo/dash');
    writeFileSync(join(dir, 'src/sum.js'), 'export const sum = (a, b) => a + b;\n');
    const committed = await runGit(['commit', '-qam', 'Fix sum'], { fs, cwd: dir, env: {} });
    expect(committed.exitCode).toBe(0);
    expect(realGit(['log', '-1', '--format=%an <%ae>|%s'])).toBe('Ada <ada@example.com>|Fix sum\n');
  });

  it('drafts the pull request from the work dir (files, line counts) and sends it', async () => {
    await page.open('octo/dash');
    writeFileSync(join(dir, 'src/sum.js'), 'export const sum = (a, b) => a + b;\n// checked\n');
    writeFileSync(join(dir, 'NOTES.md'), 'one\ntwo\n');
    const outgoing = await page.outgoing('Fix sum');
    expect(outgoing.files).toEqual([
      { path: 'NOTES.md', kind: 'added', additions: 2, deletions: 0, binary: false },
      { path: 'src/sum.js', kind: 'modified', additions: 2, deletions: 1, binary: false },
    ]);
    expect(outgoing.changes.fromWorkTree).toBe(true);
    const pull = await page.createPullRequest({ title: 'Fix sum', body: 'It subtracted.' });
    expect(pull).toEqual({ url: 'https://github.com/octo/dash/pull/1', number: 1, branch: 'autopilot/fix-sum', fork: undefined, commits: 1, files: 2, baseMoved: undefined });
    expect(hub.git('octo/dash', ['log', '--format=%P|%an <%ae>|%s', '-1', 'autopilot/fix-sum'])).toBe(`${upstream}|Ada <ada@example.com>|Fix sum\n`);
    expect(hub.git('octo/dash', ['show', 'autopilot/fix-sum:NOTES.md'])).toBe('one\ntwo\n');
  });

  it('leaves the work dir as it was when the open fails, with the reason', async () => {
    const fail = (text: string) => page.open(text).then(() => 'opened', (e: Error) => e.message);
    expect(await fail('not a repo at all')).toBe('"not a repo at all" is not a repository: type owner/name or a github.com URL, optionally with #branch.');
    expect(await fail('octo/missing')).toBe('octo/missing was not found on GitHub (404). Check the name, and that the token may read it (Contents: read).');
    expect(await fail('octo/dash#nope')).toBe('octo/dash has no branch "nope" (404).');
    access = { ...access, token: '' };
    hub.seed('octo/big', Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`f${i}.txt`, `${i}\n`])));
    expect(await fail('octo/big')).toMatch(/^Opening octo\/big takes 74 requests \(one per file\), but only 56 of this hour's 60 are left; the budget resets at .*Z\. Add a GitHub token in Settings \(5 000 an hour\), or set a Git CORS proxy in Settings to clone it instead\.$/);
    expect(workdir.replaced).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['old.txt']);
  });

  it('opens through the Git CORS proxy with history (real git http-backend), and the pull request still goes through the API', async () => {
    const proxy = await new GitHttpServer(hub.root, TOKEN).start();
    try {
      access = { ...access, corsProxy: proxy.url };
      const plans: string[] = [];
      const report = await page.open('octo/dash', { onPlan: (m) => plans.push(m) });
      expect(plans).toEqual([`Cloning octo/dash through the Git CORS proxy ${proxy.url} (history included; GitHub's API budget is not used).`]);
      expect(report).toEqual({
        repository: 'octo/dash', branch: 'main', upstream, files: 3, bytes: 45, requests: 0, skipped: [],
        message: `Opened octo/dash (main at ${upstream.slice(0, 7)}): 3 files, 45 B, with its .git and history — cloned through the Git CORS proxy.`,
      });
      expect(realGit(['log', '--format=%H %s'])).toBe(`${upstream} Seed\n`);
      expect(realGit(['status', '--porcelain'])).toBe('');
      expect(proxy.requests[0].path).toBe(`/${new URL(hub.url).host}/octo/dash.git/info/refs`);
      writeFileSync(join(dir, 'README.md'), '# dash\n\nSums.\n');
      const pull = await page.createPullRequest({ title: 'Docs', body: '' });
      expect(pull.branch).toBe('autopilot/docs');
      expect(hub.git('octo/dash', ['log', '--format=%P|%s', '-1', 'autopilot/docs'])).toBe(`${upstream}|Docs\n`);
      access = { ...access, corsProxy: 'http://127.0.0.1:9' };
      expect(await page.open('octo/dash').then(() => 'opened', (e: Error) => e.message)).toMatch(/^Could not reach the Git CORS proxy at http:\/\/127\.0\.0\.1:9 \(.*\)\. Check that it runs, or clear it in Settings to open through GitHub's REST API\.$/);
    } finally {
      await proxy.stop();
    }
  });
});
