/**
 * E2E: checkpoints you can see and undo. A scripted run writes a file, changes it with `sed -i` (and adds one),
 * then deletes that one: the step shows its counts and opens its diff; the region Changes lists the run's
 * files and Download patch gives a patch `git apply` turns the start into the end; Restore files to step 2
 * brings step 2's tree back into Files; Fork from step 2 runs a scripted follow-up from that step.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ScriptedTurn } from '../fixtures/scripted-server';
import { runStatus, runUntil, screenshot, startHarness, type AppHarness } from './harness/app';
import { gitApply, readTree, removeTree, writeTree } from '../unit/changes/git-tree';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const TURNS: ScriptedTurn[] = [
  { tool_calls: [{ id: 'w1', name: 'write_file', arguments: { path: 'notes.txt', content: 'one\ntwo\nthree\n' } }] },
  { tool_calls: [{ id: 's2', name: 'run_command', arguments: { command: "sed -i 's/two/TWO/' notes.txt && printf 'x\\n' > extra.txt" } }] },
  { tool_calls: [{ id: 'r3', name: 'run_command', arguments: { command: 'rm extra.txt && echo four >> notes.txt' } }] },
  { tool_calls: [{ name: 'finish', arguments: { summary: 'Edited notes.' } }] },
  // the fork
  { tool_calls: [{ id: 'f1', name: 'run_command', arguments: { command: 'ls' } }] },
  { tool_calls: [{ name: 'finish', arguments: { summary: 'Forked.' } }] },
];

async function downloaded(page: Page, click: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), click()]);
  return readFileSync((await download.path())!, 'utf8');
}

describe('checkpoints', () => {
  it('shows what a step changed, downloads the patch, restores step 2 and forks from it', async () => {
    const server = await harness.model(TURNS);
    const page = await harness.open(server);
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Edit the notes');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await runUntil(page, 'completed');

    // the step of `sed -i` says what it changed and opens its diff
    const stepTwo = page.getByRole('button', { name: 'Step 2: 2 files, +2 −1', exact: true });
    await stepTwo.click();
    const dialog = page.getByRole('dialog', { name: 'Changes of step 2', exact: true });
    const listed = await dialog.getByRole('navigation', { name: 'Changed files', exact: true }).innerText();
    await dialog.getByRole('button', { name: /notes\.txt/ }).click();
    await expect.poll(() => dialog.locator('.cm-changedLine').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const diffText = await dialog.locator('.cm-content').innerText();
    await screenshot(page, 'checkpoints-step-diff');
    await dialog.getByRole('button', { name: 'Side by side', exact: true }).click();
    await expect.poll(() => dialog.locator('.cm-mergeView').count(), { timeout: 5_000 }).toBe(1);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    // the run's changes and its patch
    const changes = page.getByRole('region', { name: 'Changes', exact: true });
    await expect.poll(() => changes.textContent(), { timeout: 5_000 }).toContain('notes.txt');
    const patch = await downloaded(page, () => changes.getByRole('button', { name: 'Download patch', exact: true }).click());
    const root = writeTree([]);
    try {
      gitApply(root, patch);
      expect(readTree(root).map((file) => [file.path, new TextDecoder().decode(file.data)])).toEqual([['notes.txt', 'one\nTWO\nthree\nfour\n']]);
    } finally {
      removeTree(root);
    }

    // restore step 2: Files shows step 2's tree
    const files = page.getByRole('region', { name: 'Files', exact: true });
    await page.getByRole('button', { name: 'Restore files to step 2', exact: true }).click();
    await expect.poll(() => files.textContent(), { timeout: 5_000 }).toContain('extra.txt');
    await screenshot(page, 'checkpoints-restored');

    // fork from step 2 with a new task
    await page.getByRole('button', { name: 'Fork from step 2', exact: true }).click();
    await page.getByRole('textbox', { name: 'Fork instructions', exact: true }).fill('List the files');
    await page.getByRole('button', { name: 'Start fork', exact: true }).click();
    await runUntil(page, 'completed');
    const bodies = server.requests.filter((request) => request.path.endsWith('/chat/completions')).map((request) => request.body);
    const forkFirst = bodies[4].messages as { role: string; content: string; tool_call_id?: string }[];
    const runs = await page.evaluate(() => window.autopilot.agents.list());
    expect({
      diffHasSed: diffText.includes('TWO'),
      status: await runStatus(page).textContent().then((text) => text?.includes('completed')),
      listed: listed.split('\n').filter(Boolean),
      forkSees: forkFirst.map((message) => message.tool_call_id ?? message.role),
      forkTask: forkFirst.at(-1)?.content.endsWith('New task:\nList the files'),
      forkListing: bodies[5].messages.find((message: { tool_call_id?: string }) => message.tool_call_id === 'f1')?.content,
      parent: runs[1].parent_id,
      forkParent: runs[0].parent_id === runs[1].id,
    }).toEqual({
      diffHasSed: true,
      status: true,
      listed: ['added', 'extra.txt', '+1 −0', 'modified', 'notes.txt', '+1 −1'],
      // the parent's conversation up to step 2 (its two calls and their results), then the fork's task
      forkSees: ['system', 'user', 'assistant', 'w1', 'assistant', 's2', 'user'],
      forkTask: true,
      forkListing: 'Exit code: 0\nextra.txt\nnotes.txt',
      parent: undefined,
      forkParent: true,
    });
  });
});
