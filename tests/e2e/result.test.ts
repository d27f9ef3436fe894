/** An ended run shows its summary in full (sanitised markdown) and its outputs as a table; so does its history row's tooltip. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatus, screenshot, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const SUMMARY = 'Wrote **count.sh**.\n\n- counts words\n- <img src=x onerror=alert(1)> stays text';

describe('the result of a run', () => {
  it('shows the summary as markdown and the outputs as a table, in the page and in the history tooltip', async () => {
    const server = await harness.model([
      { tool_calls: [{ name: 'finish', arguments: { summary: SUMMARY, outputs: { script: 'count.sh', words: 42 } } }] },
    ]);
    const page = await harness.open(server);
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Count words');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('completed');
    const result = page.getByRole('region', { name: 'Result', exact: true });
    expect(await result.locator('strong').allTextContents()).toEqual(['count.sh']);
    expect(await result.locator('li').allTextContents()).toEqual(['counts words', '<img src=x onerror=alert(1)> stays text']);
    expect(await result.locator('img').count()).toBe(0);
    const rows = await result.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
    expect(rows).toEqual([
      ['script', 'count.sh'],
      ['words', '42'],
    ]);
    const row = page.getByRole('navigation', { name: 'Run history', exact: true }).getByRole('button', { name: 'Count words' });
    // the history row follows the stored run: it gets the summary once the ending is stored
    await expect.poll(() => row.getAttribute('title'), { timeout: 5_000 }).toBe(`Count words\n\n${SUMMARY}\n\nOutputs:\nscript: count.sh\nwords: 42`);
    await screenshot(page, 'result');
    await page.close();
  });
});
