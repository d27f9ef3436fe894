/**
 * E2E: a reload in the middle of a run. The run comes back `interrupted`; Resume rebuilds the work dir as of the
 * last committed step and goes on from the stored conversation to `completed`. Every tool call ran once: the
 * one that was running when the page went is reported to the model as interrupted and never run again.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERRUPTED_CALL } from '../../src/api/continuation';
import type { RecordedRequest, ScriptedTurn } from '../fixtures/scripted-server';
import { plain, runStatus, screenshot, startHarness, terminalStream, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const TASK = 'Count to three in a file';
const SLOW = 'echo three >> count.txt; sleep 20';
const run = (command: string): ScriptedTurn => ({ tool_calls: [{ name: 'run_command', arguments: { command } }] });
const TURNS: ScriptedTurn[] = [
  run('echo one >> count.txt'),
  run('echo two >> count.txt'),
  run(SLOW), // the page reloads while this one runs
  run('cat count.txt'),
  { tool_calls: [{ name: 'finish', arguments: { summary: 'Counted.' } }] },
];

type Message = { role: string; content: string | null; tool_call_id?: string; tool_calls?: { id: string; function: { arguments: string } }[] };
const messagesOf = (request: RecordedRequest) => request.body.messages as Message[];
const chats = (requests: RecordedRequest[]) => requests.filter((request) => request.path.endsWith('/chat/completions'));

async function reload(page: Page): Promise<void> {
  await page.reload({ timeout: 15_000 });
  await page.waitForFunction(() => Boolean(window.autopilot?.agents), undefined, { timeout: 10_000 });
}

/** How many `tool_call` events of the run the page has stored in IndexedDB. */
function storedToolCalls(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('autopilot');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('events').objectStore('events').getAll();
          all.onsuccess = () => {
            resolve((all.result as { type: string }[]).filter((event) => event.type === 'tool_call').length);
            open.result.close();
          };
        };
      }),
  );
}

/** The status of the run with this task as stored in IndexedDB (what a reload will find). */
function storedStatus(page: Page, task: string): Promise<string | undefined> {
  return page.evaluate(
    (task) =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('autopilot');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('runs').objectStore('runs').getAll();
          all.onsuccess = () => {
            resolve((all.result as { instructions: string; status: string }[]).find((run) => run.instructions === task)?.status);
            open.result.close();
          };
        };
      }),
    task,
  );
}

const RM_ALL = 'rm -rf *';

/**
 * Runs a task whose second command (a recursive delete of the work dir) waits for approval, reloads the page
 * while the dialog is open, opens the run from Run history, and checks the dialog asks again about that call.
 */
async function waitForApprovalAcrossReload(task: string) {
  const server = await harness.model([
    run('mkdir -p src build && echo keep > src/keep.txt && echo out > build/out.txt'),
    run(RM_ALL),
    run('find . -type f | sort'),
    { tool_calls: [{ name: 'finish', arguments: { summary: 'Done.' } }] },
  ]);
  const page = await harness.open(server);
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill(task);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Approval required', exact: true });
  await dialog.waitFor({ timeout: 10_000 });
  const before = await dialog.textContent();
  await expect.poll(() => storedStatus(page, task), { timeout: 5_000 }).toBe('awaiting_human');

  await reload(page);
  // the tab shows again the run it showed before the reload, with its question
  await dialog.waitFor({ timeout: 10_000 });
  expect(await page.getByRole('navigation', { name: 'Run history', exact: true }).getByRole('button', { name: task }).getAttribute('aria-current')).toBe('true');
  const command = await dialog.getByRole('textbox', { name: 'Command', exact: true }).inputValue();
  expect([command, await runStatus(page).textContent(), await dialog.textContent()]).toEqual([RM_ALL, expect.stringContaining('awaiting_human'), before]);
  await screenshot(page, 'approval-after-reload');
  return { page, server };
}

