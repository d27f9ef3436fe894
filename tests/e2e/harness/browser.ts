/**
 * The browser every E2E test uses: the system Chromium when there is one, else Playwright's own download,
 * launched headless with a fresh profile. It prints which one it picked so a failing run says what it ran on.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where a Chromium binary was found, and how. */
export interface ChromiumChoice {
  executablePath: string;
  source: 'system' | 'playwright';
}

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

/** Flags from DESIGN: headless, no sandbox (containers), and no background traffic of Chromium's own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The system Chromium if installed, else Playwright's download if present; throws saying how to get one. */
export function findChromium(): ChromiumChoice {
  const system = SYSTEM_CANDIDATES.find((path) => existsSync(path));
  if (system) return { executablePath: system, source: 'system' };
  const bundled = safePlaywrightPath();
  if (bundled && existsSync(bundled)) return { executablePath: bundled, source: 'playwright' };
  throw new Error(
    'No Chromium found for the browser tests: install it (`apt-get install chromium`) ' +
      'or run `npx playwright-core install chromium`.',
  );
}

function safePlaywrightPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined; // playwright has no browser registry entry here: there is simply no download
  }
}

/** A launched browser with a fresh profile; `close()` removes the profile. */
export interface TestBrowser {
  context: BrowserContext;
  choice: ChromiumChoice;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

let announced = false;

/** Launch Chromium headless in a fresh user-data-dir. */
export async function launchBrowser(): Promise<TestBrowser> {
  const choice = findChromium();
  if (!announced) {
    console.log(`e2e: using ${choice.source} Chromium at ${choice.executablePath}`);
    announced = true;
  }
  const profile = mkdtempSync(join(tmpdir(), 'autopilot-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: choice.executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    timeout: 30_000,
  });
  context.setDefaultTimeout(10_000);
  return {
    context,
    choice,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
