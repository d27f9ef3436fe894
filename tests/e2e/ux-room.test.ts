/**
 * Room to work (issue 22, item 7): the status and the shown run's actions share one row and the follow-up note
 * sits under the Task box; Preview is one line until there is something to preview, and Files gets the lower
 * area; above 1600 px the page takes the whole width; at 420 px the live timeline and terminal come before
 * the history during a run (and after it the history comes first again).
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

type Box = { x: number; y: number; width: number; height: number };

async function box(page: Page, role: 'region' | 'navigation' | 'status' | 'button', name: string): Promise<Box> {
  const found = await page.getByRole(role, { name, exact: true }).boundingBox();
  if (!found) throw new Error(`${role} "${name}" is not on screen`);
  return found;
}

/** The top of each pane, in the order they stand on the page (top to bottom, then left to right). */
async function paneOrder(page: Page): Promise<string[]> {
  const panes = [
    ['navigation', 'Run history'],
    ['region', 'Timeline'],
    ['region', 'Terminal'],
    ['region', 'Files'],
  ] as const;
  const placed = await Promise.all(panes.map(async ([role, name]) => ({ name, at: await box(page, role, name) })));
  return placed.sort((a, b) => a.at.y - b.at.y || a.at.x - b.at.x).map((pane) => pane.name);
}

describe('room to work', () => {
  it('merges rows, folds Preview to a line, uses wide windows, and puts the live run first when narrow', async () => {
    const server = await harness.model([
      { tool_calls: [{ name: 'write_file', arguments: { path: 'list.txt', content: 'one\ntwo\n' } }] },
      { delay_ms: 2_500, tool_calls: [{ name: 'finish', arguments: { summary: 'Listed.' } }] },
    ]);
    const page = await harness.open(server);
    await page.setViewportSize({ width: 420, height: 860 });
    await page.getByRole('button', { name: 'Dismiss the lite sandbox banner', exact: true }).click();
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Write a list');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('in_progress');
    expect(await paneOrder(page)).toEqual(['Timeline', 'Terminal', 'Run history', 'Files']);
    await screenshot(page, 'ux-room-420-live', { fullPage: true });
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('completed');
    // the history row follows the run at the same moment as the status region (it showed in_progress a while)
    const row = page.getByRole('navigation', { name: 'Run history', exact: true }).getByRole('button', { name: 'Write a list' });
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('completed');
    expect(await paneOrder(page)).toEqual(['Run history', 'Timeline', 'Terminal', 'Files']);

    await page.setViewportSize({ width: 1280, height: 800 });
    const [status, exportRun, startFresh, task, work, files, preview, terminal] = await Promise.all([
      box(page, 'status', 'Run status'),
      box(page, 'button', 'Export run'),
      box(page, 'button', 'Start fresh'),
      page.getByRole('textbox', { name: 'Task', exact: true }).boundingBox(),
      page.locator('main').boundingBox(),
      box(page, 'region', 'Files'),
      box(page, 'region', 'Preview'),
      box(page, 'region', 'Terminal'),
    ]);
    expect({
      // the status and the run's actions on one row; the follow-up note right under the Task box
      statusRow: Math.abs(status.y + status.height / 2 - (exportRun.y + exportRun.height / 2)) < 8,
      followUpUnderTask: startFresh.y > task!.y + task!.height && startFresh.y < task!.y + task!.height + 20,
      workspaceTall: work!.height >= 560,
      previewOneLine: preview.height <= 48,
      filesAsWideAsTerminal: files.width >= terminal.width - 40,
      filesTall: files.height >= 200,
    }).toEqual({ statusRow: true, followUpUnderTask: true, workspaceTall: true, previewOneLine: true, filesAsWideAsTerminal: true, filesTall: true });
    await screenshot(page, 'ux-room-1280');

    await page.setViewportSize({ width: 2200, height: 1000 });
    const wide = await page.locator('main').boundingBox();
    expect(wide!.width).toBeGreaterThanOrEqual(2200 - 2 * 18 - 1);
    await page.close();
  });
});
