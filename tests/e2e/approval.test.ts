/** A risky command waits in the dialog "Approval required"; Deny with a note tells the model, Approve runs it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plain, runStatus, screenshot, startHarness, terminalStream, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('approval of a risky action', () => {
  it('denies with a note that reaches the model, then approves and the command runs', async () => {
    const risky = 'rm -rf ~/';
    const server = await harness.model([
      { tool_calls: [{ name: 'run_command', arguments: { command: risky } }] },
      { tool_calls: [{ name: 'run_command', arguments: { command: risky } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Cleaned.' } }] },
    ]);
    const page = await harness.open(server);
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Clean up');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Approval required', exact: true });
    await dialog.waitFor({ timeout: 10_000 });
    expect(await runStatus(page).textContent()).toContain('awaiting_human');
    await dialog.getByRole('textbox', { name: 'Note to the agent', exact: true }).fill('Not the home folder.');
    await screenshot(page, 'approval');
    await dialog.getByRole('button', { name: 'Deny', exact: true }).click();

    await page.getByRole('dialog', { name: 'Approval required', exact: true }).waitFor({ timeout: 10_000 });
    await expect.poll(() => server.requests.length, { timeout: 5_000 }).toBe(2);
    const denied = JSON.stringify(server.requests[1].body.messages.at(-1));
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('completed');
    const stream = plain(await terminalStream(page));
    // the denied attempt shows as not run; the approved one ran (rm in the sandbox's own home: no output)
    expect([denied.includes('Not the home folder.'), stream.split('\n$ ').length, /denied[^\n]*\n\$ rm -rf ~\/\n$/.test(stream)]).toEqual([
      true,
      2,
      true,
    ]);
    await page.close();
  });
});
