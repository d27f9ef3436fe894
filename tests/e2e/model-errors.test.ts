/**
 * E2E 4: the model server answers 401 → the run fails with a clear error naming the API key setting; and
 * Test connection reports a server without CORS as a CORS failure.
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

describe('model server errors', () => {
  it('a 401 fails the run with an error that names the API key setting', async () => {
    const unauthorized = {
      kind: 'error' as const,
      status: 401,
      body: { error: { message: 'Incorrect API key provided: sk-wrong.', type: 'invalid_request_error', code: 'invalid_api_key' } },
    };
    const server = await harness.model(() => unauthorized);
    const page = await harness.open(server);
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Anything');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 15_000 }).toContain('failed');
    const alert = page.getByRole('alert').filter({ hasText: 'The run failed' });
    const message = (await alert.textContent()) ?? '';
    const run = (await page.evaluate(() => window.autopilot.agents.list()))[0];
    expect([run.status, run.reason, /API key/.test(message), /401|rejected|invalid/i.test(message)]).toEqual([
      'failed',
      'model_error',
      true,
      true,
    ]);
    await screenshot(page, 'error-401');
    await page.close();
  });

  it('Test connection says a server that does not allow this origin fails CORS', async () => {
    const server = await harness.model([], { cors: false });
    const page = await harness.open(server);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
    await dialog.getByRole('button', { name: 'Test connection', exact: true }).click();
    const result = dialog.locator('[aria-live="polite"]');
    await expect.poll(async () => (await result.textContent())?.trim() ?? '', { timeout: 10_000 }).toMatch(/CORS/);
    await screenshot(page, 'settings-cors');
    expect(await result.textContent()).toMatch(/CORS/);
    await page.close();
  });
});
