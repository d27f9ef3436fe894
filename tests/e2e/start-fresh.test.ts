/** Start fresh says what happens to the work dir and offers to empty it; follow-up or fresh is visible at a glance. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatus, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('start fresh', () => {
  it('keeps the files unless asked, and empties the work dir on request', async () => {
    const server = await harness.model([
      { tool_calls: [{ name: 'write_file', arguments: { path: 'notes.md', content: 'hi\n' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Wrote it.' } }] },
    ]);
    const page = await harness.open(server);
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Write notes');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('completed');
    expect(await page.getByText('Follow up', { exact: true }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Start fresh', exact: true }).click();
    const fresh = page.getByRole('group', { name: 'Start fresh', exact: true });
    expect(await fresh.locator('p').textContent()).toContain('The work dir keeps the files it has now');
    expect(await page.getByText('Follow up', { exact: true }).count()).toBe(0);
    await fresh.getByRole('button', { name: 'Follow up instead', exact: true }).click();
    expect(await page.getByText('Follow up', { exact: true }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Start fresh', exact: true }).click();
    await fresh.getByRole('button', { name: 'Empty the work dir', exact: true }).click();
    const files = page.getByRole('region', { name: 'Files', exact: true });
    await expect.poll(() => files.textContent(), { timeout: 5_000 }).toContain('The work dir is empty.');
    expect(await fresh.count()).toBe(0);
    await page.close();
  });
});
