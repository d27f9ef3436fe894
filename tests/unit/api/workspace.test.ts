import { describe, expect, it } from 'vitest';
import { createAgents } from '../../../src/api/agents';
import { MemoryRunStore } from '../../../src/api/memory-store';
import type { DriverHooks, DriverOutcome, RunDriver, RunJob } from '../../../src/api/types';
import { createWorkspace } from '../../../src/api/workspace';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import type { SandboxEvent } from '../../../src/sandbox/sandbox';

/** A driver that writes a file through the sandbox and reports the tool result, as the loop would. */
function writingDriver(sandbox: LiteSandbox): RunDriver {
  return {
    async run(_job: RunJob, hooks: DriverHooks): Promise<DriverOutcome> {
      await sandbox.writeFile('out/a.txt', 'A');
      hooks.emit({ type: 'tool_result', call_id: 'c1', name: 'write_file', ok: true, observation: 'ok' });
      return { status: 'completed', summary: 'wrote' };
    },
  };
}

describe('the workspace the UI sees', () => {
  it('lists, reads and zips the work dir, and says when a run may have changed it', async () => {
    const sandbox = new LiteSandbox();
    const ready = Promise.resolve(sandbox);
    const agents = createAgents({
      store: new MemoryRunStore(),
      driver: writingDriver(sandbox),
      sandbox: ready,
      defaults: () => ({ baseURL: 'http://x/v1', model: 'm', max_steps: 3, human_intervention_threshold: 'high' }),
    });
    const workspace = createWorkspace(ready, agents, 10);
    let changes = 0;
    const changed = new Promise<void>((resolve) => workspace.onChange(() => (changes++, resolve())));
    await agents.execute({ instructions: 'write' });
    await Promise.race([changed, new Promise((_, reject) => setTimeout(() => reject(new Error('no change notice')), 2_000))]);
    const zip = await workspace.exportZip();
    expect([
      (await workspace.list()).filter((e) => e.type === 'file').map((e) => e.path),
      await workspace.readTextFile('out/a.txt'),
      changes >= 1,
      [zip[0], zip[1]],
    ]).toEqual([['out/a.txt'], 'A', true, [0x50, 0x4b]]);
  });

  it('passes the sandbox\'s own events on until unsubscribed', async () => {
    const listeners = new Set<(event: SandboxEvent) => void>();
    const fake = { on: (listener: (event: SandboxEvent) => void) => (listeners.add(listener), () => listeners.delete(listener)) };
    const ready = Promise.resolve(fake as never);
    const agents = createAgents({
      store: new MemoryRunStore(),
      driver: { run: async () => ({ status: 'completed' }) },
      sandbox: ready,
      defaults: () => ({ baseURL: 'http://x/v1', model: 'm', max_steps: 3, human_intervention_threshold: 'high' }),
    });
    const seen: SandboxEvent[] = [];
    const stop = createWorkspace(ready, agents).onSandboxEvent((event) => seen.push(event));
    await ready;
    await Promise.resolve();
    for (const listener of listeners) listener({ type: 'preview-open', preview: { port: 3000, url: 'https://p.example' } });
    stop();
    for (const listener of listeners) listener({ type: 'preview-close', port: 3000 });
    expect([seen, listeners.size]).toEqual([[{ type: 'preview-open', preview: { port: 3000, url: 'https://p.example' } }], 0]);
  });
});

/** A driver whose run waits until `release` is called (or the run is stopped). */
function waitingDriver(): { driver: RunDriver; started: Promise<void>; release: () => void } {
  let release = () => {};
  let started = () => {};
  const startedPromise = new Promise<void>((resolve) => (started = resolve));
  const driver: RunDriver = {
    run: (_job, _hooks, signal) =>
      new Promise<DriverOutcome>((resolve) => {
        started();
        release = () => resolve({ status: 'completed' });
        signal.addEventListener('abort', () => resolve({ status: 'cancelled' }), { once: true });
      }),
  };
  return { driver, started: startedPromise, release: () => release() };
}

