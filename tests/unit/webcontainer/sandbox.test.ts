import { describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../../src/sandbox/sandbox';
import { WebContainerSandbox } from '../../../src/sandbox/webcontainer/sandbox';
import { unzipSync } from 'fflate';
import { FakeWebContainer, type GlobReading } from './fake-container';
import { loadTranscripts, phases, replayProcess } from './transcripts';

const fixedClock = () => 1_000;

async function make() {
  const container = await new FakeWebContainer().init();
  const sandbox = await WebContainerSandbox.create(container, { now: fixedClock });
  const events: SandboxEvent[] = [];
  sandbox.on((event) => events.push(event));
  return { container, sandbox, events };
}

describe('WebContainerSandbox over the stand-in', () => {
  it('spawns one wide jsh --osc session and keeps using it', async () => {
    const { container, sandbox } = await make();
    await sandbox.exec('echo a');
    await sandbox.exec('echo b');
    expect(container.spawned).toEqual([{ command: '/bin/jsh', args: ['--osc'], options: { env: { npm_config_yes: 'true', CI: 'true' }, terminal: { cols: 1000, rows: 40 } } }]);
    await sandbox.dispose();
    expect(container.tornDown).toEqual(true);
  });

  it('tells the model when the shell died and its state was lost, then runs in a new session', async () => {
    const { container, sandbox } = await make();
    await sandbox.exec('cd /tmp');
    container.crashShells(1);
    expect(await sandbox.exec('pwd')).toEqual({
      exitCode: 0,
      output:
        '/home/project\n[the shell session ended (exit code 1) and a new one was started: ' +
        'the working directory and exported variables were reset]\n',
      timedOut: false,
      durationMs: 0,
    });
    expect(container.spawned.length).toEqual(2);
  });

  it('runs exit in a child shell so the session and its state survive', async () => {
    const { sandbox } = await make();
    await sandbox.exec('export KEPT=yes');
    expect(await sandbox.exec('exit 4')).toEqual({ exitCode: 4, output: '', timedOut: false, durationMs: 0 });
    expect((await sandbox.exec('echo $KEPT')).output).toEqual('yes\n');
  });

  it('turns server-ready, port, preview-message and error into SandboxEvents', async () => {
    const { container, sandbox, events } = await make();
    container.emit('server-ready', 5173, 'https://abc-5173.local-credentialless.webcontainer-api.io');
    container.emit('port', 5173, 'open', 'https://abc-5173.local-credentialless.webcontainer-api.io');
    container.emit('port', 3000, 'open', 'https://abc-3000.local-credentialless.webcontainer-api.io');
    container.emit('preview-message', {
      type: 'PREVIEW_UNCAUGHT_EXCEPTION',
      previewId: 'x',
      port: 5173,
      pathname: '/',
      search: '',
      hash: '',
      message: 'ReferenceError: foo is not defined',
      stack: 'at main.js:3:1',
    });
    container.emit('preview-message', { type: 'PREVIEW_CONSOLE_ERROR', port: 3000, pathname: '/api', args: ['bad', { code: 1 }], stack: '' });
    container.emit('port', 3000, 'close', '');
    container.emit('port', 3000, 'close', '');
    container.emit('error', { message: 'out of memory' });
    expect(events).toEqual([
      { type: 'preview-open', preview: { port: 5173, url: 'https://abc-5173.local-credentialless.webcontainer-api.io' } },
      { type: 'preview-open', preview: { port: 3000, url: 'https://abc-3000.local-credentialless.webcontainer-api.io' } },
      {
        type: 'preview-error',
        port: 5173,
        message: 'Uncaught exception in the preview of port 5173 (/): ReferenceError: foo is not defined\nat main.js:3:1',
      },
      { type: 'preview-error', port: 3000, message: 'console.error in the preview of port 3000 (/api): bad {"code":1}' },
      { type: 'preview-close', port: 3000 },
      { type: 'error', message: 'WebContainer error: out of memory' },
    ]);
    await sandbox.dispose();
    expect(container.listenerCount()).toEqual(0);
  });

  it('reports a crashed process with its exit code', async () => {
    const { sandbox, events } = await make();
    const started = await sandbox.startProcess('echo starting; exit 7');
    const deadline = Date.now() + 5_000;
    while ((await sandbox.processOutput(started.id)).running && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(await sandbox.processOutput(started.id)).toEqual({ ...started, running: false, exitCode: 7, output: 'starting\n' });
    expect(events.filter((event) => event.type !== 'process-output')).toEqual([{ type: 'process-exit', id: started.id, exitCode: 7 }]);
  });

  it('zips from the filtered snapshot, asking export for globs that cover every reading', async () => {
    const calls: unknown[] = [];
    const container = await new FakeWebContainer().init();
    const original = container.export.bind(container) as (path: string, options: object) => Promise<unknown>;
    (container as { export: unknown }).export = (path: string, options: object) => {
      calls.push([path, options]);
      return original(path, options);
    };
    const sandbox = await WebContainerSandbox.create(container);
    await sandbox.exportZip({ excludes: ['node_modules', '.git/objects'] });
    const under = (base: string) => [base, `${base}/**`, `${base}/**/.*`, `${base}/**/.*/**`];
    expect(calls).toEqual([
      ['.', { format: 'json', excludes: [...under('node_modules'), ...under('**/node_modules'), ...under('.git/objects'), ...under('/home/project/.git/objects'), ...under('.autopilot-exec'), ...under('**/.autopilot-exec')] }],
    ]);
  });
});

describe('export excludes, whichever way WebContainer matches its globs', () => {
  const tree = {
    'src/a.ts': 'a',
    '.git/HEAD': 'ref',
    '.git/objects/ab/cd': 'object',
    'node_modules/x/index.js': 'x',
    'node_modules/.bin/tool': 'tool',
    'node_modules/.package-lock.json': '{}',
    '.cache/node_modules/y.js': 'y',
    'pkg/node_modules/.hidden/z.js': 'z',
  };
  const readings: GlobReading[] = [
    { paths: 'relative', dot: true },
    { paths: 'relative', dot: false },
    { paths: 'absolute', dot: true },
    { paths: 'absolute', dot: false },
  ];

  it.each(readings)('leaves out node_modules and .git/objects (paths %s)', async (globs) => {
    const container = await new FakeWebContainer({ globs }).init();
    const sandbox = await WebContainerSandbox.create(container);
    for (const [path, text] of Object.entries(tree)) await sandbox.writeFile(path, text);
    const excludes = ['node_modules', '.git/objects'];
    const zipped = Object.keys(unzipSync(await sandbox.exportZip({ excludes }))).filter((name) => !name.endsWith('/')).sort();
    const snapshot = (await sandbox.snapshot({ excludes })).files.map((file) => file.path).sort();
    expect({ zipped, snapshot }).toEqual({ zipped: ['.git/HEAD', 'src/a.ts'], snapshot: ['.git/HEAD', 'src/a.ts'] });
  });
});

describe('WebContainerSandbox replaying a recorded transcript', () => {
  it('gives the recorded results through exec', async () => {
    const transcript = loadTranscripts().find((t) => t.name === 'npm-progress')!;
    const { process, typed } = replayProcess(phases(transcript));
    const container = await new FakeWebContainer({ replayShell: () => process }).init();
    const sandbox = await WebContainerSandbox.create(container, { now: fixedClock });
    const results = [];
    for (const command of transcript.commands) results.push(await sandbox.exec(command.input));
    expect(results).toEqual(
      transcript.commands.map((command) => ({ exitCode: command.expect.exitCode, output: command.expect.output, timedOut: false, durationMs: 0 })),
    );
    expect(typed).toEqual(['npm install\n', 'npm run build\n']);
  });
});

describe('start_process in WebContainer', () => {
  async function waitExit(sandbox: WebContainerSandbox, id: string) {
    const deadline = Date.now() + 5_000;
    while ((await sandbox.processOutput(id)).running && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    return sandbox.processOutput(id);
  }

  it("starts where the agent's shell stands, with what it exported (not at the work-dir root)", async () => {
    const { container, sandbox } = await make();
    await sandbox.exec('mkdir -p my-app && cd my-app');
    await sandbox.exec("export GREETING='hi there' PORT=4000");
    const started = await sandbox.startProcess('pwd; echo "$GREETING $PORT $npm_config_yes"');
    expect((await waitExit(sandbox, started.id)).output).toEqual('/home/project/my-app\nhi there 4000 true\n');
    expect(container.spawned.at(-1)).toEqual({
      command: '/bin/jsh',
      args: ['-c', 'pwd; echo "$GREETING $PORT $npm_config_yes"'],
      options: { cwd: 'my-app', env: { npm_config_yes: 'true', CI: 'true', GREETING: 'hi there', PORT: '4000' }, terminal: { cols: 1000, rows: 40 } },
    });
  });

  it('forgets the exports of a session that died', async () => {
    const { container, sandbox } = await make();
    await sandbox.exec('export SECRETLESS=1');
    container.crashShells(1);
    await sandbox.exec('true');
    await sandbox.startProcess('true');
    expect(container.spawned.at(-1)?.options?.env).toEqual({ npm_config_yes: 'true', CI: 'true' });
  });
});

describe('preview errors reaching the model', () => {
  it('are short: the text cut at 300 characters, the stack at its top three frames', async () => {
    const { container, sandbox, events } = await make();
    container.emit('preview-message', {
      type: 'PREVIEW_UNHANDLED_REJECTION',
      port: 5173,
      pathname: '/app',
      message: `TypeError: ${'x'.repeat(400)}`,
      stack: 'at a (a.js:1:1)\n  at b (b.js:2:2)\nat c (c.js:3:3)\nat d (d.js:4:4)\nat e (e.js:5:5)',
    });
    expect(events).toEqual([
      {
        type: 'preview-error',
        port: 5173,
        message:
          `Unhandled promise rejection in the preview of port 5173 (/app): TypeError: ${'x'.repeat(289)}… (111 more characters)\n` +
          'at a (a.js:1:1)\nat b (b.js:2:2)\nat c (c.js:3:3)\n(2 more frames)',
      },
    ]);
  });
});

describe('when a process exits but its output stream never ends (as the real one may)', () => {
  it('a crashed process is reported as exited, with its exit code and output', async () => {
    const container = await new FakeWebContainer({ outputOutlivesExit: true }).init();
    const sandbox = await WebContainerSandbox.create(container, { now: fixedClock });
    const events: SandboxEvent[] = [];
    sandbox.on((event) => events.push(event));
    const started = await sandbox.startProcess('echo starting; exit 7');
    const deadline = Date.now() + 3_000;
    while ((await sandbox.processOutput(started.id)).running && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(await sandbox.processOutput(started.id)).toEqual({ ...started, running: false, exitCode: 7, output: 'starting\n' });
    expect(events.filter((event) => event.type === 'process-exit')).toEqual([{ type: 'process-exit', id: started.id, exitCode: 7 }]);
  });

  it('a dead jsh session is found at once and replaced, with the note, instead of costing the next command its timeout', async () => {
    const container = await new FakeWebContainer({ outputOutlivesExit: true }).init();
    const sandbox = await WebContainerSandbox.create(container, { now: fixedClock });
    container.crashShells(1);
    await new Promise((r) => setTimeout(r, 400));
    const started = Date.now();
    const result = await sandbox.exec('echo back', { timeoutMs: 10_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toEqual({
      exitCode: 0,
      output:
        'back\n[the shell session ended (exit code 1) and a new one was started: the working directory and exported variables were reset]\n',
      timedOut: false,
      durationMs: 0,
    });
  });
});

describe('a command that waits for input', () => {
  it('tells the model the command wanted input and how to avoid it', async () => {
    const prompt = '\x1b]654;prompt\x07\r\n~/project\r\n❯ ';
    const { process } = replayProcess([
      [`\x1b]654;interactive\x07${prompt}`],
      ['npx create-vite app\r\n', 'Ok to proceed? (y) '],
      ['^C\r\n\x1b]654;exit=41:130\x07', prompt],
    ]);
    const container = await new FakeWebContainer({ replayShell: () => process }).init();
    const sandbox = await WebContainerSandbox.create(container, { now: fixedClock, timings: { readyMs: 2_000, interruptMs: 2_000, promptMs: 200, inputWaitMs: 200 } });
    expect(await sandbox.exec('npx create-vite app', { timeoutMs: 30_000 })).toEqual({
      exitCode: 130,
      output:
        'Ok to proceed? (y) ^C\n[the command stopped at a question and waited for input ("Ok to proceed? (y)"), so it was interrupted: ' +
        'nobody can type into it. Run it non-interactively (a --yes/-y flag, or its options on the command line)]\n',
      timedOut: false,
      durationMs: 0,
    });
  });

  it('a silent command whose last line is no question just runs on', async () => {
    const container = await new FakeWebContainer().init();
    const sandbox = await WebContainerSandbox.create(container, { now: fixedClock, timings: { readyMs: 2_000, interruptMs: 2_000, promptMs: 200, inputWaitMs: 100 } });
    expect(await sandbox.exec("echo 'building...'; sleep 0.5; echo done")).toEqual({ exitCode: 0, output: 'building...\ndone\n', timedOut: false, durationMs: 0 });
  });
});

describe('listing a WebContainer work dir', () => {
  it('lists node_modules without entering it, reads no file, and reads folders in parallel', async () => {
    const container = await new FakeWebContainer().init();
    const sandbox = await WebContainerSandbox.create(container, { now: fixedClock });
    await sandbox.writeFile('a/x.txt', 'x');
    await sandbox.writeFile('b/y.txt', 'y');
    await sandbox.writeFile('node_modules/dep/index.js', 'module.exports = 1');
    const reads: string[] = [];
    let inFlight = 0;
    let most = 0;
    const { readdir, readFile } = container.fs;
    container.fs.readFile = (path) => (reads.push(path), readFile(path));
    container.fs.readdir = async (path, options) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      try {
        return await readdir(path, options);
      } finally {
        inFlight--;
      }
    };
    expect(await sandbox.list()).toEqual([
      { path: 'a', type: 'dir' },
      { path: 'a/x.txt', type: 'file' },
      { path: 'b', type: 'dir' },
      { path: 'b/y.txt', type: 'file' },
      { path: 'node_modules', type: 'dir' },
    ]);
    expect(await sandbox.list('node_modules')).toEqual([
      { path: 'node_modules/dep', type: 'dir' },
      { path: 'node_modules/dep/index.js', type: 'file' },
    ]);
    expect([reads, most >= 2]).toEqual([[], true]);
  });
});

describe('stopping a server whose port stays open', () => {
  it('says which port is still held, so the model looks for the port the next server really uses', async () => {
    const { container, sandbox, events } = await make();
    const server = await sandbox.startProcess('sleep 30');
    container.emit('port', 5173, 'open', 'https://x-5173.local');
    const other = await sandbox.startProcess('sleep 30');
    container.emit('port', 3000, 'open', 'https://x-3000.local');
    container.emit('port', 3000, 'close', '');
    await sandbox.stopProcess(other.id);
    await sandbox.stopProcess(server.id);
    expect(events.filter((event) => event.type === 'error')).toEqual([
      {
        type: 'error',
        message:
          `Process ${server.id} was stopped, but port 5173 is still open (a child process may still hold it): a server started ` +
          'next may listen on another port — read its output for the port it actually uses.',
      },
    ]);
  });
});

describe('syntax jsh may refuse (2>&1, a quoted string over several lines), whichever way jsh behaves', () => {
  async function withReading(refuses?: RegExp) {
    const container = await new FakeWebContainer({ refuses }).init();
    return WebContainerSandbox.create(container, { now: fixedClock });
  }
  const multiLine = "echo 'line one\nline two'";

  it('runs them as they are where jsh takes them (stderr in the output, both lines)', async () => {
    const sandbox = await withReading();
    expect(await sandbox.exec('ls nowhere 2>&1')).toMatchObject({ exitCode: 2, output: expect.stringContaining('nowhere') });
    expect((await sandbox.exec('ls nowhere 2>&1')).output).not.toContain('refused');
    expect(await sandbox.exec(multiLine)).toMatchObject({ exitCode: 0, output: 'line one\nline two\n' });
  });

  it('says what jsh refused and what to do instead where it refuses them', async () => {
    const sandbox = await withReading(/\d>&\d|'[^']*\n[^']*'/);
    const redirect = await sandbox.exec('ls nowhere 2>&1');
    expect(redirect.exitCode).toBe(1);
    expect(redirect.output).toBe(
      'jsh: unsupported shell syntax\n[jsh (the WebContainer shell, not bash) refused this command\'s syntax. It uses `2>&1` (or `&>`): this terminal already shows stderr with stdout, so drop it (to filter both, do the step in node).]\n',
    );
    const lines = await sandbox.exec(multiLine);
    expect(lines.exitCode).toBe(1);
    expect(lines.output).toContain('It uses a quoted string over several lines: write the text with write_file, or use "\\n" inside node -e.');
    // the session goes on: the next plain command runs
    expect(await sandbox.exec('echo still here')).toMatchObject({ exitCode: 0, output: 'still here\n' });
  });
});
