/**
 * E2E 1 and 2: a task that writes files and runs commands, watched live in the terminal and the timeline, then
 * downloaded as a zip.
 */
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedServer, ScriptedTurn } from '../fixtures/scripted-server';
import { plain, runStatus, screenshot, startHarness, terminalStream, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const COMMANDS = ['mkdir -p src && printf "hello\\n" > src/hello.txt', 'cat src/hello.txt | tr a-z A-Z', 'ls src'];

/** A task: write a file, run three commands, finish with outputs. The last command's turn waits for the test. */
function script(): ScriptedTurn[] {
  return [
    { tool_calls: [{ name: 'write_file', arguments: { path: 'notes.md', content: '# Notes\nwritten by the agent\n' } }] },
    ...COMMANDS.map((command) => ({ tool_calls: [{ name: 'run_command', arguments: { command } }] })),
    {
      delay_ms: 1_500,
      content: 'All done.',
      tool_calls: [{ name: 'finish', arguments: { summary: 'Wrote notes.md and src/hello.txt.', outputs: { files: 2 } } }],
    },
  ];
}

function countCommands(stream: string): number {
  return COMMANDS.filter((command) => stream.includes(`$ ${command}\n`)).length;
}

describe('a task run from the page', () => {
  let server: ScriptedServer;

  it('shows each command in the terminal before the run completes, then completed with every tool call', async () => {
    server = await harness.model(script());
    const page = await harness.open(server);
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Make a notes file and a hello file');
    await page.getByRole('textbox', { name: 'Task', exact: true }).press('Enter');

    // the finish turn is held back 1.5 s: every command line must be in the terminal while the run still goes
    await expect
      .poll(async () => countCommands(plain(await terminalStream(page))), { timeout: 10_000, interval: 100 })
      .toBe(COMMANDS.length);
    const statusWhileRunning = await runStatus(page).textContent();
    const live = plain(await terminalStream(page));
    expect(statusWhileRunning).toContain('in_progress');
    expect(COMMANDS.map((command) => live.includes(`$ ${command}\n`))).toEqual(COMMANDS.map(() => true));
    expect(live).toContain('HELLO\n');

    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('completed');
    const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
    const calls = await timeline.locator('.tool .name').allTextContents();
    expect(calls).toEqual(['write_file', 'run_command', 'run_command', 'run_command', 'finish']);
    await screenshot(page, 'completed-run');
    // the history shows the run as it ended, not as it was when the list was last read
    const entry = page.getByRole('navigation', { name: 'Run history', exact: true }).getByRole('button', { name: 'Make a notes file' });
    await expect.poll(() => entry.textContent(), { timeout: 5_000 }).toContain('completed');

    // E2E 2: the zip of the work dir holds the files with their content
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10_000 }),
      page.getByRole('button', { name: 'Download zip', exact: true }).click(),
    ]);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const texts = Object.fromEntries(
      Object.entries(files)
        .filter(([name]) => !name.endsWith('/'))
        .map(([name, bytes]) => [name, strFromU8(bytes)]),
    );
    expect(texts).toEqual({ 'notes.md': '# Notes\nwritten by the agent\n', 'src/hello.txt': 'hello\n' });
    await page.close();
  });
});
