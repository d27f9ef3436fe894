/**
 * The API key never leaves the model requests: the agent runs `env` and `printenv` with a key set, and the key
 * appears nowhere in the run's events, the terminal's recorded stream, the page's text, the run's export or
 * the work dir's zip.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plain, runStatus, startHarness, terminalStream, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const KEY = 'sk-e2e-SECRET-7f3a9c1d2b';

/** The bytes of the download a click starts. */
async function download(page: Page, click: () => Promise<void>): Promise<Uint8Array> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), click()]);
  return new Uint8Array(readFileSync((await file.path())!));
}

describe('the API key', () => {
  it('appears nowhere after the agent runs env and printenv', async () => {
    const server = await harness.model([
      { tool_calls: [{ name: 'run_command', arguments: { command: 'env' } }] },
      { tool_calls: [{ name: 'run_command', arguments: { command: 'printenv > printenv.txt; cat printenv.txt' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Printed the environment.' } }] },
    ]);
    const page = await harness.open(server);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
    await settings.getByRole('textbox', { name: 'API key', exact: true }).fill(KEY);
    await settings.getByRole('button', { name: 'Done', exact: true }).click();
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Show the environment');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 15_000 }).toContain('completed');

    const [run] = await page.evaluate(() => window.autopilot.agents.list());
    const events = await page.evaluate(
      (id) =>
        new Promise<unknown[]>((resolve) => {
          const seen: unknown[] = [];
          const stop = window.autopilot.agents.subscribe(id, (event) => {
            seen.push(event);
            if (event.type === 'status' && event.status === 'completed') (stop(), resolve(seen));
          });
        }),
      run.id,
    );
    const exported = await download(page, () => page.getByRole('button', { name: 'Export run', exact: true }).click());
    const zip = unzipSync(await download(page, () => page.getByRole('button', { name: 'Download zip', exact: true }).click()));
    const zipText = Object.values(zip).map((bytes) => strFromU8(bytes)).join('\n');
    const stream = await terminalStream(page);
    const pageText = await page.evaluate(() => document.body.innerText);
    const observations = server.requests.slice(1).map((request) => JSON.stringify(request.body.messages.at(-1)));

    expect({
      keyWasUsed: server.requests.every((request) => request.headers.authorization === `Bearer ${KEY}`),
      envRan: [plain(stream).includes('$ env\n'), Object.keys(zip).includes('printenv.txt'), events.length > 5],
      inEvents: JSON.stringify(events).includes(KEY),
      inTerminal: stream.includes(KEY),
      inPage: pageText.includes(KEY),
      inExport: strFromU8(exported).includes(KEY),
      inZip: zipText.includes(KEY),
      inObservations: observations.some((text) => text.includes(KEY)),
    }).toEqual({
      keyWasUsed: true,
      envRan: [true, true, true],
      inEvents: false,
      inTerminal: false,
      inPage: false,
      inExport: false,
      inZip: false,
      inObservations: false,
    });
    await page.close();
  });
});
