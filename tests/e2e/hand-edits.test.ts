/**
 * E2E: the person's hand. (1) After a run, the person edits a file in Files (CodeMirror), saves with Ctrl+S, and
 * the follow-up's first request carries a note with the path and the diff. (2) With "Ask before file changes",
 * a write_file waits for review: the dialog shows the diff, the person edits the new content, approves, and
 * their version is what gets written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedTurn } from '../fixtures/scripted-server';
import { runUntil, screenshot, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

type Body = { messages: { role: string; content: string; tool_call_id?: string }[] };

describe('editing by hand', () => {
  it('saves a file between runs, and the next model turn hears of it', async () => {
    const turns: ScriptedTurn[] = [
      { tool_calls: [{ id: 'w1', name: 'write_file', arguments: { path: 'notes.txt', content: 'hello\n' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Wrote notes.' } }] },
      { tool_calls: [{ id: 'c2', name: 'run_command', arguments: { command: 'cat notes.txt' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Read it.' } }] },
    ];
    const server = await harness.model(turns);
    const page = await harness.open(server);
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Write notes');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await runUntil(page, 'completed');

    const files = page.getByRole('region', { name: 'Files', exact: true });
    await files.getByText('notes.txt', { exact: true }).click();
    const editor = files.getByRole('textbox', { name: 'Edit notes.txt', exact: true });
    await editor.waitFor({ timeout: 10_000 });
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('from me');
    await page.keyboard.press('Control+s');
    await expect.poll(() => files.textContent(), { timeout: 5_000 }).toContain('Saved notes.txt.');
    await screenshot(page, 'hand-edit-saved');

    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Read the notes');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await runUntil(page, 'completed');
    const bodies = server.requests.filter((request) => request.path.endsWith('/chat/completions')).map((request) => request.body as Body);
    const note = bodies[2].messages.at(-1)!;
    expect({
      role: note.role,
      starts: note.content.startsWith('The person edited files by hand since your last turn: notes.txt.'),
      diff: note.content.slice(note.content.indexOf('diff --git')),
      read: bodies[3].messages.find((message) => message.tool_call_id === 'c2')?.content,
    }).toEqual({
      role: 'user',
      starts: true,
      diff:
        'diff --git a/notes.txt b/notes.txt\nindex ce01362..0e5e3ae 100644\n'.replace(/index .*\n/, note.content.match(/index .*\n/)![0]) +
        '--- a/notes.txt\n+++ b/notes.txt\n@@ -1 +1,2 @@\n hello\n+from me\n\\ No newline at end of file\n',
      read: 'Exit code: 0\nhello\nfrom me',
    });
  });

  it('holds a write for review with "Ask before file changes"; the edited content is what gets written', async () => {
    const turns: ScriptedTurn[] = [
      { tool_calls: [{ id: 'w1', name: 'write_file', arguments: { path: 'app.js', content: 'console.log("agent");\n' } }] },
      { tool_calls: [{ id: 'c2', name: 'run_command', arguments: { command: 'cat app.js' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Done.' } }] },
    ];
    const server = await harness.model(turns);
    const page = await harness.open(server);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
    await settings.getByRole('checkbox', { name: 'Ask before file changes', exact: true }).check();
    await page.keyboard.press('Escape');
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Write app.js');
    await page.getByRole('button', { name: 'Run', exact: true }).click();

    const dialog = page.getByRole('dialog', { name: 'Approval required', exact: true });
    await dialog.waitFor({ timeout: 15_000 });
    const diff = dialog.getByRole('region', { name: 'Diff of app.js', exact: true });
    await expect.poll(() => diff.locator('.cm-content').innerText(), { timeout: 10_000 }).toContain('console.log("agent");');
    const content = dialog.getByRole('textbox', { name: 'New content', exact: true });
    const proposed = await content.inputValue();
    await content.fill('console.log("person");\n');
    await content.blur();
    await screenshot(page, 'approval-file-diff');
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await runUntil(page, 'completed');
    const bodies = server.requests.filter((request) => request.path.endsWith('/chat/completions')).map((request) => request.body as Body);
    expect({
      proposed,
      written: bodies[1].messages.find((message) => message.tool_call_id === 'w1')?.content,
      read: bodies[2].messages.find((message) => message.tool_call_id === 'c2')?.content,
    }).toEqual({
      proposed: 'console.log("agent");\n',
      written: expect.stringContaining('The person edited content before approving; what ran is their version.'),
      read: 'Exit code: 0\nconsole.log("person");',
    });
  });
});
