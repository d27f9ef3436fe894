import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LiteWorkerSandbox, restartNote } from '../../../src/bridge/lite-worker-sandbox';
import type { SandboxEvent } from '../../../src/sandbox/sandbox';
import { describeSandboxContract, waitFor } from './contract';
import { buildNodeWorker, nodeWorkerFactory, type BuiltWorker } from './node-worker';

let built: BuiltWorker;
beforeAll(async () => {
  built = await buildNodeWorker();
});
afterAll(async () => {
  await built.remove();
});

describeSandboxContract(
  'lite in a worker',
  async () => new LiteWorkerSandbox({ workerFactory: nodeWorkerFactory(built.path) }),
);

describe('LiteWorkerSandbox kill switch', () => {
  const busy = { limits: { maxCommandCount: 1e9, maxLoopIterations: 1e9, maxExecutionTimeMs: 600_000 } };
  let sandbox: LiteWorkerSandbox | undefined;
  afterEach(async () => {
    await sandbox?.dispose();
    sandbox = undefined;
  });

  it('kills a worker that does not stop at the timeout, restores the last snapshot and resets the shell', async () => {
    const factory = nodeWorkerFactory(built.path, busy);
    sandbox = new LiteWorkerSandbox({ workerFactory: factory });
    await sandbox.exec('mkdir sub && echo kept > sub/kept.txt && cd sub && export V=1');
    const chunks: string[] = [];
    const result = await sandbox.exec('echo lost > lost.txt; while true; do :; done', {
      timeoutMs: 300,
      onOutput: (chunk) => chunks.push(chunk),
    });
    expect(result).toEqual({
      exitCode: 124,
      output: restartNote('timeout', 300),
      timedOut: true,
      outputLost: true,
      durationMs: result.durationMs,
    });
    expect(chunks).toEqual([restartNote('timeout', 300)]);
    const after = await sandbox.exec('pwd; echo "[$V]"; ls; cat sub/kept.txt');
    expect(after.output).toEqual('/home/project\n[]\nsub\nkept\n');
    expect(factory.started).toEqual(2);
  });

  it('kills a busy worker when the signal aborts, and ends its processes', async () => {
    const factory = nodeWorkerFactory(built.path, busy);
    sandbox = new LiteWorkerSandbox({ workerFactory: factory });
    const events: SandboxEvent[] = [];
    sandbox.on((event) => events.push(event));
    const process = await sandbox.startProcess('sleep 30');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await sandbox.exec('while true; do :; done', { signal: controller.signal });
    expect(result).toEqual({
      exitCode: 130,
      output: restartNote('abort'),
      timedOut: false,
      outputLost: true,
      durationMs: result.durationMs,
    });
    const killed = { ...process, running: false, exitCode: 137 };
    expect(await sandbox.processOutput(process.id)).toEqual({
      ...killed,
      output: '[stopped: the lite sandbox was restarted to stop a command that did not respond]\n',
    });
    expect(await sandbox.listProcesses()).toEqual([killed]);
    expect(events).toEqual([{ type: 'process-exit', id: process.id, exitCode: 137 }]);
    const next = await sandbox.startProcess('echo fresh');
    expect(next).toEqual({ id: 'p2', command: 'echo fresh', running: false, exitCode: 0, startedAt: next.startedAt });
    expect(factory.started).toEqual(2);
  });

  it('keeps files written just before a command that had to be killed (the snapshot is current when code starts)', async () => {
    const factory = nodeWorkerFactory(built.path, busy);
    sandbox = new LiteWorkerSandbox({ workerFactory: factory });
    await sandbox.writeFile('written.txt', 'kept\n');
    await sandbox.exec('while true; do :; done', { timeoutMs: 300 });
    expect([(await sandbox.exec('cat written.txt')).output, factory.started]).toEqual(['kept\n', 2]);
  });

  it('lets a worker that answers the stop keep running', async () => {
    const factory = nodeWorkerFactory(built.path);
    sandbox = new LiteWorkerSandbox({ workerFactory: factory });
    await sandbox.exec('export KEEP=1');
    const result = await sandbox.exec('sleep 10', { signal: AbortSignal.timeout(100) });
    expect({ exitCode: result.exitCode, restarted: result.output.includes('restarted') }).toEqual({
      exitCode: 130,
      restarted: false,
    });
    expect((await sandbox.exec('echo "[$KEEP]"')).output).toEqual('[1]\n');
    expect(factory.started).toEqual(1);
  });

  it('reports a quick process and its exit, with the ids it hands out', async () => {
    sandbox = new LiteWorkerSandbox({ workerFactory: nodeWorkerFactory(built.path) });
    const events: SandboxEvent[] = [];
    sandbox.on((event) => events.push(event));
    const chunks: string[] = [];
    const process = await sandbox.startProcess('echo quick', { onOutput: (chunk) => chunks.push(chunk) });
    const { startedAt } = process;
    expect(process).toEqual({ id: 'p1', command: 'echo quick', running: false, exitCode: 0, startedAt });
    await waitFor(async () => (events.length === 2 ? true : undefined));
    expect(events).toEqual([
      { type: 'process-output', id: 'p1', data: 'quick\n' },
      { type: 'process-exit', id: 'p1', exitCode: 0 },
    ]);
    expect(chunks).toEqual(['quick\n']);
  });

  it('fails pending calls clearly when the worker cannot load', async () => {
    sandbox = new LiteWorkerSandbox({
      workerFactory: (on) => ({
        endpoint: { postMessage: () => queueMicrotask(() => on.error('no such script')), addEventListener: () => undefined, removeEventListener: () => undefined },
        terminate: () => undefined,
      }),
      restoreTimeoutMs: 100,
    });
    await expect(sandbox.readTextFile('a.txt')).rejects.toThrow(
      "The lite sandbox's worker failed: no such script. Reload the page to retry.",
    );
  });
});
