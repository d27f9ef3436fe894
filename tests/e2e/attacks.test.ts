/**
 * E2E: the adversarial probe's attacks, kept fixed on the built page — a crafted trajectory, a damaged stored
 * record, two tabs on one approval, a secret in Download zip.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigProjectZip } from '../fixtures/import/big-project';
import { runStatus, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
let scratch: string;
beforeAll(async () => {
  harness = await startHarness();
  scratch = mkdtempSync(join(tmpdir(), 'autopilot-attacks-'));
});
afterAll(async () => {
  await harness?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const fixture = (name: string) => new URL(`../fixtures/attacks/${name}`, import.meta.url).pathname;
const history = (page: Page) => page.getByRole('navigation', { name: 'Run history', exact: true });

async function runTask(page: Page, task: string, status = 'completed'): Promise<void> {
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill(task);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => runStatus(page).textContent(), { timeout: 15_000 }).toContain(status);
}

describe('attacks from the probe', () => {
  it('refuses a trajectory with "usage": null naming the field; a damaged stored record shows with Delete and hides nothing', async () => {
    const server = await harness.model([{ content: 'Done.' }, { content: 'Done again.' }]);
    const page = await harness.open(server);
    await runTask(page, 'A sound run');
    await history(page).locator('input[type="file"]').setInputFiles(fixture('usage-null.trajectory.json'));
    await expect
      .poll(() => history(page).getByRole('alert').allTextContents(), { timeout: 5_000 })
      .toContain('This run export is damaged and was not imported: run.usage: expected object, received null.');

    // a record as an earlier build's import stored it
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('autopilot');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const record = { id: 'crafted', instructions: 'crafted import', status: 'completed', created_at: 1, updated_at: 1, steps: 1, outputs: {}, usage: null, config: {} };
      await new Promise((resolve, reject) => {
        const tx = db.transaction('runs', 'readwrite');
        tx.objectStore('runs').put(record);
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.reload();
    const remove = history(page).getByRole('button', { name: 'Delete damaged run crafted', exact: true });
    await remove.waitFor({ timeout: 10_000 });
    expect(await history(page).getByRole('button', { name: 'A sound run' }).count()).toBe(1);
    expect(await history(page).getByRole('button', { name: 'Delete all runs', exact: true }).isEnabled()).toBe(true);
    await runTask(page, 'A new run after the reload');
    await expect.poll(() => history(page).getByRole('button', { name: 'A new run after the reload' }).count(), { timeout: 5_000 }).toBe(1);
    await remove.click();
    await expect.poll(() => remove.count(), { timeout: 5_000 }).toBe(0);
    expect([errors, await history(page).getByRole('button', { name: 'A sound run' }).count()]).toEqual([[], 1]);
    await page.close();
  });

  it('closes the other tab\'s approval dialog as soon as one tab answers', async () => {
    const server = await harness.model([
      { tool_calls: [{ name: 'run_command', arguments: { command: 'rm -rf ~/' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Cleaned.' } }] },
    ]);
    const first = await harness.open(server);
    await runTask(first, 'Clean up twice', 'awaiting_human');
    const second = await harness.open(server);
    await history(second).getByRole('button', { name: 'Clean up twice' }).click();
    const stale = second.getByRole('dialog', { name: 'Approval required', exact: true });
    await stale.waitFor({ timeout: 10_000 });

    await first.getByRole('dialog', { name: 'Approval required', exact: true }).getByRole('button', { name: 'Approve', exact: true }).click();
    await stale.waitFor({ state: 'detached', timeout: 3_000 });
    await expect.poll(() => runStatus(first).textContent(), { timeout: 10_000 }).toContain('completed');
    expect(await second.getByRole('button', { name: 'Run', exact: true }).isVisible()).toBe(true);
    await second.getByRole('textbox', { name: 'Task', exact: true }).fill('typing is not blocked');
    await Promise.all([first.close(), second.close()]);
  });

  it('warns before Download zip when a file holds the API key, and redacts it on request', async () => {
    const key = 'sk-e2e-secret-key-0123456789abcdefghij';
    const server = await harness.model([
      { tool_calls: [{ name: 'write_file', arguments: { path: '.env', content: `OPENAI_API_KEY=${key}\n` } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Saved.' } }] },
    ]);
    const page = await harness.open(server);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('textbox', { name: 'API key', exact: true }).fill(key);
    await page.keyboard.press('Escape');
    await runTask(page, 'Keep the key in .env');
    await page.getByRole('button', { name: 'Download zip', exact: true }).click();
    const warning = page.getByRole('alertdialog', { name: 'Secret in the download', exact: true });
    await warning.waitFor({ timeout: 5_000 });
    expect(await warning.textContent()).toContain('".env" (model API key)');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10_000 }),
      warning.getByRole('button', { name: 'Redact and download', exact: true }).click(),
    ]);
    const entries = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    expect(strFromU8(entries['.env'])).toBe('OPENAI_API_KEY=[redacted]\n');
    await page.close();
  });
});

describe('a big project import', () => {
  /** 30 000 node_modules entries walked past and 400 files of 64 KB (25 MB) imported. */
  const big = bigProjectZip({ modules: 30_000, files: 400, fileBytes: 64 * 1024 });

  async function chooseZip(page: Page, name: string): Promise<void> {
    const path = join(scratch, name);
    writeFileSync(path, big.zip);
    await page.getByRole('button', { name: 'Import project', exact: true }).click();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser', { timeout: 5_000 }),
      page.getByRole('menuitem', { name: 'A .zip file…', exact: true }).click(),
    ]);
    await chooser.setFiles(path);
  }

  /** The longest main-thread task since the call, as Chromium's long-task timing reports it. */
  async function watchLongTasks(page: Page): Promise<() => Promise<number>> {
    await page.evaluate(() => {
      const seen = { longest: 0 };
      (window as unknown as { longTasks: typeof seen }).longTasks = seen;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) seen.longest = Math.max(seen.longest, entry.duration);
      }).observe({ type: 'longtask' });
    });
    return () => page.evaluate(() => (window as unknown as { longTasks: { longest: number } }).longTasks.longest);
  }

  it('shows progress while it works off the page\'s thread, and the page stays responsive', async () => {
    const page = await harness.open(await harness.model([]));
    const longest = await watchLongTasks(page);
    await chooseZip(page, 'big.zip');
    const progress = page.getByRole('status', { name: 'Project import progress', exact: true });
    await progress.waitFor({ timeout: 5_000 });
    await expect.poll(() => progress.getByRole('progressbar').count(), { timeout: 5_000 }).toBe(1);
    const summary = page.getByRole('region', { name: 'Import summary', exact: true });
    await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toContain(
      'Imported 400 files (25.0 MB) from big.zip — the contents of big-main/; 1 skipped.',
    );
    await expect.poll(() => page.getByRole('region', { name: 'Files', exact: true }).textContent(), { timeout: 5_000 }).toContain('src');
    expect(await progress.count()).toBe(0);
    console.info(`big import: longest main-thread task ${Math.round(await longest())} ms`);
    expect(await longest()).toBeLessThan(200); // 940 ms (and no end) while it ran on the page
    await page.close();
  });

  it('cancels with Cancel import and leaves the work dir as it was', async () => {
    const page = await harness.open(await harness.model([]));
    await chooseZip(page, 'cancelled.zip');
    const progress = page.getByRole('status', { name: 'Project import progress', exact: true });
    await progress.getByRole('button', { name: 'Cancel import', exact: true }).click({ timeout: 5_000 });
    await expect.poll(() => page.getByRole('alert').allTextContents(), { timeout: 10_000 }).toContain(
      'Import cancelled: nothing was imported. Dismiss',
    );
    const files = page.getByRole('region', { name: 'Files', exact: true });
    await expect.poll(() => files.textContent(), { timeout: 5_000 }).toContain('The work dir is empty.');
    expect(await progress.count()).toBe(0);
    await page.close();
  });
});
