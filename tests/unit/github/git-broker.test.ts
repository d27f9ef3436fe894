/**
 * `git clone/fetch/pull/push` typed in the lite sandbox, through the page's broker: the real LiteSandbox behind
 * its host on one end of a real MessageChannel (the worker's end), the page's LiteWorkerSandbox and GitBroker on
 * the other. With a proxy: the real `git http-backend` (tests/fixtures/git-http-server.ts), checked with the
 * real git CLI in the bare repository. With none: a push through the GitHub REST stand-in's Git Database API.
 * Every message posted across the boundary is read: the token is in none of them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serveLiteSandbox } from '../../../src/bridge/lite-host';
import { LiteWorkerSandbox } from '../../../src/bridge/lite-worker-sandbox';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { GitBroker } from '../../../src/github/broker';
import type { GitHubAccess } from '../../../src/github/access';
import { openRepository, parseRepoRef, snapshotOf } from '../../../src/github';
import { SecretRegistry } from '../../../src/core/secrets';
import { GitHttpServer } from '../../fixtures/git-http-server';
import { GitHubStandIn } from '../../fixtures/github-standin';

const TOKEN = 'github_pat_broker_token_0123456789abcdef';
const AUTH = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
const ENV = { PATH: process.env.PATH, HOME: tmpdir(), GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };
const WHO = 'export GIT_AUTHOR_NAME=Ada GIT_AUTHOR_EMAIL=ada@example.com GIT_COMMITTER_NAME=Ada GIT_COMMITTER_EMAIL=ada@example.com; ';
const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8' });

/** Every message posted on any MessagePort, as text (bytes read as latin1), while `record` is on. */
const posted: string[] = [];
const original = MessagePort.prototype.postMessage;
function text(value: unknown, seen = new Set<unknown>()): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  if (seen.has(value)) return '';
  seen.add(value);
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1');
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString('latin1');
  return Object.entries(value as object).map(([key, inner]) => `${key}:${text(inner, seen)}`).join(' ');
}

/** The page's sandbox over a worker's end served in this thread, across a real MessageChannel. */
function liteOverChannel(): LiteWorkerSandbox {
  return new LiteWorkerSandbox({
    workerFactory: () => {
      const { port1, port2 } = new MessageChannel();
      const sandbox = new LiteSandbox();
      serveLiteSandbox(sandbox, port2 as never);
      return { endpoint: port1 as never, terminate: () => (port1.close(), port2.close(), void sandbox.dispose()) };
    },
  });
}

