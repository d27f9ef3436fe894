/**
 * The Sandbox port's contract: every adapter runs this suite (`describeSandboxContract(name, make)`).
 * Outputs are compared as plain text with `\n` line ends; a fresh sandbox starts with an empty work dir.
 */
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExecResult } from '../../../src/core/exec';
import type { AgentSandbox, FileEntry, Sandbox, SandboxEvent, WorkdirSnapshot } from '../../../src/sandbox/sandbox';
import { describeRuntimeContract } from './runtimes-contract';

/** Poll `probe` until it returns a value other than undefined; fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waitFor: nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The parts of an exec result every adapter agrees on. */
function core(result: ExecResult): Pick<ExecResult, 'exitCode' | 'output' | 'timedOut'> {
  return { exitCode: result.exitCode, output: result.output, timedOut: result.timedOut };
}

function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** A snapshot in a stable order, modes left out (not every adapter knows them). */
function normalized(snapshot: WorkdirSnapshot): { files: [string, string][]; dirs: string[] } {
  return {
    files: snapshot.files.map((file): [string, string] => [file.path, text(file.data)]).sort(),
    dirs: [...snapshot.dirs].sort(),
  };
}

/** Define the contract tests for one adapter; `make` returns a fresh sandbox with an empty work dir. */
/**
 * A listing as this sandbox gives it: WebContainer's fs has no stat, and listing never reads a file, so its
 * entries carry no size; every other sandbox gives sizes.
 */
function sized(sandbox: AgentSandbox, entries: FileEntry[]): FileEntry[] {
  if (sandbox.kind !== 'webcontainer') return entries;
  return entries.map(({ size: _size, ...entry }) => entry);
}

export function describeSandboxContract(name: string, make: () => Promise<Sandbox>): void {
  describe(`Sandbox contract: ${name}`, () => {
    let sandbox: Sandbox;
    beforeEach(async () => {
      sandbox = await make();
    });
    afterEach(async () => {
      await sandbox.dispose();
    });

    describeExec(() => sandbox);
    describeFiles(() => sandbox);
    describeState(() => sandbox);
    describeProcesses(() => sandbox);
  });
  describeRuntimeContract(name, make); // python3 and node: runtimes-contract.ts
}

/**
 * The contract of the agent's part of the port (commands, files, processes, events) for a sandbox that has
 * only that part, e.g. the agent worker's end of the thread boundary; `dispose` ends whatever `make` made.
 */
export function describeAgentSandboxContract(name: string, make: () => Promise<AgentSandbox & { dispose(): Promise<void> }>): void {
  describe(`Sandbox contract (the agent's part): ${name}`, () => {
    let sandbox: AgentSandbox & { dispose(): Promise<void> };
    beforeEach(async () => {
      sandbox = await make();
    });
    afterEach(async () => {
      await sandbox.dispose();
    });

    describeExec(() => sandbox);
    describeFiles(() => sandbox);
    describeProcesses(() => sandbox);
  });
}

function describeExec(get: () => AgentSandbox): void {
  describe('exec', () => {
    it('returns the exit code and the output', async () => {
      expect(core(await get().exec('echo hello'))).toEqual({ exitCode: 0, output: 'hello\n', timedOut: false });
    });

    it('returns a non-zero exit as data, stderr in the output', async () => {
      const result = await get().exec('echo oops >&2; exit 3');
      expect(core(result)).toEqual({ exitCode: 3, output: 'oops\n', timedOut: false });
    });

    it('gives stdout and stderr both', async () => {
      const result = await get().exec('echo out; echo err >&2');
      expect(core(result)).toEqual({ exitCode: 0, output: 'out\nerr\n', timedOut: false });
    });

    it('reports the output through onOutput', async () => {
      const chunks: string[] = [];
      const result = await get().exec('echo one; echo two', { onOutput: (chunk) => chunks.push(chunk) });
      expect(chunks.join('')).toEqual('one\ntwo\n');
      expect(result.output).toEqual('one\ntwo\n');
    });

    it('keeps the working directory between commands', async () => {
      expect(core(await get().exec('mkdir -p sub && cd sub'))).toEqual({ exitCode: 0, output: '', timedOut: false });
      expect((await get().exec('pwd')).output).toEqual('/home/project/sub\n');
    });

    it('keeps exported variables between commands', async () => {
      await get().exec('export GREETING=hi');
      expect((await get().exec('echo "greeting=$GREETING"')).output).toEqual('greeting=hi\n');
    });

    it('runs in the cwd and with the env it is given', async () => {
      await get().writeFile('sub/here.txt', 'x');
      const result = await get().exec('pwd; ls; echo "$ONLY_HERE"', { cwd: 'sub', env: { ONLY_HERE: 'yes' } });
      expect(core(result)).toEqual({ exitCode: 0, output: '/home/project/sub\nhere.txt\nyes\n', timedOut: false });
    });

    it('stops a command at its timeout and stays usable', async () => {
      const result = await get().exec('sleep 10', { timeoutMs: 200 });
      expect({ timedOut: result.timedOut, failed: result.exitCode !== 0 }).toEqual({ timedOut: true, failed: true });
      expect(core(await get().exec('echo after'))).toEqual({ exitCode: 0, output: 'after\n', timedOut: false });
    });

    it('stops a command when its signal aborts', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const result = await get().exec('sleep 10', { signal: controller.signal });
      expect({ timedOut: result.timedOut, failed: result.exitCode !== 0 }).toEqual({ timedOut: false, failed: true });
    });

    it('writes files with a heredoc, indentation and $ kept', async () => {
      const script = "cat > notes.txt <<'EOF'\n  indented $HOME\nline 2\nEOF\ncat notes.txt";
      expect(core(await get().exec(script))).toEqual({
        exitCode: 0,
        output: '  indented $HOME\nline 2\n',
        timedOut: false,
      });
      expect(await get().readTextFile('notes.txt')).toEqual('  indented $HOME\nline 2\n');
    });
  });
}

