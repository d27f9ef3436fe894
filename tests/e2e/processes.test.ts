/**
 * E2E: background processes in the lite sandbox. A scripted model starts a shell loop that writes a file with
 * start_process, reads it with process_output and stops it; the process gets its tab ("Process: <command>"),
 * and the person's "Shell" tab runs `echo hi`. The Preview says servers cannot run here.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedTurn } from '../fixtures/scripted-server';
import { panelText, runStatus, runUntil, screenshot, startHarness, type AppHarness } from './harness/app';

/** The process tabs and the shell exist once the page's work area mounts TerminalTabs (see docs/processes.md). */
const mounted = readFileSync(resolve(import.meta.dirname, '../../src/ui/page/WorkArea.svelte'), 'utf8').includes('<TerminalTabs');

const LOOP = 'while true; do echo tick >> ticks.txt; sleep 0.2; done';

let harness: AppHarness;
beforeAll(async () => {
  if (mounted) harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** What a tab panel's xterm shows (its buffer), to see that output sent while the tab was hidden got there. */
function panelScreen(page: Page, name: string): Promise<string> {
  return page
    .getByRole('tabpanel', { name, exact: true })
    .evaluate((element) => (element as HTMLElement & { autopilotTerminal?: { text(): string } }).autopilotTerminal?.text() ?? '');
}

/** The content of the tool message answering `callId` in the model's last request. */
function toolAnswer(body: { messages: { role: string; tool_call_id?: string; content: string }[] }, callId: string): string {
  return body.messages.find((message) => message.role === 'tool' && message.tool_call_id === callId)?.content ?? '';
}

describe.skipIf(!mounted)('background processes in the lite sandbox', () => {
  it('starts a shell loop, reads what it writes, stops it; its tab shows it; the Shell runs echo hi', async () => {
    const turns: ScriptedTurn[] = [
      { tool_calls: [{ id: 'call_start', name: 'start_process', arguments: { command: LOOP } }] },
      { tool_calls: [{ id: 'call_output', name: 'process_output', arguments: { id: 'p1' } }] },
      { tool_calls: [{ id: 'call_stop', name: 'stop_process', arguments: { id: 'p1' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Ran and stopped the ticker.' } }] },
    ];
    const server = await harness.model(turns);
    const page = await harness.open(server);
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Run a ticker in the background, look at it, stop it');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await runUntil(page, 'completed');

    const bodies = server.requests.filter((request) => request.path.endsWith('/chat/completions')).map((request) => request.body);
    const started = toolAnswer(bodies[1], 'call_start');
    const output = toolAnswer(bodies[2], 'call_output');
    expect({
      started: started.split('\n')[0],
      output: output.split('\n').slice(0, 3),
      stopped: toolAnswer(bodies[3], 'call_stop'),
    }).toEqual({
      started: 'Started process p1; it is running.',
      output: [
        `Process p1 (${LOOP}): running.`,
        "[still running. The lite sandbox learns a process's own output only when it ends; here is the end of each file it writes.]",
        '--- ticks.txt (last 50 lines) ---',
      ],
      stopped: 'Stopped process p1.',
    });

    const tab = page.getByRole('tab', { name: `Process: ${LOOP}`, exact: true });
    await tab.click();
    await expect.poll(() => panelText(page, `Process: ${LOOP}`), { timeout: 5_000 }).toContain('[process ended with exit code 143]');
    // written while the tab was hidden, shown in xterm once the tab opened
    await expect.poll(() => panelScreen(page, `Process: ${LOOP}`), { timeout: 5_000 }).toContain('[process ended with exit code 143]');
    await screenshot(page, 'process-tab');

    await page.getByRole('tab', { name: 'Shell', exact: true }).click();
    const shell = page.getByRole('tabpanel', { name: 'Shell', exact: true });
    await expect.poll(() => panelText(page, 'Shell'), { timeout: 5_000 }).toContain('project $ ');
    await shell.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('echo hi');
    await page.keyboard.press('Enter');
    await expect.poll(() => panelText(page, 'Shell'), { timeout: 5_000 }).toContain('project $ echo hi\nhi\nproject $ ');
    await screenshot(page, 'shell-tab');

    await page.getByRole('tab', { name: 'Terminal', exact: true }).click();
    expect({
      terminalRegions: await page.getByRole('region', { name: 'Terminal', exact: true }).count(),
      preview: await page.getByRole('region', { name: 'Preview', exact: true }).textContent(),
    }).toEqual({ terminalRegions: 1, preview: expect.stringContaining('The lite sandbox cannot run servers') });
    await page.close();
  });

  it('stops every background process when the person presses Stop', async () => {
    const turns: ScriptedTurn[] = [
      { tool_calls: [{ name: 'start_process', arguments: { command: LOOP } }] },
      { kind: 'hang' },
    ];
    const server = await harness.model(turns);
    const page = await harness.open(server);
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Start a ticker and wait');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const approve = page.getByRole('dialog', { name: 'Approval required', exact: true }).getByRole('button', { name: 'Approve', exact: true });
    const tab = page.getByRole('tab', { name: `Process: ${LOOP}`, exact: true });
    await expect.poll(async () => (await approve.isVisible()) ? (await approve.click(), false) : tab.isVisible(), { timeout: 10_000, interval: 200 }).toBe(true);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 5_000 }).toContain('cancelled');
    await tab.click();
    await expect.poll(() => panelText(page, `Process: ${LOOP}`), { timeout: 5_000 }).toContain('[process ended with exit code 143]');
    await page.close();
  });
});
