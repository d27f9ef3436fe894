/**
 * No model, no guidance — fixed: Run with a preset that needs a key and has none opens Settings on "Choose your
 * model" (no run starts); a run that failed before its first step offers Retry and is never the next task's parent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatus, screenshot, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const listed = () => window.autopilot.agents.list().then((runs) => runs.map((run) => [run.instructions, run.status, run.parent_id ?? null]));

describe('the first run', () => {
  it('asks for a model before a run that could not reach one, then Retry runs the failed task afresh', async () => {
    const unauthorized = {
      kind: 'error' as const,
      status: 401,
      body: { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } },
    };
    let fail = true;
    const server = await harness.model(() => (fail ? unauthorized : { tool_calls: [{ name: 'finish', arguments: { summary: 'Done.' } }] }));
    const page = await harness.open(server, { baseURL: 'https://api.openai.com/v1' });
    const task = page.getByRole('textbox', { name: 'Task', exact: true });
    await task.fill('Make a file');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
    await expect.poll(() => settings.isVisible(), { timeout: 5_000 }).toBe(true);
    expect(await settings.getByRole('region', { name: 'Choose your model', exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'choose-model');
    expect(await page.evaluate(listed)).toEqual([]);

    // a server of one's own: usable as it is
    await settings.getByRole('textbox', { name: 'Base URL', exact: true }).fill(server.baseURL);
    await settings.getByRole('button', { name: 'Done', exact: true }).click();
    expect(await task.inputValue()).toBe('Make a file');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 15_000 }).toContain('failed');
    expect(await page.getByText('Follow up', { exact: true }).count()).toBe(0);

    fail = false;
    await page.getByRole('button', { name: 'Retry', exact: true }).click();
    await expect.poll(() => page.evaluate(listed), { timeout: 15_000 }).toEqual([
      ['Make a file', 'completed', null],
      ['Make a file', 'failed', null],
    ]);
    await page.close();
  });
});
