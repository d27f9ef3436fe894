/**
 * A model that writes a 1 MB file in small deltas (all in a few network chunks, as a fast server sends them) does not freeze the page: the longest main-thread task while it streams, completes and is stored stays
 * bounded, and the file arrives byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const finish = { tool_calls: [{ name: 'finish', arguments: { summary: 'Done.' } }] };

describe('a 1 MB file streamed by the model', () => {
  it('arrives byte for byte without a long freeze of the page', async () => {
    const content = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(29_128).replace(/(.{99})./g, '$1\n').slice(0, 1_048_576);
    // 64-character deltas (16 384 of them) keep the test short; the 4-character stress is the bench's stream_args rows
    const write = { burst: true, chunk_size: 64, tool_calls: [{ id: 'w', name: 'write_file', arguments: JSON.stringify({ path: 'big.txt', content }) }] };
    const server = await harness.model((req) => (req.body.messages.some((m: { role: string }) => m.role === 'tool') ? finish : write));
    const page = await harness.open(server);
    const result = await page.evaluate(async () => {
      const tasks: number[] = [];
      const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration)));
      observer.observe({ type: 'longtask', buffered: false });
      const agents = window.autopilot.agents;
      const started = performance.now();
      const run = await agents.execute({ instructions: 'Write the file.', human_intervention_threshold: 'never' });
      await new Promise<void>((resolve) => {
        const stop = agents.subscribe(run.id, (event) => {
          if (event.type === 'status' && ['completed', 'failed', 'cancelled'].includes(event.status)) {
            stop();
            resolve();
          }
        });
      });
      const seconds = (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 300)); // tasks that follow the end (rendering, storing)
      observer.disconnect();
      const workdir = await agents.workdirOf(run.id);
      const file = workdir?.files.find((entry) => entry.path === 'big.txt');
      return { status: (await agents.retrieve(run.id)).status, text: file && new TextDecoder().decode(file.data), longest: Math.max(0, ...tasks), tasks: tasks.length, seconds };
    });
    console.log(`1 MB write: ${result.seconds.toFixed(1)} s, ${result.tasks} long tasks, the longest ${Math.round(result.longest)} ms`);
    expect(result.status).toBe('completed');
    expect(result.text === content).toBe(true);
    // a freeze is seconds; the bound leaves room for a shared machine: 590 ms before the fixes, then 76–221 ms
    // in most runs at load 17 on 2 cores (once 477 ms)
    expect(result.longest).toBeLessThan(600);
    await page.close();
  }, 120_000);
});