describe('a reload in the middle of a run', () => {
  it('comes back interrupted; Resume reaches completed, each tool call having run exactly once', async () => {
    const server = await harness.model(TURNS);
    const page = await harness.open(server);
    const task = page.getByRole('textbox', { name: 'Task', exact: true });
    await task.fill(TASK);
    await task.press('Enter');
    await expect.poll(async () => plain(await terminalStream(page)), { timeout: 15_000 }).toContain(`$ ${SLOW}\n`);
    await expect.poll(() => storedToolCalls(page), { timeout: 5_000 }).toBe(3);

    await reload(page);
    const entry = page.getByRole('navigation', { name: 'Run history', exact: true }).getByRole('button', { name: TASK });
    await expect.poll(() => entry.textContent(), { timeout: 5_000 }).toContain('interrupted');
    await entry.click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 5_000 }).toContain('interrupted');
    await screenshot(page, 'history-interrupted');
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 15_000 }).toContain('completed');

    // the work dir was rebuilt as of step 2: the interrupted call's line is gone and nothing ran twice
    expect(plain(await terminalStream(page))).toBe(
      [
        '$ echo one >> count.txt',
        '$ echo two >> count.txt',
        `$ ${SLOW}`,
        `[failed: ${INTERRUPTED_CALL.split('\n')[0]}]`,
        '$ cat count.txt',
        'one',
        'two',
        '',
      ].join('\n'),
    );
    const requests = chats(server.requests);
    expect(requests.length).toBe(5);
    const resumed = messagesOf(requests[3]);
    const commands = resumed.flatMap((message) => (message.tool_calls ?? []).map((call) => JSON.parse(call.function.arguments).command));
    expect(commands).toEqual(['echo one >> count.txt', 'echo two >> count.txt', SLOW]);
    const slowId = resumed.at(-3)?.tool_calls?.[0].id;
    expect(resumed.slice(-2).map((message) => [message.role, message.tool_call_id, message.content?.split(':')[0]])).toEqual([
      ['tool', slowId, 'Interrupted'],
      ['user', undefined, 'The run was interrupted (the page was closed or reloaded) and is now resumed. The work dir was restored as it was after step 2'],
    ]);
    expect(resumed.at(-1)?.content).toContain('shell state (current directory, exported variables) and every background process were lost');
    const final = await page.evaluate(() => window.autopilot.agents.list());
    expect(final.map((r) => [r.instructions, r.status, r.steps])).toEqual([[TASK, 'completed', 5]]);
    await page.close();
  });

  it('a run waiting for a reply survives a reload and can be answered after it', async () => {
    const server = await harness.model([
      { tool_calls: [{ name: 'ask_human', arguments: { question: 'Which colour?' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Teal it is.' } }] },
    ]);
    const page = await harness.open(server);
    const task = 'Pick a colour with me';
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill(task);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('awaiting_human');
    await expect.poll(() => storedStatus(page, task), { timeout: 5_000 }).toBe('awaiting_human');

    await reload(page);
    await page.getByRole('navigation', { name: 'Run history', exact: true }).getByRole('button', { name: task }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 5_000 }).toContain('awaiting_human');
    await page.getByRole('textbox', { name: 'Reply', exact: true }).fill('teal');
    await page.getByRole('button', { name: 'Send reply', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('completed');
    const requests = chats(server.requests);
    const asked = messagesOf(requests[1]);
    expect([requests.length, asked.at(-2)?.role, asked.at(-2)?.content]).toEqual([2, 'tool', 'The person replied: teal']);
    await page.close();
  });

  it('an approval pending at a reload is asked again for that call; Approve runs it once and the run completes', async () => {
    const { page, server } = await waitForApprovalAcrossReload('Clear the work dir');
    const dialog = page.getByRole('dialog', { name: 'Approval required', exact: true });
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 15_000 }).toContain('completed');

    const requests = chats(server.requests);
    const afterApproval = messagesOf(requests[2]);
    const rmId = afterApproval.findLast((message) => message.tool_calls)?.tool_calls?.[0].id;
    const toolOf = (messages: Message[], id: string | undefined) => messages.filter((message) => message.tool_call_id === id).map((m) => m.content);
    expect({
      requests: requests.length,
      rm: toolOf(afterApproval, rmId),
      note: afterApproval.at(-1)?.content?.startsWith('The run was interrupted'),
      listing: messagesOf(requests[3]).at(-1)?.content,
      shown: plain(await terminalStream(page)).split('\n').filter((line) => line === `$ ${RM_ALL}`).length,
    }).toEqual({ requests: 4, rm: ['Exit code: 0\n(no output)'], note: true, listing: 'Exit code: 0\n(no output)', shown: 1 });
    await page.close();
  });

  it('an approval pending at a reload, denied after it: the files stay and the model gets the note', async () => {
    const { page, server } = await waitForApprovalAcrossReload('Clear the work dir, maybe');
    const dialog = page.getByRole('dialog', { name: 'Approval required', exact: true });
    await dialog.getByRole('textbox', { name: 'Note to the agent', exact: true }).fill('Keep src.');
    await dialog.getByRole('button', { name: 'Deny', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 15_000 }).toContain('completed');

    const requests = chats(server.requests);
    const denied = messagesOf(requests[2]).filter((message) => message.role === 'tool').at(-1)?.content ?? '';
    expect([requests.length, denied.startsWith('The person denied this action; it was not run. Their note: Keep src.'), messagesOf(requests[3]).at(-1)?.content]).toEqual([
      4,
      true,
      'Exit code: 0\n./build/out.txt\n./src/keep.txt',
    ]);
    await page.close();
  });

  it('a run going on in another tab is left alone there, not taken for interrupted', async () => {
    const server = await harness.model([run('echo busy'), { kind: 'hang' }]);
    const first = await harness.open(server);
    const task = 'Keep working in the first tab';
    await first.getByRole('textbox', { name: 'Task', exact: true }).fill(task);
    await first.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => chats(server.requests).length, { timeout: 10_000 }).toBe(2);

    const second = await harness.open(server);
    const entry = second.getByRole('navigation', { name: 'Run history', exact: true }).getByRole('button', { name: task });
    await expect.poll(() => entry.textContent(), { timeout: 5_000 }).toContain('in_progress');
    await entry.click();
    expect([await runStatus(second).textContent(), await second.getByRole('button', { name: 'Resume', exact: true }).count()]).toEqual([
      expect.stringContaining('in_progress'),
      0,
    ]);
    await expect(second.evaluate((id) => window.autopilot.agents.cancel(id), (await second.evaluate(() => window.autopilot.agents.list()))[0].id)).rejects.toThrow(/another tab/);
    expect(await runStatus(first).textContent()).toContain('in_progress');
    await second.close();
    await first.close();
  });
});

