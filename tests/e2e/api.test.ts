/** E2E 5: the in-page Agents API from page.evaluate — execute, subscribe, retrieve until completed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../src/core';
import { startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const OUTPUTS = { answer: 42, files: ['data/in.txt'], nested: { ok: true, note: 'ünïcødé ✓' } };

describe('window.autopilot.agents', () => {
  it('executes a run, streams its events to a subscriber, and retrieves it completed with the outputs as sent', async () => {
    const server = await harness.model([
      { tool_calls: [{ name: 'run_command', arguments: { command: 'wc -l < data/in.txt' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Counted the lines.', outputs: OUTPUTS } }] },
    ]);
    const page = await harness.open(server);
    const seen = await page.evaluate(async () => {
      const agents = window.autopilot.agents;
      const created = await agents.execute({
        instructions: 'Count the lines of data/in.txt',
        files: { 'data/in.txt': 'a\nb\nc\n' },
        max_steps: 5,
      });
      const types: string[] = [];
      const seqs: number[] = [];
      const stop = agents.subscribe(created.id, (event) => {
        types.push(event.type);
        seqs.push(event.seq);
      });
      const deadline = Date.now() + 10_000;
      let run = await agents.retrieve(created.id);
      while (!['completed', 'failed', 'cancelled'].includes(run.status) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        run = await agents.retrieve(created.id);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      stop();
      const list = await agents.list();
      return { created, run, types, seqs, listed: list.map((r) => r.id) };
    });

    expect(seen.created.status).toBe('queued');
    const run: Run = seen.run;
    expect({ ...run, id: '', created_at: 0, updated_at: 0, usage: { ...run.usage, prompt_tokens: 0 } }).toEqual({
      id: '',
      instructions: 'Count the lines of data/in.txt',
      status: 'completed',
      created_at: 0,
      updated_at: 0,
      steps: 2,
      latest_action: { type: 'finish', description: 'Counted the lines.' },
      summary: 'Counted the lines.',
      outputs: OUTPUTS,
      usage: { prompt_tokens: 0, completion_tokens: run.usage.completion_tokens, cached_tokens: 0, cost_usd: 0 },
      max_steps: 5,
    });
    expect(run.usage.prompt_tokens).toBeGreaterThan(0);
    expect(seen.listed).toEqual([run.id]);
    expect(seen.seqs).toEqual(seen.seqs.map((_, i) => i + 1));
    expect(seen.types.filter((type) => ['status', 'step', 'tool_call', 'tool_result'].includes(type))).toEqual([
      'status', // queued
      'status', // in_progress
      'step',
      'tool_call',
      'tool_result',
      'step',
      'tool_call',
      'tool_result',
      'status', // completed
    ]);
    // the command ran on the file given to execute(): it was written before the first step
    const observation = server.requests[1].body.messages.at(-1).content as string;
    expect(observation).toContain('3');
    await page.close();
  });
});
