/**
 * E2E: "Reset workspace". A scripted run writes a file and starts a shell loop in the background, then finishes;
 * the person resets the workspace (after an inline confirmation): Files shows the work dir empty, the process's
 * tab shows it ended, and a new run finds no files (the loop wrote no more) and completes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedTurn } from '../fixtures/scripted-server';
import { panelText, runStatus, runUntil, screenshot, startHarness, type AppHarness } from './harness/app';

const LOOP = 'while true; do echo tick >> ticks.txt; sleep 0.2; done';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** The content of the tool message answering `callId` in the model's requests. */
function toolAnswer(bodies: { messages: { role: string; tool_call_id?: string; content: string }[] }[], callId: string): string | undefined {
  return bodies.flatMap((body) => body.messages).find((message) => message.role === 'tool' && message.tool_call_id === callId)?.content;
}

describe('resetting the workspace', () => {
  it('empties the work dir and stops the background process after a confirmation; a new run starts empty', async () => {
    const turns: ScriptedTurn[] = [
      { tool_calls: [{ id: 'call_write', name: 'write_file', arguments: { path: 'notes.txt', content: 'keep me?\n' } }] },
      { tool_calls: [{ id: 'call_start', name: 'start_process', arguments: { command: LOOP } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Wrote notes and started the ticker.' } }] },
      { tool_calls: [{ id: 'call_find', name: 'run_command', arguments: { command: 'find . -type f' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Nothing here.' } }] },
    ];
    const server = await harness.model(turns);
    const page = await harness.open(server);
    const files = page.getByRole('region', { name: 'Files', exact: true });
    const resetButton = page.getByRole('button', { name: 'Reset workspace', exact: true });
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Write notes and start a ticker');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await runUntil(page, 'completed');
    await expect.poll(() => files.textContent(), { timeout: 5_000 }).toContain('ticks.txt');
    const before = { notes: (await files.textContent())?.includes('notes.txt'), disabledAfterRun: await resetButton.isDisabled() };

    await resetButton.click();
    const confirm = page.getByRole('dialog', { name: 'Confirm reset', exact: true });
    const question = await confirm.locator('p').textContent();
    await screenshot(page, 'reset-confirm');
    await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
    const cancelled = { dialogs: await confirm.count(), notes: (await files.textContent())?.includes('notes.txt') };

    await resetButton.click();
    await confirm.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(() => files.textContent(), { timeout: 5_000 }).toContain('The work dir is empty.');
    await page.getByRole('tab', { name: `Process: ${LOOP}`, exact: true }).click();
    await expect.poll(() => panelText(page, `Process: ${LOOP}`), { timeout: 5_000 }).toContain('[process ended with exit code 143]');
    await screenshot(page, 'reset-done');
    await page.waitForTimeout(600); // a loop still running would write ticks.txt again by now

    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('List the files');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await runUntil(page, 'completed');
    const bodies = server.requests.filter((request) => request.path.endsWith('/chat/completions')).map((request) => request.body);
    expect({
      before,
      question,
      cancelled,
      listing: toolAnswer(bodies, 'call_find'),
      // a fresh run: its conversation does not carry the first run's
      freshConversation: bodies[3].messages.some((message: { tool_call_id?: string }) => message.tool_call_id === 'call_write'),
      filesAfter: await files.textContent(),
      runs: (await page.evaluate(() => window.autopilot.agents.list())).map((run) => run.status),
    }).toEqual({
      before: { notes: true, disabledAfterRun: false },
      question: 'This empties the work dir and stops every process. Download zip first if you want to keep it.',
      cancelled: { dialogs: 0, notes: true },
      listing: 'Exit code: 0\n(no output)',
      freshConversation: false,
      filesAfter: expect.stringContaining('The work dir is empty.'),
      runs: ['completed', 'completed'],
    });
    await page.close();
  });

  it('is disabled while a run works', async () => {
    const server = await harness.model([{ kind: 'hang' }]);
    const page = await harness.open(server);
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Think forever');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('in_progress');
    const whileWorking = await page.getByRole('button', { name: 'Reset workspace', exact: true }).isDisabled();
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 5_000 }).toContain('cancelled');
    expect({ whileWorking, afterStop: await page.getByRole('button', { name: 'Reset workspace', exact: true }).isDisabled() }).toEqual({
      whileWorking: true,
      afterStop: false,
    });
    await page.close();
  });
});