/** Resolves when `promise` does, rejects after `ms` with what was awaited. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms))]);
}

describe('resetting the workspace', () => {
  const defaults = () => ({ baseURL: 'http://x/v1', model: 'm', max_steps: 3, human_intervention_threshold: 'high' as const });

  it('stops every background process and empties the work dir, and says so to listeners', async () => {
    const sandbox = new LiteSandbox();
    const ready = Promise.resolve(sandbox);
    const agents = createAgents({ store: new MemoryRunStore(), driver: writingDriver(sandbox), sandbox: ready, defaults });
    const workspace = createWorkspace(ready, agents, 10);
    await sandbox.writeFile('src/main.sh', 'echo hi');
    await sandbox.startProcess('while true; do echo tick >> ticks.txt; sleep 0.05; done');
    const before = {
      files: (await workspace.list()).map((entry) => entry.path).sort(),
      running: (await sandbox.listProcesses()).filter((info) => info.running).map((info) => info.id),
    };
    const changed = new Promise<void>((resolve) => workspace.onChange(resolve));
    await workspace.reset(new AbortController().signal);
    await within(changed, 2_000, 'change notice');
    await new Promise((resolve) => setTimeout(resolve, 200)); // a loop still running would write ticks.txt again
    const after = {
      files: await workspace.list(),
      processes: (await sandbox.listProcesses()).map(({ id, running, exitCode }) => ({ id, running, exitCode })),
    };
    expect({ before, after }).toEqual({
      before: { files: ['src', 'src/main.sh', 'ticks.txt'], running: ['p1'] },
      after: { files: [], processes: [{ id: 'p1', running: false, exitCode: 143 }] },
    });
  });

  it('is refused while a run is working, and works once it has ended', async () => {
    const sandbox = new LiteSandbox();
    const ready = Promise.resolve(sandbox);
    const waiting = waitingDriver();
    const agents = createAgents({ store: new MemoryRunStore(), driver: waiting.driver, sandbox: ready, defaults });
    const workspace = createWorkspace(ready, agents, 10);
    await sandbox.writeFile('keep.txt', 'kept');
    const run = await agents.execute({ instructions: 'wait' });
    await within(waiting.started, 2_000, 'run start');
    const refused = await workspace.reset(new AbortController().signal).then(
      () => 'reset',
      (error: Error) => error.message,
    );
    const filesWhileRunning = (await workspace.list()).map((entry) => entry.path);
    waiting.release();
    const ended = await within(waitUntilFinal(agents, run.id), 2_000, 'run end');
    await workspace.reset(new AbortController().signal);
    expect({ refused, filesWhileRunning, ended, after: await workspace.list(), held: agents.workdirRunId() }).toEqual({
      refused: `Run "${run.id}" is working in this workspace: stop it, or wait for it to end, then try again.`,
      filesWhileRunning: ['keep.txt'],
      ended: 'completed',
      after: [],
      held: undefined,
    });
  });
});

describe('changing the work dir outside any run', () => {
  it('holds a run queued meanwhile until the change is done', async () => {
    const sandbox = new LiteSandbox();
    const ready = Promise.resolve(sandbox);
    const starts: string[] = [];
    const driver: RunDriver = { run: async (job) => (starts.push(job.run_id), { status: 'completed' }) };
    const agents = createAgents({
      store: new MemoryRunStore(),
      driver,
      sandbox: ready,
      defaults: () => ({ baseURL: 'http://x/v1', model: 'm', max_steps: 3, human_intervention_threshold: 'high' }),
    });
    let finish = () => {};
    const changing = agents.replaceWorkdir(() => new Promise<void>((resolve) => (finish = resolve)));
    const run = await agents.execute({ instructions: 'after the change' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const startedDuring = [...starts];
    finish();
    await changing;
    const ended = await within(waitUntilFinal(agents, run.id), 2_000, 'run end');
    expect({ startedDuring, starts, ended }).toEqual({ startedDuring: [], starts: [run.id], ended: 'completed' });
  });
});

/** The run's status once it is final. */
async function waitUntilFinal(agents: ReturnType<typeof createAgents>, id: string): Promise<string> {
  for (;;) {
    const { status } = await agents.retrieve(id);
    if (['completed', 'failed', 'cancelled'].includes(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
