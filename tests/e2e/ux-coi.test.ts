/**
 * A URL, not an install (issue 22, item 11): the production build on a plain static server that sends no
 * special headers (python3's http.server on 127.0.0.1) becomes cross-origin isolated after one reload, by its
 * own service worker (public/coi.js, public/coi-sw.js) — WebContainer's precondition — and runs a task; where
 * service workers are off it stays as it is, without reloading, and the lite sandbox runs the task.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedServer, type ScriptedServer } from '../fixtures/scripted-server';
import { CHROMIUM_ARGS, findChromium, launchBrowser, type TestBrowser } from './harness/browser';
import { freePort } from './harness/preview';
import { runStatus } from './harness/app';

const DIST = resolve(import.meta.dirname, '../../dist');

let server: ChildProcess;
let site: string;
let model: ScriptedServer;
let withWorkers: TestBrowser;
let withoutWorkers: Browser;

beforeAll(async () => {
  const port = await freePort();
  server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', DIST], { stdio: 'ignore' });
  site = `http://127.0.0.1:${port}`;
  await serving(site);
  model = await startScriptedServer([]);
  withWorkers = await launchBrowser();
  withoutWorkers = await chromium.launch({ executablePath: findChromium().executablePath, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await withWorkers?.close();
  await withoutWorkers?.close();
  await model?.close();
  server?.kill('SIGTERM');
});

async function serving(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await fetch(url, { signal: AbortSignal.timeout(1_000) }).then((response) => response.ok, () => false)) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the static server at ${url} did not answer within 10 s`);
}

/** Open the site, counting the page's own navigations (the first, and each reload). */
async function open(page: Page, params: Record<string, string>): Promise<() => number> {
  let loads = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) loads++;
  });
  const query = new URLSearchParams({ baseURL: model.baseURL, model: 'scripted-model', ...params });
  await page.goto(`${site}/?${query}`, { timeout: 15_000 });
  return () => loads;
}

async function runTask(page: Page, task: string): Promise<void> {
  model.setScript([{ tool_calls: [{ name: 'run_command', arguments: { command: 'echo isolated-or-not > out.txt && cat out.txt' } }] }, { tool_calls: [{ name: 'finish', arguments: { summary: 'Done.' } }] }]);
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill(task);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => runStatus(page).textContent(), { timeout: 30_000, interval: 250 }).toContain('completed');
}

describe('a plain static host', () => {
  it('sends no isolation headers itself', async () => {
    const response = await fetch(`${site}/`);
    expect([response.headers.get('cross-origin-opener-policy'), response.headers.get('cross-origin-embedder-policy')]).toEqual([null, null]);
  });

  it('is cross-origin isolated after one reload by the built-in service worker, and runs a task', async () => {
    const page = await withWorkers.newPage();
    const loads = await open(page, { sandbox: 'lite' });
    await page.waitForFunction(() => window.crossOriginIsolated, undefined, { timeout: 15_000 });
    await page.waitForFunction(() => Boolean(window.autopilot?.agents), undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => [window.crossOriginIsolated, typeof SharedArrayBuffer, Boolean(navigator.serviceWorker.controller)])).toEqual([true, 'function', true]);
    expect(loads()).toBe(2);
    await runTask(page, 'Write out.txt');
    // a later visit is isolated from its first load: no reload
    const again = await withWorkers.newPage();
    const loadsAgain = await open(again, { sandbox: 'lite' });
    await again.waitForFunction(() => Boolean(window.autopilot?.agents), undefined, { timeout: 10_000 });
    expect([await again.evaluate(() => window.crossOriginIsolated), loadsAgain()]).toEqual([true, 1]);
    await page.close();
    await again.close();
  });

  it('without service workers stays un-isolated, does not reload, and falls back to the lite sandbox', async () => {
    const context = await withoutWorkers.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const loads = await open(page, {});
    await page.waitForFunction(() => Boolean(window.autopilot?.agents), undefined, { timeout: 10_000 });
    const banner = page.getByRole('complementary', { name: 'Lite sandbox', exact: true });
    await banner.waitFor({ timeout: 15_000 });
    await runTask(page, 'Write out.txt without isolation');
    expect([await page.evaluate(() => window.crossOriginIsolated), loads(), await banner.textContent()]).toEqual([
      false,
      1,
      expect.stringContaining('cross-origin isolated'),
    ]);
    await context.close();
  });
});