function describeFiles(get: () => AgentSandbox): void {
  describe('files', () => {
    it('writes with parents, reads, and shares files with commands', async () => {
      await get().writeFile('a/b/c.txt', 'hello\n');
      expect(await get().readTextFile('a/b/c.txt')).toEqual('hello\n');
      expect((await get().exec('cat a/b/c.txt; echo made > made.txt')).output).toEqual('hello\n');
      expect(await get().readTextFile('made.txt')).toEqual('made\n');
      expect(await get().readTextFile('/home/project/made.txt')).toEqual('made\n');
    });

    it('keeps bytes as they are', async () => {
      const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
      await get().writeFile('bin/all.bytes', bytes);
      expect(await get().readFile('bin/all.bytes')).toEqual(bytes);
    });

    it('lists recursively, sorted, relative to the work dir', async () => {
      await get().writeFile('src/main.ts', 'abc');
      await get().writeFile('src/lib/util.ts', 'z');
      await get().writeFile('README.md', 'hi');
      expect(await get().list()).toEqual(
        sized(get(), [
          { path: 'README.md', type: 'file', size: 2 },
          { path: 'src', type: 'dir' },
          { path: 'src/lib', type: 'dir' },
          { path: 'src/lib/util.ts', type: 'file', size: 1 },
          { path: 'src/main.ts', type: 'file', size: 3 },
        ]),
      );
      expect(await get().list('src', { recursive: false })).toEqual(
        sized(get(), [
          { path: 'src/lib', type: 'dir' },
          { path: 'src/main.ts', type: 'file', size: 3 },
        ]),
      );
    });

    it('tells whether a path exists, renames and removes', async () => {
      await get().writeFile('old.txt', 'x');
      await get().writeFile('dir/inner/f.txt', 'y');
      await get().rename('old.txt', 'moved/new.txt');
      expect([await get().exists('old.txt'), await get().exists('moved/new.txt')]).toEqual([false, true]);
      expect(await get().readTextFile('moved/new.txt')).toEqual('x');
      await get().remove('moved/new.txt');
      await get().remove('dir', { recursive: true });
      expect([await get().exists('moved/new.txt'), await get().exists('dir')]).toEqual([false, false]);
    });

    it('refuses paths that leave the work dir', async () => {
      await expect(get().readTextFile('../../etc/passwd')).rejects.toThrow(/outside the work dir/);
      await expect(get().writeFile('/etc/evil', 'x')).rejects.toThrow(/outside the work dir/);
      await expect(get().list('..')).rejects.toThrow(/outside the work dir/);
      await expect(get().remove('a/../../x')).rejects.toThrow(/outside the work dir/);
    });

    it('rejects reading a file that does not exist', async () => {
      await expect(get().readTextFile('missing.txt')).rejects.toThrow(/missing\.txt/);
    });
  });
}

