/** E2E 7: a remembered API key goes only to the origin it was saved for, never to another ?baseURL=. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ScriptedServer } from '../fixtures/scripted-server';
import { runStatus, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const KEY = 'sk-remembered-for-A';
const finish = () => [{ tool_calls: [{ name: 'finish', arguments: { summary: 'ok' } }] }];

async function runOnce(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Say ok');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('completed');
}

const authorizations = (server: ScriptedServer) => server.requests.map((request) => request.headers.authorization ?? '');

describe('a remembered API key', () => {
  it('is sent to the origin it was saved for and not to a different ?baseURL= origin', async () => {
    const a = await harness.model(finish());
    const b = await harness.model(finish());

    const first = await harness.open(a);
    await first.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = first.getByRole('dialog', { name: 'Settings', exact: true });
    await dialog.getByRole('textbox', { name: 'API key', exact: true }).fill(KEY);
    await dialog.getByRole('checkbox', { name: 'Remember API key', exact: true }).check();
    await dialog.getByRole('button', { name: 'Done', exact: true }).click();
    await first.close();

    // a link to another server: the remembered key must stay home
    const other = await harness.open(b);
    await runOnce(other);
    await other.close();

    // the same browser back on A: the key was remembered and is used there
    const back = await harness.open(a);
    await runOnce(back);
    await back.close();

    expect({ a: authorizations(a), b: authorizations(b).map((header) => header.includes(KEY)) }).toEqual({
      a: [`Bearer ${KEY}`],
      b: [false],
    });
  });
});
