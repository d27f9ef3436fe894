/**
 * `git` in WebContainer's shell (issue 14): the front end bundled for Node (the real build asset), installed at
 * boot by the adapter and found by name on jsh's PATH. On the stand-in, in both readings of how jsh treats a
 * node script found by name (runs it, or fails to spawn it); and the bundle itself under the machine's Node
 * against the real `git` CLI.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGitCli, GIT_CLI_ASSET } from '../../../scripts/git-cli-bundle';
import { GIT_CLI_ASSET as FETCHED_ASSET } from '../../../src/sandbox/webcontainer/git-asset';
import { WebContainerSandbox } from '../../../src/sandbox/webcontainer/sandbox';
import { gitSentence } from '../../../src/sandbox/webcontainer/capabilities';
import { FakeWebContainer } from './fake-container';

let bundle: string;
beforeAll(async () => {
  bundle = await buildGitCli();
}, 60_000);

const PATH = '/home/.autopilot/bin:/usr/local/bin:/usr/bin:/bin';
const FIXED = { GIT_AUTHOR_NAME: 'A U Thor', GIT_AUTHOR_EMAIL: 'a@example.com', GIT_AUTHOR_DATE: '@1700000000 +0000' };
const COMMITTER = { GIT_COMMITTER_NAME: 'A U Thor', GIT_COMMITTER_EMAIL: 'a@example.com', GIT_COMMITTER_DATE: '@1700000000 +0000' };

describe('git in the WebContainer shell, on the stand-in', () => {
  it('is installed at boot outside the work dir, on every shell\'s PATH, and runs by name in jsh', async () => {
    const container = await new FakeWebContainer().init();
    const sandbox = await WebContainerSandbox.create(container, { gitCli: async () => bundle });
    expect(sandbox.capabilities.summary).toContain(gitSentence({ kind: 'command', file: '/home/.autopilot/bin/git' }));
    expect((await container.memfs.readFile('/home/.autopilot/bin/git')).slice(0, 20)).toEqual('#!/usr/bin/env node\n');
    expect(await container.memfs.exists('/home/project/.autopilot-exec')).toEqual(false);
    expect(await sandbox.list()).toEqual([]);
    const session = container.spawned.find((spawn) => spawn.args[0] === '--osc');
    expect(session?.options?.env).toEqual({ npm_config_yes: 'true', CI: 'true', PATH });

    await sandbox.writeFile('a.txt', 'one\n');
    const exports = Object.entries({ ...FIXED, ...COMMITTER }).map(([name, value]) => `export ${name}='${value}'`).join(' && ');
    expect(await sandbox.exec(`${exports} && git init -q && git add -A && git commit -q -m first && git log --oneline`)).toMatchObject({
      exitCode: 0,
      output: expect.stringMatching(/^[0-9a-f]{7} first\n$/),
    });
    await sandbox.writeFile('a.txt', 'two\n');
    expect(await sandbox.exec('git status --porcelain')).toMatchObject({ exitCode: 0, output: ' M a.txt\n' });
    expect(await sandbox.exec('git push')).toMatchObject({ exitCode: 128, output: expect.stringContaining('create_pull_request') });

    await sandbox.startProcess('git status');
    expect(container.spawned.at(-1)).toMatchObject({ command: '/bin/jsh', options: { env: { PATH } } });
    const terminal = await sandbox.openTerminal({ cols: 80, rows: 24 });
    expect(container.spawned.at(-1)).toEqual({ command: 'jsh', args: [], options: { terminal: { cols: 80, rows: 24 }, env: { PATH } } });
    terminal.kill();
    await sandbox.dispose();
  }, 30_000);

  it('where jsh cannot start a node script by name, tells the model to run it with node, and that works', async () => {
    const container = await new FakeWebContainer({ pathScripts: 'enoent' }).init();
    const sandbox = await WebContainerSandbox.create(container, { gitCli: async () => bundle });
    const install = {
      kind: 'node' as const,
      file: '/home/.autopilot/bin/git',
      why: '`git --version` in jsh gave exit 1: jsh: spawn git ENOENT',
    };
    expect(sandbox.capabilities.summary).toContain(gitSentence(install));
    expect(gitSentence(install)).toContain('runs as `node /home/.autopilot/bin/git <args>`');
    expect(await sandbox.exec('git status')).toMatchObject({
      exitCode: 1,
      output: 'jsh: spawn git ENOENT\n[git is not a command in this shell: run it as `node /home/.autopilot/bin/git <args>`]\n',
    });
    expect(await sandbox.exec('node /home/.autopilot/bin/git init')).toMatchObject({
      exitCode: 0,
      output: 'Initialized empty Git repository in /home/project/.git/\n',
    });
    await sandbox.dispose();
  }, 30_000);

  it('goes to /tmp when /home refuses it, and says there is no git, with each refusal, when both do', async () => {
    const container = await new FakeWebContainer().init();
    await container.memfs.writeFile('/home/.autopilot', 'a file where the folder would go');
    const sandbox = await WebContainerSandbox.create(container, { gitCli: async () => bundle });
    expect(sandbox.capabilities.summary).toContain(gitSentence({ kind: 'command', file: '/tmp/.autopilot/bin/git' }));
    expect(container.spawned.find((spawn) => spawn.args[0] === '--osc')?.options?.env).toEqual({
      npm_config_yes: 'true',
      CI: 'true',
      PATH: '/tmp/.autopilot/bin:/usr/local/bin:/usr/bin:/bin',
    });
    expect(await sandbox.exec('git --version')).toMatchObject({ exitCode: 0, output: 'git version 2.39.5 (autopilot, isomorphic-git)\n' });
    await sandbox.dispose();

    const refused = await new FakeWebContainer().init();
    await refused.memfs.writeFile('/home/.autopilot', 'x');
    await refused.memfs.writeFile('/tmp/.autopilot', 'x');
    const without = await WebContainerSandbox.create(refused, { gitCli: async () => bundle });
    expect(without.capabilities.summary).toMatch(
      /There is no git in this shell \(the git program could not be written into the container \(\/home\/\.autopilot\/bin: [^;]+; \/tmp\/\.autopilot\/bin: [^)]+\)\)\./,
    );
    expect(await refused.memfs.exists('/home/project/.autopilot-exec')).toEqual(false);
    await without.dispose();
  }, 30_000);

  it('says there is no git, and why, when the program cannot be had; shells then get no PATH of ours', async () => {
    const container = await new FakeWebContainer().init();
    const sandbox = await WebContainerSandbox.create(container, {
      gitCli: async () => {
        throw new Error('/autopilot-git.cjs answered 404');
      },
    });
    expect(sandbox.capabilities.summary).toContain(
      'There is no git in this shell (the git program could not be loaded (/autopilot-git.cjs answered 404)).',
    );
    expect(container.spawned.find((spawn) => spawn.args[0] === '--osc')?.options?.env).toEqual({ npm_config_yes: 'true', CI: 'true' });
    expect(await sandbox.exec('git status')).toMatchObject({ exitCode: 127, output: 'jsh: command not found: git\n' });
    await sandbox.dispose();
  });
});

describe('the git bundle under Node, beside the real git', () => {
  it('is built under the name the sandbox fetches', () => {
    expect(GIT_CLI_ASSET).toEqual(FETCHED_ASSET);
  });

  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function repo(run: (args: string[], cwd: string) => string): { status: string; log: string; diff: string } {
    const dir = mkdtempSync(join(tmpdir(), 'wc-git-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'a.txt'), 'one\n');
    writeFileSync(join(dir, 'b.txt'), 'bee\n');
    run(['init', '-q', '-b', 'main'], dir);
    run(['add', '-A'], dir);
    run(['commit', '-q', '-m', 'first'], dir);
    writeFileSync(join(dir, 'a.txt'), 'one\ntwo\n');
    writeFileSync(join(dir, 'c.txt'), 'new\n');
    rmSync(join(dir, 'b.txt'));
    return { status: run(['status', '--porcelain'], dir), log: run(['log', '--oneline'], dir), diff: run(['diff'], dir) };
  }

  it('makes the same commit and prints the same status, log and diff', () => {
    const env = { ...FIXED, ...COMMITTER, PATH: process.env.PATH ?? '', GIT_CONFIG_NOSYSTEM: '1' };
    const bundleFile = join(mkdtempSync(join(tmpdir(), 'wc-git-bin-')), 'git');
    dirs.push(bundleFile.slice(0, bundleFile.lastIndexOf('/')));
    writeFileSync(bundleFile, bundle);
    const ours = repo((args, cwd) => execFileSync(process.execPath, [bundleFile, ...args], { cwd, env: { ...env, HOME: cwd }, encoding: 'utf8' }));
    const real = repo((args, cwd) => execFileSync('git', args, { cwd, env: { ...env, HOME: cwd }, encoding: 'utf8' }));
    expect(ours).toEqual(real);
  });
});
