/**
 * `git` in the lite sandbox of the built page (Chromium, the sandbox's own worker): a scripted agent edits a
 * file, commits, changes it again and reads `git diff` and `git status` — the front end loads on first use in
 * the worker and prints what the real git prints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedServer, ScriptedTurn } from '../fixtures/scripted-server';
import { plain, runStatus, startHarness, terminalStream, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const COMMANDS = [
  'git init -q && printf "one\\ntwo\\n" > a.txt && git add . && git commit -m "First" | tail -1',
  'printf "one\\n2\\n" > a.txt && git diff && git status --porcelain && git log --oneline | wc -l',
];

function script(): ScriptedTurn[] {
  return [
    ...COMMANDS.map((command) => ({ tool_calls: [{ name: 'run_command', arguments: { command } }] })),
    { tool_calls: [{ name: 'finish', arguments: { summary: 'Committed and diffed.' } }] },
  ];
}

describe('git in the page', () => {
  let server: ScriptedServer;

  it('runs in the lite sandbox worker with git-shaped output', async () => {
    server = await harness.model(script());
    const page = await harness.open(server);
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Use git');
    await page.getByRole('textbox', { name: 'Task', exact: true }).press('Enter');
    await expect.poll(() => runStatus(page).textContent(), { timeout: 20_000 }).toContain('completed');
    const stream = plain(await terminalStream(page));
    expect(stream).toContain(' create mode 100644 a.txt\n');
    expect(stream).toContain('diff --git a/a.txt b/a.txt\n');
    expect(stream).toContain('@@ -1,2 +1,2 @@\n one\n-two\n+2\n M a.txt\n1\n');
    await page.close();
  });
});
