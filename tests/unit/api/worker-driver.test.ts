/**
 * The page ↔ agent-worker bridge in Node: the Agents API over the WorkerDriver, the worker's API exposed on
 * the other end of a MessageChannel (as in the browser, minus the thread), the real loop, the real lite
 * sandbox and the real openai SDK against the scripted server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/core';
import { createAgents } from '../../../src/api/agents';
import { MemoryRunStore } from '../../../src/api/memory-store';
import { expose } from '../../../src/bridge/rpc';
import type { RunDefaults } from '../../../src/api/types';
import { WorkerDriver, type AgentWorkerApi } from '../../../src/bridge/worker-driver';
import { createAgentWorkerApi } from '../../../src/bridge/worker-runner';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { startScriptedServer, type Script, type ScriptedServer } from '../../fixtures/scripted-server';

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A "worker" that is one end of a MessageChannel, with the worker's API on the other end. */
function channelWorker(api: AgentWorkerApi, terminated: { count: number }): Worker {
  const { port1, port2 } = new MessageChannel();
  expose(api, port2 as never);
  return Object.assign(port1, {
    terminate() {
      terminated.count++;
      port1.close();
      port2.close();
    },
  }) as unknown as Worker;
}

async function setup(script: Script, api: () => AgentWorkerApi = createAgentWorkerApi, cancelGraceMs = 1_500) {
  const server = await startScriptedServer(script);
  servers.push(server);
  const terminated = { count: 0 };
  const sandbox = Promise.resolve(new LiteSandbox());
  const defaults: RunDefaults = {
    baseURL: server.baseURL,
    model: 'scripted-model',
    apiKey: 'sk-secret-123',
    max_steps: 10,
    human_intervention_threshold: 'never',
  };
  const driver = new WorkerDriver({ makeWorker: () => channelWorker(api(), terminated), sandbox, cancelGraceMs });
  const agents = createAgents({ store: new MemoryRunStore(), driver, sandbox, defaults: () => defaults });
  return { server, agents, terminated, driver };
}

async function untilFinal(agents: ReturnType<typeof createAgents>, id: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const run = await agents.retrieve(id);
    if (['completed', 'failed', 'cancelled'].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run still ${run.status} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the agent worker bridge', () => {
  it('runs the loop across the channel: events in order, output before result, the key only in the request', async () => {
    const { server, agents, driver } = await setup([
      { tool_calls: [{ name: 'run_command', arguments: { command: 'printf "a\\nb\\n" > f.txt && wc -l < f.txt' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Counted.', outputs: { lines: 2 } } }] },
    ]);
    const run = await agents.execute({ instructions: 'count' });
    const events: RunEvent[] = [];
    agents.subscribe(run.id, (event) => events.push(event));
    const done = await untilFinal(agents, run.id);
    driver.dispose();

    expect([done.status, done.summary, done.outputs, done.steps]).toEqual(['completed', 'Counted.', { lines: 2 }, 2]);
    const shape = events
      .filter((e) => !['text_delta', 'usage', 'assistant_message', 'risk'].includes(e.type))
      .map((e) => (e.type === 'status' ? `status:${e.status}` : e.type === 'tool_output' ? `output:${e.data.trim()}` : e.type));
    expect(shape).toEqual([
      'status:queued',
      'status:in_progress',
      'notice', // the context window: a default, as scripted-model is in no table and the server reports none
      'step',
      'tool_call_delta', // the arguments' 4-character deltas, gathered into one event before they crossed
      'tool_call',
      'output:2',
      'tool_result',
      'files_changed', // step 1 wrote f.txt
      'step',
      'tool_call_delta',
      'tool_call',
      'tool_result',
      'status:completed',
    ]);
    const streamed = events.filter((e) => e.type === 'tool_call_delta').map((e) => e.type === 'tool_call_delta' && e.text);
    expect(streamed).toEqual([
      JSON.stringify({ command: 'printf "a\\nb\\n" > f.txt && wc -l < f.txt' }),
      JSON.stringify({ summary: 'Counted.', outputs: { lines: 2 } }),
    ]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(JSON.stringify(events)).not.toContain('sk-secret-123');
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer sk-secret-123', 'Bearer sk-secret-123']);
  });

  it('cancels a run during a long command within the grace period, and the next run works', async () => {
    const { server, agents, driver } = await setup([{ tool_calls: [{ name: 'run_command', arguments: { command: 'sleep 30' } }] }]);
    const run = await agents.execute({ instructions: 'wait' });
    const deadline = Date.now() + 5_000;
    while ((await agents.retrieve(run.id)).latest_action?.type !== 'run_command' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const started = Date.now();
    const cancelled = await agents.cancel(run.id);
    const took = Date.now() - started;
    expect([cancelled.status, took < 1_500]).toEqual(['cancelled', true]);

    server.setScript([{ tool_calls: [{ name: 'finish', arguments: { summary: 'again' } }] }]);
    const next = await agents.execute({ instructions: 'again' });
    expect((await untilFinal(agents, next.id)).status).toBe('completed');
    driver.dispose();
  });

  it('terminates a worker that does not answer a cancel, and starts a fresh one for the next run', async () => {
    let made = 0;
    const stuck = (): AgentWorkerApi => {
      made++;
      if (made > 1) return createAgentWorkerApi();
      return { start: () => new Promise(() => {}), cancel: () => {} };
    };
    const { agents, terminated, driver } = await setup(
      [{ tool_calls: [{ name: 'finish', arguments: { summary: 'fresh worker' } }] }],
      stuck,
      200,
    );
    const run = await agents.execute({ instructions: 'hang' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const cancelled = await agents.cancel(run.id);
    const next = await agents.execute({ instructions: 'after' });
    const done = await untilFinal(agents, next.id);
    driver.dispose();
    expect([cancelled.status, terminated.count >= 1, made, done.status, done.summary]).toEqual([
      'cancelled',
      true,
      2,
      'completed',
      'fresh worker',
    ]);
  });
});
