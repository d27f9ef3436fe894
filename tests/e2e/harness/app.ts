/**
 * One E2E session: the production build under `vite preview`, Chromium, and a scripted model server. Each
 * test opens the app with `?sandbox=lite&baseURL=<scripted server>` and drives it by accessible names.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { startScriptedServer, type Script, type ScriptedServer, type ScriptedServerOptions } from '../../fixtures/scripted-server';
import { launchBrowser, type TestBrowser } from './browser';
import { startPreview, type PreviewServer } from './preview';

/** What a test file shares: the preview server and the browser. */
export interface AppHarness {
  preview: PreviewServer;
  browser: TestBrowser;
  /** Start a scripted model server (closed in `close()`). */
  model(script?: Script, options?: ScriptedServerOptions): Promise<ScriptedServer>;
  /** Open the app on a fresh page, with the lite sandbox and the server's base URL (plus extra params). */
  open(server: ScriptedServer, params?: Record<string, string>, options?: { colorScheme?: 'light' | 'dark' }): Promise<Page>;
  close(): Promise<void>;
}

/** Start everything a test file needs; call `close()` in afterAll. */
export async function startHarness(): Promise<AppHarness> {
  const preview = await startPreview();
  let browser: TestBrowser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    await preview.stop();
    throw error;
  }
  const servers: ScriptedServer[] = [];
  const pageErrors: string[] = [];
  return {
    preview,
    browser,
    async model(script = [], options = {}) {
      const server = await startScriptedServer(script, options);
      servers.push(server);
      return server;
    },
    async open(server, params = {}, options = {}) {
      const page = await browser.newPage();
      if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
      page.on('pageerror', (error) => pageErrors.push(error.message));
      const query = new URLSearchParams({ sandbox: 'lite', baseURL: server.baseURL, model: 'scripted-model', ...params });
      await page.goto(`${preview.url}/?${query}`, { timeout: 15_000 });
      await page.waitForFunction(() => Boolean(window.autopilot?.agents), undefined, { timeout: 10_000 });
      return page;
    },
    async close() {
      await Promise.all(servers.map((server) => server.close()));
      await browser.close();
      await preview.stop();
      if (pageErrors.length) console.warn(`e2e: uncaught errors in the page:\n${pageErrors.join('\n')}`);
    },
  };
}

/** Everything the agent's terminal was sent, byte for byte (xterm renders only the visible rows). */
export function terminalStream(page: Page): Promise<string> {
  return page
    .getByRole('region', { name: 'Terminal', exact: true })
    .evaluate((element) => (element as HTMLElement & { autopilotTerminal?: { recorded: string } }).autopilotTerminal?.recorded ?? '');
}

/** What a tab panel's terminal was sent, escapes removed (xterm renders only the visible rows). */
export function panelText(page: Page, name: string): Promise<string> {
  return page
    .getByRole('tabpanel', { name, exact: true })
    .evaluate((element) => (element as HTMLElement & { autopilotTerminal?: { recorded: string } }).autopilotTerminal?.recorded ?? '')
    .then(plain);
}

/** The terminal stream without ANSI escapes and with `\r\n` as `\n`. */
export function plain(stream: string): string {
  return stream.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x1b\][^\x07]*\x07/g, '').replace(/\r\n/g, '\n');
}

/**
 * Save a screenshot of the page's state. With AUTOPILOT_SCREENSHOTS=1 it refreshes docs/screenshots/<name>.png
 * (look at them, then commit); otherwise it goes to test-results/ so an ordinary test run changes no tracked file.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const folder = process.env.AUTOPILOT_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';
  await page.screenshot({ path: `${folder}/${name}.png`, ...options });
}

/** The text of the status region "Run status". */
export function runStatus(page: Page) {
  return page.getByRole('status', { name: 'Run status', exact: true });
}

/** Wait until the run's status contains `status`, approving any action the risk rules hold for a person. */
export async function runUntil(page: Page, status: string, timeoutMs = 20_000): Promise<void> {
  const approve = page.getByRole('dialog', { name: 'Approval required', exact: true }).getByRole('button', { name: 'Approve', exact: true });
  await expect
    .poll(
      async () => {
        if (await approve.isVisible()) await approve.click();
        return runStatus(page).textContent();
      },
      { timeout: timeoutMs, interval: 200 },
    )
    .toContain(status);
}
