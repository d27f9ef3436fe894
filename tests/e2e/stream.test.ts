/**
 * Streaming in the page: a model that goes silent after its headers is retried after the idle timeout set in
 * Settings, and the timeline says so; the arguments of a streamed 100 KB file reach a
 * subscriber byte for byte, gathered into far fewer events than the model's deltas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatus, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const finish = { tool_calls: [{ name: 'finish', arguments: { summary: 'Done.' } }] };

describe('streaming in the page', () => {
  it('streams a 100 KB write_file: a subscriber joins its argument deltas back byte for byte, gathered into few events', async () => {
    const content = 'abcdefghij'.repeat(10_000).replace(/(.{79})./g, '$1\n');
    const args = JSON.stringify({ path: 'big.txt', content });
    const write = { burst: true, tool_calls: [{ id: 'w', name: 'write_file', arguments: args }] };
    const server = await harness.model((req) => (req.body.messages.some((m: { role: string }) => m.role === 'tool') ? finish : write));
    const page = await harness.open(server);
    const result = await page.evaluate(async () => {
      const agents = window.autopilot.agents;
      const run = await agents.execute({ instructions: 'Write the file.', human_intervention_threshold: 'never' });
      const pieces: string[] = [];
      await new Promise<void>((resolve) => {
        const stop = agents.subscribe(run.id, (event) => {
          if (event.type === 'tool_call_delta' && event.name === 'write_file') pieces.push(event.text);
          if (event.type === 'status' && ['completed', 'failed', 'cancelled'].includes(event.status)) {
            stop();
            resolve();
          }
        });
      });
      return { joined: pieces.join(''), events: pieces.length, status: (await agents.retrieve(run.id)).status };
    });
    expect(result.status).toBe('completed');
    expect(result.joined).toBe(args);
    expect(result.events).toBeLessThan(args.length / 4 / 100);
    await page.close();
  });

  // last: the idle timeout set here is remembered by the browser profile the tests share
  it('retries a stream silent after its headers once the idle timeout from Settings has passed, and says so', async () => {
    const server = await harness.model([{ content: 'never sent', cut: { after: 0, how: 'stall' } }, finish]);
    const page = await harness.open(server, {}, {});
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
    await settings.getByRole('spinbutton', { name: 'Idle timeout (seconds)', exact: true }).fill('1');
    await settings.getByRole('button', { name: 'Done', exact: true }).click();
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Say done');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 15_000 }).toContain('completed');
    const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
    await expect.poll(() => timeline.textContent(), { timeout: 5_000 }).toContain('No data from the model for 1 s, retrying.');
    expect(server.requests).toHaveLength(2);
    await page.close();
  });

  // after the one above: the 1 s idle timeout it set is still in the shared browser profile
  it('retries a stream that stalls mid-stream, after some of the answer came', async () => {
    const server = await harness.model([{ content: 'half an answer that never ends', cut: { after: 3, how: 'stall' } }, finish]);
    const page = await harness.open(server, {}, {});
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Say done');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 15_000 }).toContain('completed');
    const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
    await expect.poll(() => timeline.textContent(), { timeout: 5_000 }).toContain('No data from the model for 1 s, retrying.');
    expect(server.requests).toHaveLength(2);
    await page.close();
  });
});