function describeState(get: () => Sandbox): void {
  describe('snapshot, restore and zip', () => {
    it('restores a snapshot exactly and resets the shell', async () => {
      await get().writeFile('keep/a.txt', 'a');
      await get().writeFile('b.bin', Uint8Array.of(0, 1, 2));
      await get().exec('mkdir -p empty/dir && cd keep');
      const before = await get().snapshot();
      await get().writeFile('keep/a.txt', 'changed');
      await get().writeFile('extra.txt', 'extra');
      await get().remove('empty', { recursive: true });
      await get().restore(before);
      expect(normalized(await get().snapshot())).toEqual(normalized(before));
      expect(normalized(before)).toEqual({
        files: [
          ['b.bin', '\u0000\u0001\u0002'],
          ['keep/a.txt', 'a'],
        ],
        dirs: ['empty', 'empty/dir', 'keep'],
      });
      expect((await get().exec('pwd')).output).toEqual('/home/project\n');
    });

    it('leaves excluded folders out of a snapshot, at any depth, and keeps the rest', async () => {
      await get().writeFile('node_modules/x/index.js', 'module.exports = 1;');
      await get().writeFile('web/node_modules/y.js', 'y');
      await get().writeFile('web/src/main.js', 'main');
      await get().writeFile('.git/HEAD', 'ref: refs/heads/main');
      await get().writeFile('package.json', '{}');
      expect(normalized(await get().snapshot({ excludes: ['node_modules'] }))).toEqual({
        files: [
          ['.git/HEAD', 'ref: refs/heads/main'],
          ['package.json', '{}'],
          ['web/src/main.js', 'main'],
        ],
        dirs: ['.git', 'web', 'web/src'],
      });
      // the default leaves nothing out
      expect(normalized(await get().snapshot()).files.map(([path]) => path)).toEqual([
        '.git/HEAD',
        'node_modules/x/index.js',
        'package.json',
        'web/node_modules/y.js',
        'web/src/main.js',
      ]);
    });

    it('exports a zip without node_modules by default', async () => {
      await get().writeFile('index.html', '<p>hi</p>');
      await get().writeFile('src/app.js', 'go()');
      await get().writeFile('node_modules/dep/index.js', 'dep');
      expect(unzipText(await get().exportZip())).toEqual({ 'index.html': '<p>hi</p>', 'src/app.js': 'go()' });
    });

    it('exports a zip with the excludes it is given instead', async () => {
      await get().writeFile('dist/out.js', 'built');
      await get().writeFile('node_modules/dep/index.js', 'dep');
      await get().writeFile('main.js', 'main');
      expect(unzipText(await get().exportZip({ excludes: ['dist'] }))).toEqual({
        'main.js': 'main',
        'node_modules/dep/index.js': 'dep',
      });
    });
  });
}

/** File entries of a zip as text (directory entries left out). */
export function unzipText(zip: Uint8Array): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [path, data] of Object.entries(unzipSync(zip))) if (!path.endsWith('/')) files[path] = text(data);
  return files;
}

function describeProcesses(get: () => AgentSandbox): void {
  describe('processes', () => {
    it('starts a process that runs alongside commands, and gives its output when it ends', async () => {
      const events: SandboxEvent[] = [];
      get().on((event) => events.push(event));
      const chunks: string[] = [];
      const command = 'for i in 1 2 3; do echo tick $i >> ticks.log; sleep 0.1; done; echo finished';
      const started = await get().startProcess(command, { onOutput: (chunk) => chunks.push(chunk) });
      expect(started).toEqual({ id: started.id, command, running: true, startedAt: started.startedAt });
      expect(core(await get().exec('echo meanwhile'))).toEqual({ exitCode: 0, output: 'meanwhile\n', timedOut: false });
      const ended = await waitFor(async () => {
        const output = await get().processOutput(started.id);
        return output.running ? undefined : output;
      });
      expect(ended).toEqual({ ...started, running: false, exitCode: 0, output: 'finished\n' });
      expect(await get().readTextFile('ticks.log')).toEqual('tick 1\ntick 2\ntick 3\n');
      expect(chunks.join('')).toEqual('finished\n');
      expect(events.filter((event) => event.type === 'process-exit')).toEqual([
        { type: 'process-exit', id: started.id, exitCode: 0 },
      ]);
    });

    it('lists processes and stops one', async () => {
      const events: SandboxEvent[] = [];
      get().on((event) => events.push(event));
      const loop = await get().startProcess('while true; do echo beat >> beats.log; sleep 0.1; done');
      expect(await get().listProcesses()).toEqual([loop]);
      await get().stopProcess(loop.id);
      const stopped = await get().processOutput(loop.id);
      expect({ running: stopped.running, exited: stopped.exitCode !== undefined }).toEqual({
        running: false,
        exited: true,
      });
      expect(await get().listProcesses()).toEqual([{ ...loop, running: false, exitCode: stopped.exitCode }]);
      expect(events.filter((event) => event.type === 'process-exit')).toEqual([
        { type: 'process-exit', id: loop.id, exitCode: stopped.exitCode },
      ]);
    });

    it('rejects an unknown process id', async () => {
      await expect(get().processOutput('no-such-process')).rejects.toThrow(/no-such-process/);
      await expect(get().stopProcess('no-such-process')).rejects.toThrow(/no-such-process/);
    });
  });
}
