/**
 * Keyboard: the agent's terminal lets focus go (Tab, Esc) and says so; the approval dialog keeps focus inside,
 * Esc closes it without answering (the run keeps waiting, the banner brings it back), and focus returns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatus, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('keyboard', () => {
  it('leaves the terminal with Tab or Esc, and traps focus in the approval dialog until Esc', async () => {
    const server = await harness.model([
      { tool_calls: [{ name: 'run_command', arguments: { command: 'rm -rf ~/' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Cleaned.' } }] },
    ]);
    const page = await harness.open(server);
    const terminal = page.getByRole('region', { name: 'Terminal', exact: true });
    const described = await terminal.evaluate((element) => document.getElementById(element.getAttribute('aria-describedby')!)?.textContent);
    expect(described).toBe('Read-only. Tab or Esc leaves the terminal.');
    const inTerminal = () => page.evaluate(() => document.activeElement?.closest('[aria-label="Terminal"]') !== null);
    const helper = terminal.locator('.xterm-helper-textarea');
    await helper.waitFor({ state: 'attached', timeout: 10_000 });
    await helper.focus();
    expect(await inTerminal()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await inTerminal()).toBe(false);
    await helper.focus();
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Terminal');

    const task = page.getByRole('textbox', { name: 'Task', exact: true });
    await task.fill('Clean up');
    await task.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Approval required', exact: true });
    await dialog.waitFor({ timeout: 10_000 });
    const inDialog = () => page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null);
    const stayed: boolean[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      stayed.push(await inDialog());
    }
    expect(stayed).toEqual(Array(8).fill(true));
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    expect(await runStatus(page).textContent()).toContain('awaiting_human');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('task');
    const banner = page.getByRole('region', { name: 'Runs waiting for you', exact: true });
    expect(await banner.textContent()).toContain('Clean up needs your answer');
    await banner.getByRole('button', { name: 'Answer: Clean up', exact: true }).click();
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('completed');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('task');
    await page.close();
  });
});
