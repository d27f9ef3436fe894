/**
 * E2E: durable runs. A finished run survives a reload: opened from "Run history" it replays its terminal byte
 * for byte and downloads its files; a follow-up goes on from its files and conversation on a fresh sandbox;
 * an exported run imported again is the same run.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedTurn } from '../fixtures/scripted-server';
import { plain, runStatus, screenshot, startHarness, terminalStream, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const TASK = 'Write a greeting file and show it';
const FIRST_RUN: ScriptedTurn[] = [
  { tool_calls: [{ name: 'write_file', arguments: { path: 'notes.md', content: '# Notes\nkept across reloads\n' } }] },
  { tool_calls: [{ name: 'run_command', arguments: { command: 'mkdir -p src && printf "hello\\n" > src/hello.txt && cat src/hello.txt' } }] },
  { tool_calls: [{ name: 'run_command', arguments: { command: 'printf "\\033[1;34mblue\\033[0m and a very long line %s\\n" "$(printf "x%.0s" $(seq 1 120))"' } }] },
  { tool_calls: [{ name: 'finish', arguments: { summary: 'Greeting written.', outputs: { files: 2 } } }] },
];

async function reload(page: Page): Promise<void> {
  await page.reload({ timeout: 15_000 });
  await page.waitForFunction(() => Boolean(window.autopilot?.agents), undefined, { timeout: 10_000 });
}

async function save(page: Page, click: () => Promise<void>): Promise<Uint8Array> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), click()]);
  return new Uint8Array(readFileSync((await download.path())!));
}

function zipTexts(bytes: Uint8Array): Record<string, string> {
  const entries = Object.entries(unzipSync(bytes)).filter(([name]) => !name.endsWith('/'));
  return Object.fromEntries(entries.map(([name, data]) => [name, strFromU8(data)]));
}

const historyButton = (page: Page, task: string) =>
  page.getByRole('navigation', { name: 'Run history', exact: true }).getByRole('button', { name: task });

describe('runs that outlive the page', () => {
  it('replays a finished run after a reload, byte for byte, with its files; follows up on it; export → import is the same run', async () => {
    const server = await harness.model(FIRST_RUN);
    const page = await harness.open(server);
    const task = page.getByRole('textbox', { name: 'Task', exact: true });
    await task.fill(TASK);
    await task.press('Enter');
    await expect.poll(() => runStatus(page).textContent(), { timeout: 15_000 }).toContain('completed');
    const live = await terminalStream(page);
    expect(plain(live)).toContain('hello\n');

    await reload(page);
    await expect.poll(() => historyButton(page, TASK).count(), { timeout: 5_000 }).toBe(1);
    await historyButton(page, TASK).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 5_000 }).toContain('completed');
    await expect.poll(() => terminalStream(page), { timeout: 5_000 }).toBe(live);
    const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
    expect(await timeline.locator('.tool .name').allTextContents()).toEqual(['write_file', 'run_command', 'run_command', 'finish']);
    const zip = await save(page, () => page.getByRole('button', { name: 'Download zip', exact: true }).click());
    expect(zipTexts(zip)).toEqual({ 'notes.md': '# Notes\nkept across reloads\n', 'src/hello.txt': 'hello\n' });
    await screenshot(page, 'history');

    // export, then import: the same run under a new id
    const exported = JSON.parse(strFromU8(await save(page, () => page.getByRole('button', { name: 'Export run', exact: true }).click())));
    await page.getByLabel('Import run', { exact: true }).setInputFiles({
      name: 'run.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(exported)),
    });
    await expect.poll(() => historyButton(page, TASK).count(), { timeout: 5_000 }).toBe(2);
    const imported = JSON.parse(strFromU8(await save(page, () => page.getByRole('button', { name: 'Export run', exact: true }).click())));
    expect(imported.run.id).not.toBe(exported.run.id);
    const same = (trajectory: { run: object; exported_at: number }) => ({ ...trajectory, run: { ...trajectory.run, id: 'x' }, exported_at: 0 });
    expect(same(imported)).toEqual(same(exported));
    await expect.poll(() => terminalStream(page), { timeout: 5_000 }).toBe(live);

    // a follow-up of the first run, on this fresh sandbox: its files and its conversation
    await historyButton(page, TASK).last().click();
    server.setScript([
      { tool_calls: [{ name: 'run_command', arguments: { command: 'cat src/hello.txt notes.md' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Read them.' } }] },
    ]);
    const before = server.requests.length;
    expect(await page.getByText('Follow up', { exact: true }).isVisible()).toBe(true);
    await task.fill('Now read both files');
    await task.press('Enter');
    // the status shows the first run's "completed" until the follow-up is shown: wait for the follow-up itself
    const newest = () => page.evaluate(async () => (await window.autopilot.agents.list()).map((run) => `${run.instructions}: ${run.status}`)[0]);
    await expect.poll(newest, { timeout: 15_000 }).toBe('Now read both files: completed');
    await expect.poll(async () => plain(await terminalStream(page)), { timeout: 5_000 }).toContain('hello\n# Notes\nkept across reloads\n');
    expect(await runStatus(page).textContent()).toContain('completed');
    const firstRequest = server.requests[before].body.messages as { role: string; content: string | null; tool_calls?: unknown[] }[];
    expect(firstRequest.map((message) => message.role)).toEqual([
      'system', 'user', 'assistant', 'tool', 'assistant', 'tool', 'assistant', 'tool', 'assistant', 'tool', 'user',
    ]);
    expect([firstRequest[1].content, firstRequest.at(-1)?.content]).toEqual([
      TASK,
      'Follow-up task (the work dir is as the previous task left it):\nNow read both files',
    ]);
    const runs = await page.evaluate(() => window.autopilot.agents.list());
    expect(runs.map((run) => [run.instructions, run.status, Boolean(run.parent_id)])).toEqual([
      ['Now read both files', 'completed', true],
      [TASK, 'completed', false],
      [TASK, 'completed', false],
    ]);
    await screenshot(page, 'history-follow-up');
    await page.close();
  });
});
