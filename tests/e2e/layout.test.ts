/**
 * The layout in its main states, light and dark, wide and narrow: every named region is there once, nothing
 * spills sideways, and screenshots of each state are taken to be looked at.
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

const NAMES: [role: 'textbox' | 'button' | 'status' | 'region', name: string][] = [
  ['textbox', 'Task'],
  ['button', 'Run'],
  ['button', 'Stop'],
  ['button', 'Download zip'],
  ['button', 'Settings'],
  ['button', 'Import project'],
  ['button', 'Reset workspace'],
  ['status', 'Run status'],
  ['region', 'Terminal'],
  ['region', 'Files'],
  ['region', 'Preview'],
];

describe('the layout', () => {
  it('has each accessible name once, fits 1280×800 and a narrow window, light and dark', async () => {
    const server = await harness.model([
      { content: 'I will list the files, then **finish**.', tool_calls: [{ name: 'run_command', arguments: { command: 'printf "one\\ntwo\\n" > list.txt && cat list.txt' } }] },
      { delay_ms: 3_000, tool_calls: [{ name: 'finish', arguments: { summary: 'Listed.' } }] },
    ]);
    const page = await harness.open(server);
    const counts = await Promise.all(NAMES.map(([role, name]) => page.getByRole(role, { name, exact: true }).count()));
    expect(counts).toEqual(NAMES.map(() => 1));
    await screenshot(page, 'empty-light');

    await page.close();

    const dark = await harness.open(server, {}, { colorScheme: 'dark' });
    await dark.getByRole('textbox', { name: 'Task', exact: true }).fill('Write a list and show it');
    await dark.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => runStatus(dark).textContent(), { timeout: 10_000 }).toContain('in_progress');
    await dark.waitForTimeout(800);
    await screenshot(dark, 'running-dark');

    await dark.setViewportSize({ width: 420, height: 860 });
    await dark.waitForTimeout(300);
    const overflow = await dark.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await screenshot(dark, 'narrow-dark', { fullPage: true });
    expect(overflow).toBeLessThanOrEqual(0);
    await expect.poll(() => runStatus(dark).textContent(), { timeout: 10_000 }).toContain('completed');
    await dark.close();
  });
});
