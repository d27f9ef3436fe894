import { describe, expect, it } from 'vitest';
import type { AgentEvent, HumanAnswer, RunEvent } from '../../../src/core';
import { createAgents } from '../../../src/api/agents';
import { MemoryRunStore } from '../../../src/api/memory-store';
import type { DriverHooks, DriverOutcome, RunDefaults, RunDriver, RunJob } from '../../../src/api/types';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import type { Sandbox } from '../../../src/sandbox/sandbox';

const DEFAULTS: RunDefaults = {
  baseURL: 'http://127.0.0.1:9/v1',
  model: 'm',
  apiKey: 'sk-test',
  max_steps: 7,
  human_intervention_threshold: 'high',
};

/** A driver whose runs the test finishes by hand. */
class HandDriver implements RunDriver {
  jobs: { job: RunJob; hooks: DriverHooks; signal: AbortSignal; finish(o: DriverOutcome): void }[] = [];
  run(job: RunJob, hooks: DriverHooks, signal: AbortSignal): Promise<DriverOutcome> {
    return new Promise((resolve) => {
      this.jobs.push({ job, hooks, signal, finish: resolve });
      signal.addEventListener('abort', () => resolve({ status: 'cancelled' }));
    });
  }
}

function setup(sandbox: Promise<Sandbox> = Promise.resolve(new LiteSandbox())) {
  const driver = new HandDriver();
  let clock = 1000;
  let ids = 0;
  const agents = createAgents({
    store: new MemoryRunStore(),
    driver,
    sandbox,
    defaults: () => DEFAULTS,
    now: () => clock++,
    newId: () => `run_${++ids}`,
  });
  return { agents, driver };
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('the in-page Agents API', () => {
  it('returns the run at once, queued until the sandbox is ready, then drives it to the end', async () => {
    let ready!: (s: Sandbox) => void;
    const sandbox = new LiteSandbox();
    const { agents, driver } = setup(new Promise((resolve) => (ready = resolve)));
    const files = { 'a.txt': 'hi', 'src/b.txt': 'there\n' };
    const run = await agents.execute({ instructions: 'make a file', files, max_steps: 3 });
    expect(run).toEqual({
      id: 'run_1',
      instructions: 'make a file',
      status: 'queued',
      max_steps: 3,
      created_at: 1000,
      updated_at: 1001,
      steps: 0,
      outputs: {},
      usage: { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, cost_usd: 0 },
    });
    ready(sandbox);
    await until(() => driver.jobs.length === 1, 'the driver to start');
    const written = await Promise.all(['a.txt', 'src/b.txt'].map((path) => sandbox.readTextFile(path)));
    expect(written).toEqual(['hi', 'there\n']);
    expect(driver.jobs[0].job).toEqual({
      run_id: 'run_1',
      instructions: 'make a file',
      spec: {
        spec: 1,
        model: 'm',
        base_url: DEFAULTS.baseURL,
        tools: ['terminal', 'files', 'human'],
        max_steps: 3,
        human_intervention_threshold: 'high',
        secrets: { api_key: 'api_key' },
      },
      secrets: { api_key: 'sk-test' },
    });
    const { hooks } = driver.jobs[0];
    const events: AgentEvent[] = [
      { type: 'step', step: 1 },
      { type: 'tool_call', call: { id: 'c1', name: 'run_command', arguments: '{"command":"ls -la"}' } },
      { type: 'usage', step: usage(10, 2), total: usage(10, 2) },
      { type: 'tool_call', call: { id: 'c2', name: 'finish', arguments: '{"summary":"done","outputs":{"n":1}}' } },
      { type: 'status', status: 'completed' },
    ];
    for (const event of events) hooks.emit(event);
    driver.jobs[0].finish({ status: 'completed', summary: 'done', outputs: { n: 1 } });
    await until(async () => (await agents.retrieve('run_1')).status === 'completed', 'completed');
    const done = await agents.retrieve('run_1');
    expect({ ...done, created_at: 0, updated_at: 0 }).toEqual({
      id: 'run_1',
      instructions: 'make a file',
      status: 'completed',
      created_at: 0,
      updated_at: 0,
      steps: 1,
      latest_action: { type: 'finish', description: 'done' },
      summary: 'done',
      outputs: { n: 1 },
      usage: usage(10, 2),
      max_steps: 3,
    });
  });

  it('runs one at a time: the second run stays queued until the first ends; list is newest first', async () => {
    const { agents, driver } = setup();
    await agents.execute({ instructions: 'first' });
    await agents.execute({ instructions: 'second' });
    await until(() => driver.jobs.length === 1, 'the first run to start');
    expect((await agents.list()).map((r) => [r.id, r.status])).toEqual([
      ['run_2', 'queued'],
      ['run_1', 'in_progress'],
    ]);
    driver.jobs[0].finish({ status: 'completed', summary: 'ok' });
    await until(() => driver.jobs.length === 2, 'the second run to start');
    expect((await agents.list()).map((r) => [r.id, r.status])).toEqual([
      ['run_2', 'in_progress'],
      ['run_1', 'completed'],
    ]);
  });

  it('cancels a queued run at once and a running one through the driver signal', async () => {
    const { agents, driver } = setup();
    await agents.execute({ instructions: 'first' });
    await agents.execute({ instructions: 'second' });
    await until(() => driver.jobs.length === 1, 'the first run to start');
    expect((await agents.cancel('run_2')).status).toBe('cancelled');
    const cancelled = await agents.cancel('run_1');
    expect([cancelled.status, driver.jobs[0].signal.aborted, driver.jobs.length]).toEqual(['cancelled', true, 1]);
    expect((await agents.cancel('run_1')).status).toBe('cancelled');
  });

  it('stops the background processes of a cancelled run', async () => {
    const sandbox = new LiteSandbox();
    const { agents, driver } = setup(Promise.resolve(sandbox));
    await agents.execute({ instructions: 'serve' });
    await until(() => driver.jobs.length === 1, 'the run to start');
    const started = await sandbox.startProcess('while true; do echo tick >> t.txt; sleep 0.1; done');
    await agents.cancel('run_1');
    await until(async () => !(await sandbox.listProcesses()).some((p) => p.running), 'the process to stop');
    expect((await sandbox.listProcesses()).map((p) => [p.id, p.running])).toEqual([[started.id, false]]);
  });

  it('passes a person\'s answer to the waiting driver and refuses answers when nothing waits', async () => {
    const { agents, driver } = setup();
    await agents.execute({ instructions: 'ask me' });
    await until(() => driver.jobs.length === 1, 'the run to start');
    await expect(agents.respond('run_1', { reply: 'early' })).rejects.toThrow(/not waiting for a person/);
    const { hooks, signal } = driver.jobs[0];
    const answer = hooks.ask({ kind: 'question', call_id: 'c1', question: 'which?' }, signal);
    expect((await agents.retrieve('run_1')).status).toBe('awaiting_human');
    await agents.respond('run_1', { reply: 'the blue one' });
    expect(await answer).toEqual({ reply: 'the blue one' } satisfies HumanAnswer);
    await expect(agents.respond('run_1', { nonsense: 1 } as never)).rejects.toThrow(TypeError);
  });

  it('subscribe replays the events so far, then delivers new ones in order, until unsubscribed', async () => {
    const { agents, driver } = setup();
    await agents.execute({ instructions: 'watch' });
    await until(() => driver.jobs.length === 1, 'the run to start');
    const seen: RunEvent[] = [];
    const stop = agents.subscribe('run_1', (event) => seen.push(event));
    driver.jobs[0].hooks.emit({ type: 'step', step: 1 });
    await until(() => seen.length === 3, 'three events');
    stop();
    driver.jobs[0].hooks.emit({ type: 'step', step: 2 });
    expect(seen.map(({ at: _at, ...rest }) => rest)).toEqual([
      { type: 'status', status: 'queued', run_id: 'run_1', seq: 1 },
      { type: 'status', status: 'in_progress', run_id: 'run_1', seq: 2 },
      { type: 'step', step: 1, run_id: 'run_1', seq: 3 },
    ]);
  });

  it('rejects bad arguments with a TypeError naming the field', async () => {
    const { agents } = setup();
    await expect(agents.execute({ instructions: '  ' })).rejects.toThrow(/instructions/);
    await expect(agents.execute({ instructions: 'x', max_steps: -1 })).rejects.toThrow(/max_steps/);
    await expect(agents.retrieve('nope')).rejects.toThrow(/No run with id "nope"/);
  });
});

function usage(prompt: number, completion: number) {
  return { prompt_tokens: prompt, completion_tokens: completion, cached_tokens: 0, cost_usd: 0 };
}
