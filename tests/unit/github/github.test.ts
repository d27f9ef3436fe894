/**
 * Open from GitHub and pull requests against the local stand-in (real bare repositories on disk): the opened
 * repository is one the real git accepts as it is, and the pull request's branch holds real commits the git
 * CLI checks (parent = the opened upstream commit, the edited file, the author).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runGit } from '../../../src/git';
import { openRepository, parseRepoRef, publishPullRequest, GitHubError, SecretsFoundError } from '../../../src/github';
import { SecretRegistry } from '../../../src/core/secrets';
import { GitHubStandIn } from '../../fixtures/github-standin';

const TOKEN = 'github_pat_standin_token_with_push_0123456789';
const NO_PUSH = 'github_pat_standin_token_without_push_012345';
const LIMITS = { maxFiles: 1000, maxBytes: 10_000_000, skip: ['node_modules'] };
const ENV = { GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.com' };

describe('GitHub: open a repository and publish a pull request', { timeout: 60_000 }, () => {
  let hub: GitHubStandIn;
  let dir: string;
  let upstream: string;

  beforeEach(async () => {
    hub = await new GitHubStandIn({ tokens: { [TOKEN]: { login: 'ada', push: ['octo/dash'] }, [NO_PUSH]: { login: 'bob', push: [] } }, anonymousLimit: 6, private: ['octo/secret'] }).start();
    upstream = hub.seed('octo/dash', { 'src/sum.js': 'export const sum = (a, b) => a - b;\n', 'README.md': '# dash\n', 'run.sh': '#!/bin/sh\n', 'node_modules/x/index.js': 'x\n' });
    hub.seed('octo/secret', { 'a.txt': 'a\n' });
    dir = mkdtempSync(join(tmpdir(), 'gh-open-'));
  });
  afterEach(async () => {
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(token = TOKEN, text = 'https://github.com/octo/dash') {
    const opened = await openRepository({ token, baseUrl: hub.url }, parseRepoRef(text)!, LIMITS);
    for (const [path, bytes] of opened.files) {
      fs.mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    for (const path of opened.executables) fs.chmodSync(join(dir, path), 0o755);
    return opened;
  }

  const git = (args: string[]) => runGit(args, { fs, cwd: dir, env: ENV });
  const realGit = (args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

  it('opens through the REST API into a repository the real git accepts (rebuildable folders skipped)', async () => {
    const opened = await open();
    expect({ repository: opened.repository, branch: opened.branch, upstream: opened.upstream, skipped: opened.skipped }).toEqual({ repository: 'octo/dash', branch: 'main', upstream, skipped: ['node_modules'] });
    // node_modules was skipped, so the tree differs from upstream's only by that folder.
    expect(hub.git('octo/dash', ['ls-tree', '--name-only', upstream])).toBe('README.md\nnode_modules\nrun.sh\nsrc\n');
    expect(realGit(['status', '--porcelain'])).toBe('');
    expect(realGit(['ls-files'])).toBe('README.md\nrun.sh\nsrc/sum.js\n');
    expect((await git(['log', '--oneline'])).stdout).toMatch(/^[0-9a-f]{7} octo\/dash@[0-9a-f]{12} \(main\)\n$/);
    expect(hub.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
  });

  it('publishes the local commits as a pull request whose branch the real git can check', async () => {
    await open();
    writeFileSync(join(dir, 'src/sum.js'), 'export const sum = (a, b) => a + b;\n');
    expect((await git(['commit', '-qam', 'Fix sum'])).exitCode).toBe(0);
    const result = await publishPullRequest({ token: TOKEN, baseUrl: hub.url }, fs, dir, { title: 'Fix sum', body: 'It subtracted.' }, { secrets: new SecretRegistry(), exclude: ['node_modules'] });
    expect(result).toEqual({ url: 'https://github.com/octo/dash/pull/1', number: 1, branch: 'autopilot/fix-sum', fork: undefined, commits: 1, files: 1, baseMoved: undefined });
    expect(hub.git('octo/dash', ['log', '--format=%P|%an <%ae>|%s', '-1', 'autopilot/fix-sum'])).toBe(`${upstream}|Ada <ada@example.com>|Fix sum\n`);
    expect(hub.git('octo/dash', ['show', 'autopilot/fix-sum:src/sum.js'])).toBe('export const sum = (a, b) => a + b;\n');
    expect(hub.git('octo/dash', ['diff', '--name-only', upstream, 'autopilot/fix-sum'])).toBe('src/sum.js\n');
    expect(hub.pulls).toEqual([{ repository: 'octo/dash', number: 1, title: 'Fix sum', body: 'It subtracted.', head: 'autopilot/fix-sum', base: 'main' }]);
    // A second one with the same title gets a new branch name; the first branch is untouched.
    const before = hub.git('octo/dash', ['rev-parse', 'autopilot/fix-sum']);
    const again = await publishPullRequest({ token: TOKEN, baseUrl: hub.url }, fs, dir, { title: 'Fix sum', body: '' }, { secrets: new SecretRegistry(), exclude: ['node_modules'] });
    expect(again.branch).toBe('autopilot/fix-sum-2');
    expect(hub.git('octo/dash', ['rev-parse', 'autopilot/fix-sum'])).toBe(before);
  });

  it('sends the work tree as one commit when nothing was committed, honouring .gitignore and excluded folders', async () => {
    await open();
    writeFileSync(join(dir, 'src/sum.js'), 'export const sum = (a, b) => a + b;\n');
    writeFileSync(join(dir, '.gitignore'), 'dist/\n');
    fs.mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist/out.js'), 'built\n');
    fs.mkdirSync(join(dir, 'node_modules/y'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/y/index.js'), 'y\n');
    const result = await publishPullRequest({ token: TOKEN, baseUrl: hub.url }, fs, dir, { title: 'Work tree', body: '', branch: 'fix/tree' }, { secrets: new SecretRegistry(), exclude: ['node_modules'] });
    expect(result.branch).toBe('fix/tree');
    expect(hub.git('octo/dash', ['diff', '--name-status', upstream, 'fix/tree'])).toBe('A\t.gitignore\nM\tsrc/sum.js\n');
  });

  it('forks when the token cannot push, and opens the pull request from the fork', async () => {
    await open(NO_PUSH);
    writeFileSync(join(dir, 'README.md'), '# dash, documented\n');
    await git(['commit', '-qam', 'Docs']);
    const result = await publishPullRequest({ token: NO_PUSH, baseUrl: hub.url }, fs, dir, { title: 'Docs', body: '' }, { secrets: new SecretRegistry(), exclude: [], pollMs: 1 });
    expect({ fork: result.fork, branch: result.branch }).toEqual({ fork: 'bob/dash', branch: 'autopilot/docs' });
    expect(hub.git('bob/dash', ['show', 'autopilot/docs:README.md'])).toBe('# dash, documented\n');
    expect(() => hub.git('octo/dash', ['rev-parse', '--verify', '-q', 'autopilot/docs'])).toThrow();
    expect(hub.pulls[0].head).toBe('bob:autopilot/docs');
  });

  it('stops before sending anything when the changes hold a secret', async () => {
    await open();
    const secrets = new SecretRegistry();
    secrets.set('model API key', 'sk-live-registered-secret-value');
    writeFileSync(join(dir, 'src/config.js'), 'const key = "sk-live-registered-secret-value";\nconst aws = "AKIAABCDEFGHIJKLMNOP";\n');
    await git(['add', '.']);
    await git(['commit', '-qm', 'Config']);
    const posts = hub.requests.length;
    const error = await publishPullRequest({ token: TOKEN, baseUrl: hub.url }, fs, dir, { title: 'Config', body: '' }, { secrets, exclude: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretsFoundError);
    expect((error as SecretsFoundError).findings).toEqual(['src/config.js:1: model API key', 'src/config.js:2: AWS access key']);
    expect(hub.requests.length).toBe(posts);
  });

  it('says what went wrong: unknown repository, private without a token, bad token, rate budget', async () => {
    const fail = (token: string | undefined, text: string): Promise<GitHubError> =>
      openRepository({ token, baseUrl: hub.url }, parseRepoRef(text)!, LIMITS).then(() => new GitHubError('opened', 0), (e: unknown) => e as GitHubError);
    expect((await fail(TOKEN, 'octo/missing')).message).toBe('octo/missing was not found on GitHub (404). Check the name, and that the token may read it (Contents: read).');
    expect((await fail(undefined, 'octo/secret')).message).toBe('octo/secret was not found on GitHub (404). If it is private, add a GitHub token in Settings.');
    expect((await fail('github_pat_unknown_token_0000000000000', 'octo/dash')).message).toBe('GitHub refused the token (401): it is wrong or expired. Check the GitHub token in Settings.');
    const budget = await fail(undefined, 'octo/dash');
    expect(budget.message).toMatch(/^Opening octo\/dash takes 7 requests \(one per file\), but only 1 of this hour's 6 are left; the budget resets at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\. Add a GitHub token in Settings \(5 000 an hour\), or set a Git CORS proxy in Settings to clone it instead\.$/);
    const exhausted = await fail(undefined, 'octo/dash');
    expect(exhausted.message).toMatch(/^GitHub's rate limit is used up \(6 requests an hour\); it resets at \d{4}-.*Z\. Add a GitHub token in Settings/);
  });
});
