/** E2E 3: Stop during a command that never ends → cancelled within 2 s, the page stays responsive, a new run works. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedTurn } from '../fixtures/scripted-server';
import { plain, runStatus, screenshot, startHarness, terminalStream, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const BUSY = 'while true; do :; done';

describe('Stop', () => {
  it('cancels a run stuck in a busy loop within 2 s; the page stays usable and the next run completes', async () => {
    const turns: ScriptedTurn[] = [
      { tool_calls: [{ name: 'run_command', arguments: { command: 'echo before > before.txt' } }] },
      { tool_calls: [{ name: 'run_command', arguments: { command: BUSY, timeout_ms: 600_000 } }] },
      // the model is not reached again: if it were, the run would not be cancelled
      { kind: 'hang' },
    ];
    const server = await harness.model(turns);
    const page = await harness.open(server);
    const task = page.getByRole('textbox', { name: 'Task', exact: true });
    await task.fill('Spin forever');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(async () => plain(await terminalStream(page)).includes(`$ ${BUSY}`), { timeout: 10_000 }).toBe(true);

    const clicked = Date.now();
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 2_000, interval: 50 }).toContain('cancelled');
    const elapsed = Date.now() - clicked;
    // the Files panel shows the work dir as restored (the file written before the loop survived the kill)
    const files = page.getByRole('region', { name: 'Files', exact: true });
    await expect.poll(async () => (await files.textContent())?.includes('before.txt'), { timeout: 5_000 }).toBe(true);
    await screenshot(page, 'cancelled-run');

    // responsive: the page answers at once and takes typing
    const answered = await page.evaluate(() => 1 + 1);
    await task.fill('Say hello');
    expect({ answered, value: await task.inputValue(), withinTwoSeconds: elapsed < 2_000 }).toEqual({
      answered: 2,
      value: 'Say hello',
      withinTwoSeconds: true,
    });

    server.setScript([
      { tool_calls: [{ name: 'run_command', arguments: { command: 'cat before.txt' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Said hello.' } }] },
    ]);
    await task.press('Enter');
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('completed');
    const runs = await page.evaluate(() => window.autopilot.agents.list());
    expect(runs.map((run) => [run.instructions, run.status])).toEqual([
      ['Say hello', 'completed'],
      ['Spin forever', 'cancelled'],
    ]);
    // the work dir survived the kill: the file written before the busy loop is still there
    expect(plain(await terminalStream(page))).toContain('$ cat before.txt\nbefore\n');
    await page.close();
  });
});
