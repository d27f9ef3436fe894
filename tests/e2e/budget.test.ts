/** A budget reached: the run asks to raise the limit; raised, it goes on; refused, it ends failed with that reason. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatus, screenshot, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('budgets', () => {
  it('max_steps reached: "Raise limit" goes on, "End run" ends it failed: max_steps', async () => {
    const echo = (text: string) => ({ tool_calls: [{ name: 'run_command', arguments: { command: `echo ${text}` } }] });
    const server = await harness.model([echo('one'), echo('two'), echo('three')]);
    const page = await harness.open(server);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
    await settings.getByRole('spinbutton', { name: 'Max steps', exact: true }).fill('1');
    await settings.getByRole('button', { name: 'Done', exact: true }).click();

    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Count to three');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const newLimit = page.getByRole('spinbutton', { name: 'New limit', exact: true });
    await newLimit.waitFor({ timeout: 10_000 });
    expect([await runStatus(page).textContent(), await newLimit.inputValue(), server.requests.length]).toEqual([expect.stringContaining('awaiting_human'), '11', 1]);
    await newLimit.fill('2');
    await screenshot(page, 'raise');
    await page.getByRole('button', { name: 'Raise limit', exact: true }).click();

    // the second step runs, then the raised limit is reached too: this time the person ends the run
    await expect.poll(() => newLimit.isVisible().then(async (visible) => visible && (await newLimit.inputValue())), { timeout: 10_000 }).toBe('12');
    await page.getByRole('button', { name: 'End run', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('failed');
    const [run] = await page.evaluate(() => window.autopilot.agents.list());
    const events: { type: string; request?: unknown; answer?: unknown }[] = await page.evaluate(
      (id) => new Promise((resolve) => {
        const seen: unknown[] = [];
        const stop = window.autopilot.agents.subscribe(id, (event) => seen.push(event));
        setTimeout(() => (stop(), resolve(seen as never)), 300);
      }),
      run.id,
    );
    expect({
      status: run.status,
      reason: run.reason,
      steps: run.steps,
      error: run.error,
      requests: server.requests.length,
      human: events.filter((e) => e.type.startsWith('human_')).map((e) => e.answer ?? (e.request as { limit: string }).limit),
    }).toEqual({
      status: 'failed',
      reason: 'max_steps',
      steps: 2,
      error: { code: 'max_steps', message: 'The run used all 2 steps (max_steps) before the task was finished.' },
      requests: 2,
      human: ['max_steps', { raise: { max_steps: 2 } }, 'max_steps', { approve: false }],
    });
    await page.close();
  });
});
