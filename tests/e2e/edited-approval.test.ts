/** An edited approval: `$ command` appears only when it runs, as the person edited it, marked "edited by you". */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plain, runStatus, startHarness, terminalStream, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('an edited approval', () => {
  it('shows the command that ran, not the one proposed, and nothing before approval', async () => {
    const server = await harness.model([
      { tool_calls: [{ name: 'run_command', arguments: { command: 'rm -rf ~/' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Done.' } }] },
    ]);
    const page = await harness.open(server);
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Clean up');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Approval required', exact: true });
    await dialog.waitFor({ timeout: 10_000 });
    expect(plain(await terminalStream(page))).toBe('');
    await dialog.getByRole('textbox', { name: 'Command', exact: true }).fill('echo safe');
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('completed');
    expect(plain(await terminalStream(page))).toBe('$ echo safe  # edited by you\nsafe\n');
    const card = page.getByRole('region', { name: 'Timeline', exact: true }).locator('.tool').first();
    expect([await card.locator('.what').textContent(), await card.locator('.badge.edited').textContent()]).toEqual(['echo safe', 'edited by you']);
    await page.close();
  });
});