describe('git remote operations in the lite sandbox, through the page broker', { timeout: 60_000 }, () => {
  beforeAll(() => {
    MessagePort.prototype.postMessage = function (this: MessagePort, message: unknown, ...rest: unknown[]) {
      posted.push(text(message));
      return (original as (...args: unknown[]) => void).call(this, message, ...rest);
    } as typeof original;
  });
  afterAll(() => {
    MessagePort.prototype.postMessage = original;
  });

  let root: string;
  let sandbox: LiteWorkerSandbox;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'git-broker-'));
    sandbox = liteOverChannel();
    posted.length = 0;
  });
  afterEach(async () => {
    await sandbox.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  const run = async (command: string) => {
    const result = await sandbox.exec(WHO + command);
    return { output: result.output, exitCode: result.exitCode };
  };

  describe('with the Git CORS proxy (real git http-backend)', () => {
    let server: GitHttpServer;
    let bare: string;
    let seed: string;
    let access: GitHubAccess;
    beforeEach(async () => {
      bare = join(root, 'octo', 'dash.git');
      mkdirSync(bare, { recursive: true });
      git(bare, ['init', '-q', '--bare', '-b', 'main']);
      seed = join(root, 'seed');
      mkdirSync(seed);
      git(seed, ['init', '-q', '-b', 'main']);
      writeFileSync(join(seed, 'sum.js'), 'export const sum = (a, b) => a - b;\n');
      git(seed, ['add', '.']);
      git(seed, ['-c', 'user.name=Octo', '-c', 'user.email=octo@example.com', 'commit', '-qm', 'First']);
      git(seed, ['push', '-q', bare, 'main']);
      server = await new GitHttpServer(root, TOKEN).start();
      access = { token: TOKEN, apiURL: 'https://api.github.com', corsProxy: server.url };
      sandbox.connectGit(new GitBroker({ access: () => access, repository: () => 'octo/dash', secrets: new SecretRegistry() }));
    });
    afterEach(async () => {
      await server.stop();
    });

    it('clones, pushes and pulls the opened repository; the real git sees the commits; the token never crosses', async () => {
      const first = git(bare, ['rev-parse', 'main']).trim();
      expect(await run('git clone https://github.com/octo/dash.git')).toEqual({ output: "Cloning into 'dash'...\n", exitCode: 0 });
      expect(await run('cd dash && git log --oneline && git status')).toEqual({
        output: `${first.slice(0, 7)} First\nOn branch main\nYour branch is up to date with 'origin/main'.\n\nnothing to commit, working tree clean\n`,
        exitCode: 0,
      });

      const pushed = await run('sed -i "s/a - b/a + b/" sum.js && git commit -qam "Fix sum" && git push');
      const fixed = git(bare, ['rev-parse', 'main']).trim();
      expect(pushed).toEqual({ output: `To https://github.com/octo/dash\n   ${first.slice(0, 7)}..${fixed.slice(0, 7)}  main -> main\n`, exitCode: 0 });
      expect((await run('git status')).output).toBe("On branch main\nYour branch is up to date with 'origin/main'.\n\nnothing to commit, working tree clean\n");
      expect(git(bare, ['log', '-1', '--format=%P|%an <%ae>|%s', 'main'])).toBe(`${first}|Ada <ada@example.com>|Fix sum\n`);
      expect(git(bare, ['show', 'main:sum.js'])).toBe('export const sum = (a, b) => a + b;\n');

      // someone else pushes; the sandbox pulls it (a fast-forward)
      git(seed, ['pull', '-q', bare, 'main']);
      writeFileSync(join(seed, 'README.md'), '# dash\n');
      git(seed, ['add', '.']);
      git(seed, ['-c', 'user.name=Octo', '-c', 'user.email=octo@example.com', 'commit', '-qm', 'Readme']);
      git(seed, ['push', '-q', bare, 'main']);
      const readme = git(bare, ['rev-parse', 'main']).trim();
      const range = `${fixed.slice(0, 7)}..${readme.slice(0, 7)}`;
      // (the lite sandbox gives a command's stdout before its stderr)
      expect(await run('git pull')).toEqual({
        output: `Updating ${range}\nFast-forward\n README.md | 1 +\n 1 file changed, 1 insertion(+)\nFrom https://github.com/octo/dash\n   ${range}  main       -> origin/main\n`,
        exitCode: 0,
      });
      expect(await run('cat README.md && git log --oneline -1 && git status --porcelain')).toEqual({ output: `# dash\n${readme.slice(0, 7)} Readme\n`, exitCode: 0 });
      expect(await run('git fetch && git pull')).toEqual({ output: 'Already up to date.\n', exitCode: 0 });

      // every request carried the token; nothing posted between page and sandbox did
      expect(server.requests.length).toBeGreaterThan(6);
      expect(server.requests.every((r) => r.authorization === `Basic ${AUTH}`)).toBe(true);
      expect(posted.length).toBeGreaterThan(20);
      expect(posted.filter((message) => message.includes(TOKEN) || message.includes(AUTH))).toEqual([]);
    });

    it('refuses every other remote, host and path before a request leaves', async () => {
      await run('git clone -q https://github.com/octo/dash.git && cd dash');
      const before = server.requests.length;
      expect(await run('git clone https://github.com/octo/other.git')).toEqual({
        output: "fatal: git clone: 'https://github.com/octo/other.git' is not the repository opened on the page (https://github.com/octo/dash.git); the page reaches only that one, so other remotes and hosts are refused.\n",
        exitCode: 128,
      });
      expect(await run('git remote add evil https://gitlab.com/octo/dash.git && git push evil main')).toEqual({
        output: "fatal: git push: 'https://gitlab.com/octo/dash.git' is not the repository opened on the page (https://github.com/octo/dash.git); the page reaches only that one, so other remotes and hosts are refused.\n",
        exitCode: 128,
      });
      expect((await run('git push --force')).output).toBe('fatal: force-push is refused here: a push never replaces commits on the remote (push to a new branch instead).\n');
      const broker = new GitBroker({ access: () => access, repository: () => 'octo/dash', secrets: new SecretRegistry() });
      for (const url of ['https://github.com/octo/dash.git/../other.git/info/refs?service=git-upload-pack', 'https://github.com/octo/dash.git/objects/info/packs', 'https://x:y@github.com/octo/dash.git/info/refs', 'http://github.com/octo/dash.git/info/refs', 'https://github.com.evil.test/octo/dash.git/info/refs']) {
        await expect(broker.request({ url, method: 'GET', headers: {} })).rejects.toThrow(`the git broker reaches only https://github.com/octo/dash.git (the repository opened on the page); ${new URL(url).href} is refused.`);
      }
      const unbound = new GitBroker({ access: () => access, repository: () => undefined, secrets: new SecretRegistry() });
      sandbox.connectGit(unbound);
      expect((await run('git fetch')).output).toBe('fatal: git fetch: no repository is open on the page. Remote operations go through the page, and only to the repository opened with "Open from GitHub" (or execute({repo})); none is, so nothing can be reached.\n');
      expect(server.requests.length).toBe(before);
    });
  });

  describe('with no proxy (GitHub REST stand-in)', () => {
    let hub: GitHubStandIn;
    let upstream: string;
    beforeEach(async () => {
      hub = await new GitHubStandIn({ tokens: { [TOKEN]: { login: 'ada', push: ['octo/dash'] } } }).start();
      upstream = hub.seed('octo/dash', { 'src/sum.js': 'export const sum = (a, b) => a - b;\n', 'README.md': '# dash\n' });
      const opened = await openRepository({ token: TOKEN, baseUrl: hub.url }, parseRepoRef('octo/dash')!, { maxFiles: 100, maxBytes: 1e6, skip: [] });
      await sandbox.restore(snapshotOf(opened));
      const access = { token: TOKEN, apiURL: hub.url, corsProxy: '' };
      sandbox.connectGit(new GitBroker({ access: () => access, repository: () => 'octo/dash', secrets: new SecretRegistry() }));
    });
    afterEach(async () => {
      await hub.stop();
    });

    it('pushes the current branch through the Git Database API; fetch, pull and clone say they need the proxy', async () => {
      const needs = (command: string) =>
        `fatal: git ${command} needs the Git CORS proxy: GitHub's git endpoints send no CORS headers, so a browser page can reach them only through a proxy, and none is set (Settings → Git CORS proxy). Without one, \`git push\` still works (through GitHub's API) and create_pull_request opens a pull request.\n`;
      expect(await run('git fetch')).toEqual({ output: needs('fetch'), exitCode: 128 });
      expect(await run('git pull')).toEqual({ output: needs('pull'), exitCode: 128 });
      expect(await run(`git clone ${hub.url}/octo/dash.git copy`)).toEqual({ output: needs('clone'), exitCode: 128 });
      expect(await run('git push')).toEqual({ output: 'Everything up-to-date\n', exitCode: 0 });

      const pushed = await run('sed -i "s/a - b/a + b/" src/sum.js && git commit -qam "Fix sum" && git push');
      const fixed = hub.git('octo/dash', ['rev-parse', 'main']).trim();
      const local = (await run('git rev-parse --short HEAD')).output.trim();
      expect(pushed).toEqual({
        output: `To ${hub.url}/octo/dash\n   ${upstream.slice(0, 7)}..${fixed.slice(0, 7)}  main -> main\n(through GitHub's API: the commits were replayed there, so GitHub's id for ${local} is ${fixed.slice(0, 7)})\n`,
        exitCode: 0,
      });
      expect(hub.git('octo/dash', ['log', '-1', '--format=%P|%an <%ae>|%s', 'main'])).toBe(`${upstream}|Ada <ada@example.com>|Fix sum\n`);
      expect(hub.git('octo/dash', ['show', 'main:src/sum.js'])).toBe('export const sum = (a, b) => a + b;\n');

      // the next push goes on from where the last one left the branch; a new branch is created
      await run('echo more >> README.md && git commit -qam "More" && git push -q && git push -q origin HEAD:topic');
      expect(hub.git('octo/dash', ['log', '--format=%s', 'main'])).toBe('More\nFix sum\nSeed\n');
      expect(hub.git('octo/dash', ['rev-parse', 'topic'])).toBe(hub.git('octo/dash', ['rev-parse', 'main']));
      // a branch that moved on GitHub is not overwritten
      const moved = hub.git('octo/dash', ['-c', 'user.name=Octo', '-c', 'user.email=octo@example.com', 'commit-tree', '-p', 'main', '-m', 'Theirs', 'main^{tree}']).trim();
      hub.git('octo/dash', ['update-ref', 'refs/heads/main', moved]);
      const rejected = await run('echo again >> README.md && git commit -qam "Again" && git push');
      expect(rejected.exitCode).toBe(1);
      expect(rejected.output).toMatch(new RegExp(`^To ${hub.url}/octo/dash\\n ! \\[rejected\\]        main -> main \\(fetch first\\)\\nerror: failed to push some refs`));
      expect(hub.git('octo/dash', ['rev-parse', 'main']).trim()).toBe(moved);
      expect(posted.filter((message) => message.includes(TOKEN))).toEqual([]);
    });
  });
});
