/**
 * The CORS-proxy path with isomorphic-git's own HTTP transport, against a real `git http-backend` behind a
 * small Node server that adds CORS headers (tests/fixtures/git-http-server.ts): clone into memory, commit with
 * our front end, push a new branch; the real git checks the bare repository (author, message, tree).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneRepository, MemoryFs, pushBranch, runGit } from '../../../src/git';
import { GitHttpServer } from '../../fixtures/git-http-server';

const TOKEN = 'github_pat_http_backend_token_0123456789';
const ENV = { PATH: process.env.PATH, HOME: tmpdir(), GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };
const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8' });

describe('git over HTTP through a CORS proxy (real git http-backend)', { timeout: 60_000 }, () => {
  let root: string;
  let bare: string;
  let server: GitHttpServer;
  let head: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'git-http-'));
    bare = join(root, 'octo', 'dash.git');
    mkdirSync(bare, { recursive: true });
    git(bare, ['init', '-q', '--bare', '-b', 'main']);
    const work = join(root, 'seed');
    mkdirSync(work);
    git(work, ['init', '-q', '-b', 'main']);
    writeFileSync(join(work, 'sum.js'), 'export const sum = (a, b) => a - b;\n');
    git(work, ['add', '.']);
    git(work, ['-c', 'user.name=Octo', '-c', 'user.email=octo@example.com', 'commit', '-qm', 'First']);
    writeFileSync(join(work, 'README.md'), '# dash\n');
    git(work, ['add', '.']);
    git(work, ['-c', 'user.name=Octo', '-c', 'user.email=octo@example.com', 'commit', '-qm', 'Second']);
    git(work, ['push', '-q', bare, 'main']);
    head = git(work, ['rev-parse', 'HEAD']).trim();
    server = await new GitHttpServer(root, TOKEN).start();
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('clones with history, commits with the front end, and pushes a new branch the real git accepts', async () => {
    const phases = new Set<string>();
    const cloned = await cloneRepository({
      url: 'https://github.com/octo/dash.git', corsProxy: server.url, token: TOKEN, repository: 'octo/dash',
      identity: { name: 'Ada', email: 'ada@example.com' }, onProgress: (phase) => phases.add(phase),
    });
    expect({ branch: cloned.branch, commit: cloned.commit }).toEqual({ branch: 'main', commit: head });
    expect([...cloned.files.keys()].filter((p) => !p.startsWith('.git/')).sort()).toEqual(['README.md', 'sum.js']);
    expect(phases.has('Receiving objects')).toBe(true);
    expect(server.requests.map((r) => `${r.method} ${r.path}`).slice(0, 2)).toEqual(['GET /github.com/octo/dash.git/info/refs', 'GET /github.com/octo/dash.git/info/refs']);
    expect(server.requests.at(-1)?.authorization).toBe(`Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`);

    const memory = MemoryFs.from('/repo', [...cloned.files].map(([path, data]) => ({ path, data })), cloned.dirs);
    const fs = memory.fs;
    const run = (args: string[]) => runGit(args, { fs, cwd: '/repo', env: { GIT_AUTHOR_DATE: '1700000000 +0000', GIT_COMMITTER_DATE: '1700000000 +0000' } });
    expect((await run(['log', '--oneline'])).stdout).toMatch(/^[0-9a-f]{7} Second\n[0-9a-f]{7} First\n$/);
    expect((await run(['status', '--porcelain'])).stdout).toBe('');
    await fs.promises.writeFile('/repo/sum.js', 'export const sum = (a, b) => a + b;\n');
    expect((await run(['switch', '-q', '-c', 'autopilot/fix-sum'])).exitCode).toBe(0);
    expect((await run(['commit', '-qam', 'Fix sum'])).exitCode).toBe(0);
    const pushed = await pushBranch({ fs, dir: '/repo', url: 'https://github.com/octo/dash.git', corsProxy: server.url, token: TOKEN, ref: 'autopilot/fix-sum' });
    expect(pushed).toEqual({ ref: 'refs/heads/autopilot/fix-sum', ok: true });
    expect(git(bare, ['log', '--format=%P|%an <%ae>|%s', '-1', 'autopilot/fix-sum'])).toBe(`${head}|Ada <ada@example.com>|Fix sum\n`);
    expect(git(bare, ['ls-tree', '-r', '--name-only', 'autopilot/fix-sum'])).toBe('README.md\nsum.js\n');
    expect(git(bare, ['show', 'autopilot/fix-sum:sum.js'])).toBe('export const sum = (a, b) => a + b;\n');
    expect(git(bare, ['fsck', '--no-progress'])).toBe('');
  });

  it('is refused without the token, and says so', async () => {
    const error = await cloneRepository({ url: 'https://github.com/octo/dash.git', corsProxy: server.url, repository: 'octo/dash' }).catch((e: Error) => e);
    expect((error as Error & { code?: string }).code).toBe('HttpError');
  });
});
