/**
 * E2E: checkpoints you can see and undo. A scripted run writes a file, changes it with `sed -i` (and adds one),
 * then deletes that one: the step shows its counts and opens its diff; the region Changes lists the run's
 * files and Download patch gives a patch `git apply` turns the start into the end; Restore files to step 2
 * brings step 2's tree back into Files; Fork from step 2 runs a scripted follow-up from that step. A patch that
 * would carry the API key or a key-shaped string asks first: cancel downloads nothing, as is or redacted applies.
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
    await expect.poll(() => dialog.locator('.cm-splitDiff .cm-editor').count(), { timeout: 5_000 }).toBe(2);
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

/** The page's API key (not key-shaped: only the registry knows it) and a key-shaped string (AWS's example key). */
const API_KEY = 'local-e2e-key-5b8e1f2a9c';
const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';

describe('Download patch with a secret in it', () => {
  it('asks first: cancel downloads nothing, "as is" and "redact" give patches git apply applies', async () => {
    const server = await harness.model([
      { tool_calls: [{ id: 'w1', name: 'write_file', arguments: { path: 'config.js', content: `export const aws = '${AWS_KEY}';\n` } }] },
      { tool_calls: [{ id: 'w2', name: 'write_file', arguments: { path: '.env.local', content: `MODEL_KEY=${API_KEY}\nPORT=3000\n` } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Wrote the config.' } }] },
    ]);
    const page = await harness.open(server);
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Write the config');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await runUntil(page, 'completed');
    // the key is set after the run (set before, the page scrubs it from the model's arguments: the file gets [redacted])
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
    await settings.getByRole('textbox', { name: 'API key', exact: true }).fill(API_KEY);
    await settings.getByRole('button', { name: 'Done', exact: true }).click();

    let downloads = 0;
    page.on('download', () => downloads++);
    const changes = page.getByRole('region', { name: 'Changes', exact: true });
    const downloadPatch = changes.getByRole('button', { name: 'Download patch', exact: true });
    const prompt = page.getByRole('alertdialog', { name: 'Secret in the patch', exact: true });
    await downloadPatch.click();
    const question = await prompt.locator('p').innerText({ timeout: 5_000 });
    await prompt.getByRole('button', { name: 'Cancel patch download', exact: true }).click();
    await expect.poll(() => prompt.count(), { timeout: 5_000 }).toBe(0);
    await page.waitForTimeout(500); // a download would have started by now
    const afterCancel = downloads;

    await downloadPatch.click();
    const asIs = await downloaded(page, () => prompt.getByRole('button', { name: 'Download patch as is', exact: true }).click());
    await downloadPatch.click();
    const redacted = await downloaded(page, () => prompt.getByRole('button', { name: 'Redact and download patch', exact: true }).click());
    const applied = (patch: string) => {
      const root = writeTree([]);
      try {
        gitApply(root, patch);
        return readTree(root).map((file) => [file.path, new TextDecoder().decode(file.data)]);
      } finally {
        removeTree(root);
      }
    };
    expect({
      question: question.replace(/\s+/g, ' ').trim(),
      afterCancel,
      asIs: applied(asIs),
      redacted: applied(redacted),
      redactedHolds: [redacted.includes(API_KEY), redacted.includes(AWS_KEY)],
    }).toEqual({
      question:
        '2 changed files hold a secret: ".env.local" (model API key), "config.js" (AWS access key). ' +
        'Redact replaces it with [redacted] in the patch (the work dir is not changed).',
      afterCancel: 0,
      asIs: [
        ['.env.local', `MODEL_KEY=${API_KEY}\nPORT=3000\n`],
        ['config.js', `export const aws = '${AWS_KEY}';\n`],
      ],
      redacted: [
        ['.env.local', 'MODEL_KEY=[redacted]\nPORT=3000\n'],
        ['config.js', "export const aws = '[redacted]';\n"],
      ],
      redactedHolds: [false, false],
    });
  });
});
