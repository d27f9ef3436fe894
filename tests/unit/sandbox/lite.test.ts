import { afterEach, describe, expect, it } from 'vitest';
import { SandboxError } from '../../../src/core/errors';
import { LITE_CAPABILITIES } from '../../../src/sandbox/lite/capabilities';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { describeSandboxContract, unzipText, waitFor } from './contract';
import { zipModes } from './zip-modes';

describeSandboxContract('lite', async () => new LiteSandbox());

describe('LiteSandbox (lite only)', () => {
  const made: LiteSandbox[] = [];
  const make = (options?: ConstructorParameters<typeof LiteSandbox>[0]): LiteSandbox => {
    const sandbox = new LiteSandbox(options);
    made.push(sandbox);
    return sandbox;
  };
  afterEach(async () => {
    await Promise.all(made.splice(0).map((sandbox) => sandbox.dispose()));
  });

  it('gives stdout and stderr apart as well as together', async () => {
    const result = await make().exec('echo out; echo err >&2; exit 2');
    expect(result).toEqual({
      exitCode: 2,
      output: 'out\nerr\n',
      stdout: 'out\n',
      stderr: 'err\n',
      timedOut: false,
      durationMs: result.durationMs,
    });
  });

  it('says a timed-out command lost its output and keeps the shell state it had', async () => {
    const sandbox = make();
    await sandbox.exec('mkdir d && cd d');
    const result = await sandbox.exec('cd /; echo lost; sleep 10', { timeoutMs: 100 });
    expect(result).toEqual({
      exitCode: 124,
      output:
        "[Timed out after 100 ms and stopped. The lite sandbox reports a command's output only when it ends, " +
        'so its output is lost; files it wrote before it stopped remain. ' +
        "The shell's cwd and variables are as before the command.]\n",
      timedOut: true,
      outputLost: true,
      durationMs: result.durationMs,
    });
    expect((await sandbox.exec('pwd')).output).toEqual('/home/project/d\n');
  });

  it('answers an already aborted signal without running the command', async () => {
    const sandbox = make();
    const result = await sandbox.exec('echo ran > ran.txt', { signal: AbortSignal.abort() });
    expect({ exitCode: result.exitCode, timedOut: result.timedOut, outputLost: result.outputLost }).toEqual({
      exitCode: 130,
      timedOut: false,
      outputLost: true,
    });
    expect(await sandbox.exists('ran.txt')).toEqual(false);
  });

  it('caps the output, keeping its head and tail', async () => {
    const sandbox = make({ maxOutputChars: 40 });
    await sandbox.writeFile('big.txt', `${'a'.repeat(50)}${'z'.repeat(50)}`);
    const result = await sandbox.exec('cat big.txt');
    expect(result.droppedChars).toEqual(60);
    expect(result.output).toEqual(
      `${'a'.repeat(20)}\n[… 60 characters dropped: the output passed the sandbox's cap of 40 …]\n${'z'.repeat(20)}`,
    );
  });

  it('ends a busy loop at the loop limit and stays usable', async () => {
    const sandbox = make();
    const result = await sandbox.exec('while true; do :; done');
    expect({ exitCode: result.exitCode, limit: /too many|iterations/.test(result.output) }).toEqual({
      exitCode: 126,
      limit: true,
    });
    expect((await sandbox.exec('echo alive')).output).toEqual('alive\n');
  });

  it('keeps one-command variables to that command, and unset variables unset', async () => {
    const sandbox = make();
    await sandbox.exec('export KEEP=1 DROP=2');
    await sandbox.exec('unset DROP', { env: { ONCE: 'x' } });
    expect((await sandbox.exec('echo "[$KEEP][$DROP][$ONCE]"')).output).toEqual('[1][][]\n');
    await sandbox.exec('true', { cwd: '/tmp' });
    expect((await sandbox.exec('pwd')).output).toEqual('/home/project\n');
  });

  it('says when a running process has not written its file yet', async () => {
    const sandbox = make();
    const process = await sandbox.startProcess('sleep 10; echo late >> later.log');
    expect(await sandbox.processOutput(process.id)).toEqual({
      ...process,
      output:
        "[still running. The lite sandbox learns a process's own output only when it ends; here is the end of " +
        'each file it writes.]\n--- later.log: not written yet ---\n',
    });
  });

  it('reports what a process wrote to a file it appends to', async () => {
    const sandbox = make();
    const process = await sandbox.startProcess('echo one >> out.log; echo two >> out.log; sleep 10');
    await waitFor(async () => ((await sandbox.exists('out.log')) ? true : undefined));
    await waitFor(async () => ((await sandbox.readTextFile('out.log')) === 'one\ntwo\n' ? true : undefined));
    expect(await sandbox.processOutput(process.id)).toEqual({
      ...process,
      output:
        "[still running. The lite sandbox learns a process's own output only when it ends; here is the end of " +
        'each file it writes.]\n--- out.log (last 50 lines) ---\none\ntwo\n',
    });
  });

  it('keeps executable bits in snapshots and in the zip', async () => {
    const sandbox = make();
    await sandbox.exec("printf '#!/bin/sh\\necho hi\\n' > run.sh && chmod +x run.sh && echo x > plain.txt");
    const snapshot = await sandbox.snapshot();
    expect(snapshot.files.map((file) => [file.path, file.mode])).toEqual([
      ['plain.txt', 0o644],
      ['run.sh', 0o755],
    ]);
    const zip = await sandbox.exportZip();
    expect(zipModes(zip)).toEqual({ 'plain.txt': 0o100644, 'run.sh': 0o100755 });
    expect(unzipText(zip)).toEqual({ 'plain.txt': 'x\n', 'run.sh': '#!/bin/sh\necho hi\n' });

    const other = make();
    await other.restore(snapshot);
    expect((await other.exec('stat -c %a run.sh')).output).toEqual('755\n');
  });

  it('keeps empty directories in the zip', async () => {
    const sandbox = make();
    await sandbox.exec('mkdir -p empty/inner full && echo f > full/f.txt');
    expect(Object.keys(zipModes(await sandbox.exportZip())).sort()).toEqual(['empty/inner/', 'full/f.txt']);
  });

  it('stops processes on restore', async () => {
    const sandbox = make();
    const process = await sandbox.startProcess('sleep 10');
    await sandbox.restore({ files: [], dirs: [] });
    expect((await sandbox.processOutput(process.id)).running).toEqual(false);
  });

  it('counts file changes, not reads', async () => {
    const sandbox = make();
    const start = sandbox.changeCount;
    await sandbox.exec('cat /dev/null; ls');
    await sandbox.readTextFile('.').catch(() => undefined);
    expect(sandbox.changeCount).toEqual(start);
    await sandbox.exec('echo x > x.txt');
    expect(sandbox.changeCount).toBeGreaterThan(start);
  });

  it('says what it can and cannot run', () => {
    expect(make().capabilities).toEqual(LITE_CAPABILITIES);
    expect(LITE_CAPABILITIES).toEqual({
      summary: expect.stringMatching(/python3 \(and python\) is CPython 3\.14 on Pyodide.*node is QuickJS, not Node\.js.*no npm or npx.*git works for local work.*NO curl.*Servers cannot run here/s),
      node: false,
      network: false,
      processes: true,
      servers: false,
    });
  });

  it('refuses to work once disposed', async () => {
    const sandbox = make();
    await sandbox.dispose();
    await expect(sandbox.exec('echo hi')).rejects.toThrow(SandboxError);
    await expect(sandbox.readTextFile('x')).rejects.toThrow(/disposed/);
  });

  it("has the same commands in Node as in the browser: no tar, gzip or sqlite3; python3 and node are ours", async () => {
    const script = 'for c in tar gzip sqlite3 python3 node jq; do type $c >/dev/null 2>&1 && echo "$c yes" || echo "$c no"; done';
    const result = await make().exec(script);
    expect(result.output).toEqual('tar no\ngzip no\nsqlite3 no\npython3 yes\nnode yes\njq yes\n');
  });

  it('refuses to remove the work dir itself', async () => {
    await expect(make().remove('.', { recursive: true })).rejects.toThrow(/work dir itself/);
  });
});
