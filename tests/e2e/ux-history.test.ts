/**
 * History you can use (issue 22, item 8): rename a run, filter by text and status, go from a follow-up to its
 * parent, see the thread of follow-ups, and after a reload the run shown before is shown again.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatus, screenshot, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const history = (page: Page) => page.getByRole('navigation', { name: 'Run history', exact: true });

/** The history's rows as shown: the text of each, and which one is current. */
async function rows(page: Page): Promise<string[]> {
  return history(page)
    .locator('li button[title]')
    .evaluateAll((buttons) =>
      buttons.map((button) => {
        const parts = [...button.querySelectorAll('.name, .task')].map((part) => part.textContent!.trim()).join(' / ');
        const depth = parseInt((button.parentElement as HTMLElement).style.paddingLeft || '0', 10) / 12;
        return `${'  '.repeat(depth)}${parts}${button.getAttribute('aria-current') ? ' *' : ''}`;
      }),
    );
}

async function runAndWait(page: Page, task: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill(task);
  await page.getByRole('textbox', { name: 'Task', exact: true }).press('Enter');
  await expect.poll(() => history(page).getByRole('button', { name: task }).count(), { timeout: 10_000 }).toBe(1);
  await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('completed');
}

describe('history you can use', () => {
  it('renames, filters, links a follow-up to its parent and its thread, and reopens the shown run after a reload', async () => {
    const finish = (summary: string) => ({ tool_calls: [{ name: 'finish', arguments: { summary } }] });
    const server = await harness.model([finish('Counted words.'), finish('Counted lines.'), finish('Deployed.')]);
    const page = await harness.open(server);
    await page.setViewportSize({ width: 1280, height: 800 });
    await runAndWait(page, 'Count words');
    await runAndWait(page, 'Count lines'); // a follow-up of "Count words"
    expect(await rows(page)).toEqual(['Count lines *', 'Count words']);

    await page.getByRole('button', { name: 'Rename run', exact: true }).click();
    await page.getByRole('textbox', { name: 'Run name', exact: true }).fill('Line counter');
    await page.getByRole('button', { name: 'Save name', exact: true }).click();
    expect(await rows(page)).toEqual(['Line counter / Count lines *', 'Count words']);

    const filter = history(page).getByRole('searchbox', { name: 'Filter runs', exact: true });
    const status = history(page).getByRole('combobox', { name: 'Status filter', exact: true });
    await filter.fill('counter');
    expect(await rows(page)).toEqual(['Line counter / Count lines *']);
    await filter.fill('count');
    await status.selectOption({ label: 'Failed' });
    expect([await rows(page), await history(page).getByText('No run matches the filter.').count()]).toEqual([[], 1]);
    await status.selectOption({ label: 'All runs' });
    await filter.fill('');

    await page.getByRole('button', { name: 'Parent run', exact: true }).click();
    expect(await rows(page)).toEqual(['Line counter / Count lines', 'Count words *']);
    await page.getByRole('button', { name: 'Show thread', exact: true }).click();
    expect(await rows(page)).toEqual(['Count words *', '  Line counter / Count lines']);
    await screenshot(page, 'ux-history-thread');
    await history(page).getByRole('button', { name: 'All runs', exact: true }).click();

    await page.reload();
    await page.waitForFunction(() => Boolean(window.autopilot?.agents), undefined, { timeout: 10_000 });
    await expect.poll(() => rows(page), { timeout: 10_000 }).toEqual(['Line counter / Count lines', 'Count words *']);
    expect(await runStatus(page).textContent()).toContain('completed');
    await page.close();
  });
});
