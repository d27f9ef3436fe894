/**
 * Settings that reach the runs: Reasoning effort goes to the model as `reasoning_effort`, Context window
 * (tokens) to the loop, Max tokens per run is the run's budget; and "Step n of M" follows a raised step limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runStatus, screenshot, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const echo = (text: string) => ({
  tool_calls: [{ name: 'run_command', arguments: { command: `echo ${text}` } }],
  usage: { prompt_tokens: 3000, completion_tokens: 100 },
});

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  return page.getByRole('dialog', { name: 'Settings', exact: true });
}

async function runTask(page: Page, task: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill(task);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
}

/** Every event of the page's only run, as stored. */
async function eventsOfRun(page: Page): Promise<{ type: string; request?: { limit?: string }; answer?: unknown; context?: unknown }[]> {
  const [run] = await page.evaluate(() => window.autopilot.agents.list());
  return page.evaluate(
    (id) =>
      new Promise((resolve) => {
        const seen: unknown[] = [];
        const stop = window.autopilot.agents.subscribe(id, (event) => seen.push(event));
        setTimeout(() => (stop(), resolve(seen as never)), 300);
      }),
    run.id,
  );
}

describe('Settings reach the runs', () => {
  it('sends the reasoning effort, uses the context window, and stops at the token budget', async () => {
    const server = await harness.model([echo('one'), echo('two'), echo('three')]);
    const page = await harness.open(server, { model: 'o4-mini' }, { colorScheme: 'light' });
    const settings = await openSettings(page);
    await settings.getByRole('combobox', { name: 'Reasoning effort', exact: true }).selectOption('high');
    await settings.getByRole('spinbutton', { name: 'Context window (tokens)', exact: true }).fill('65536');
    await settings.getByRole('spinbutton', { name: 'Max tokens per run', exact: true }).fill('5000');
    await settings.getByRole('textbox', { name: 'WebContainer API key', exact: true }).fill('wc_api_example');
    await settings.getByRole('combobox', { name: 'Reasoning effort', exact: true }).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'settings-light');
    await settings.evaluate((dialog) => dialog.scrollTo({ top: dialog.scrollHeight }));
    await screenshot(page, 'settings-advanced-light');
    await settings.getByRole('button', { name: 'Done', exact: true }).click();

    await runTask(page, 'Count to three');
    // 3,100 tokens a turn: the second turn passes 5,000 and the run asks to raise the budget
    const newLimit = page.getByRole('spinbutton', { name: 'New limit', exact: true });
    await newLimit.waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'End run', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('failed');
    const [run] = await page.evaluate(() => window.autopilot.agents.list());
    const events = await eventsOfRun(page);
    const remembered = await page.evaluate(() => JSON.parse(localStorage.getItem('autopilot.settings') ?? '{}'));
    expect({
      status: run.status,
      reason: run.reason,
      error: run.error,
      efforts: server.requests.map((request) => request.body.reasoning_effort),
      windows: events.filter((e) => e.type === 'usage').map((e) => (e.context as { window: number }).window),
      asked: events.filter((e) => e.type === 'human_request').map((e) => e.request?.limit),
      remembered: [remembered.reasoningEffort, remembered.contextWindow, remembered.maxTokens, remembered.webcontainerApiKey],
    }).toEqual({
      status: 'failed',
      reason: 'budget',
      error: { code: 'budget', message: 'The run used 6200 tokens, reaching its max_tokens of 5000.' },
      efforts: ['high', 'high'],
      windows: [65536, 65536],
      asked: ['max_tokens'],
      remembered: ['high', 65536, 5000, 'wc_api_example'],
    });
    await page.close();
  });

  it('"Step n of M" shows the raised step limit', async () => {
    const server = await harness.model([echo('one'), echo('two'), echo('three')]);
    const page = await harness.open(server);
    const settings = await openSettings(page);
    await settings.getByRole('spinbutton', { name: 'Max steps', exact: true }).fill('1');
    await settings.getByRole('button', { name: 'Done', exact: true }).click();

    await runTask(page, 'Count to three');
    const newLimit = page.getByRole('spinbutton', { name: 'New limit', exact: true });
    const step = page.locator('dt:text-is("Step") + dd');
    await newLimit.waitFor({ timeout: 10_000 });
    const before = await step.textContent();
    await newLimit.fill('2');
    await page.getByRole('button', { name: 'Raise limit', exact: true }).click();
    // the second step runs and reaches the raised limit: the run asks again
    await expect.poll(() => newLimit.isVisible().then(async (visible) => visible && (await newLimit.inputValue())), { timeout: 10_000 }).toBe('12');
    expect([before, await step.textContent()]).toEqual(['1 of 1', '2 of 2']);
    await page.getByRole('button', { name: 'End run', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('failed');
    await page.close();
  });
});
