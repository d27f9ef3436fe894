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

  it('a recursive delete of the work dir: the dialog shows risk and reasons; Deny with a note keeps the files; an edited command runs instead', async () => {
    const server = await harness.model([
      { tool_calls: [{ name: 'run_command', arguments: { command: 'mkdir -p src build && echo keep > src/keep.txt && echo out > build/out.txt' } }] },
      { tool_calls: [{ name: 'run_command', arguments: { command: 'rm -rf .' } }] },
      { tool_calls: [{ name: 'run_command', arguments: { command: 'rm -rf *' } }] },
      { tool_calls: [{ name: 'run_command', arguments: { command: 'find . -type f | sort' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Cleaned the build.' } }] },
    ]);
    const page = await harness.open(server); // the default threshold: high
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Clean the build output');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Approval required', exact: true });
    await dialog.waitFor({ timeout: 10_000 });
    const shown = await dialog.textContent();
    const command = dialog.getByRole('textbox', { name: 'Command', exact: true });
    expect([await command.inputValue(), shown?.includes('Risk high'), shown?.includes('deletes the work dir and everything in it')]).toEqual(['rm -rf .', true, true]);
    await dialog.getByRole('textbox', { name: 'Note to the agent', exact: true }).fill('Keep src; only the build output goes.');
    await dialog.getByRole('button', { name: 'Deny', exact: true }).click();

    // the next proposal: the person edits it before approving
    await expect.poll(async () => (await dialog.isVisible()) && (await command.inputValue()), { timeout: 10_000 }).toBe('rm -rf *');
    const denied = server.requests[2].body.messages.at(-1);
    await command.fill('rm -rf build');
    await screenshot(page, 'approval-edit');
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('completed');
    const listing = server.requests[4].body.messages.at(-1).content as string;
    expect({ denied: [denied.role, String(denied.content).includes('Keep src; only the build output goes.')], listing }).toEqual({
      denied: ['tool', true],
      listing: 'Exit code: 0\n./src/keep.txt',
    });
    const edited = server.requests[3].body.messages.at(-1).content as string;
    expect(edited.startsWith('The person approved an edited command: rm -rf build')).toBe(true);
    await page.close();
  });
});
