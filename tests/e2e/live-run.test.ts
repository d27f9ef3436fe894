/**
 * Typing during a run never hides it: Enter sends the text to the live run as a note (delivered before its next
 * model request), "Run" queues a new run that waits in history, and a run waiting for a person is never out of
 * sight (a banner with a button to it, the tab title).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatus, screenshot, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('a live run stays in view', () => {
  it('takes a note from the Task box, keeps a queued run behind it, and says when it waits for you', async () => {
    const server = await harness.model([
      { delay_ms: 2_500, tool_calls: [{ name: 'write_file', arguments: { path: 'a.txt', content: 'a\n' } }] },
      { tool_calls: [{ name: 'ask_human', arguments: { question: 'Tabs or spaces?' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Used tabs.' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Second done.' } }] },
    ]);
    const page = await harness.open(server);
    const task = page.getByRole('textbox', { name: 'Task', exact: true });
    await task.fill('Format the code');
    await task.press('Enter');
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('in_progress');

    // Enter while the run works: a note for its next step, not a new run
    await task.fill('use tabs');
    await task.press('Enter');
    await expect.poll(() => task.inputValue(), { timeout: 5_000 }).toBe('');
    // "Run" queues a second run; the live run stays shown
    await task.fill('Second task');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.evaluate(async () => (await window.autopilot.agents.list()).map((run) => [run.instructions, run.status])), { timeout: 5_000 }).toEqual([
      ['Second task', 'queued'],
      ['Format the code', 'in_progress'],
    ]);
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('awaiting_human');
    const second = server.requests[1].body.messages as { role: string; content: string }[];
    expect(second.filter((message) => message.role === 'user').map((message) => message.content).at(-1)).toBe(
      'A note from the person, sent while you work: use tabs',
    );
    const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
    await expect.poll(() => timeline.getByText('Note to the agent: use tabs').count(), { timeout: 5_000 }).toBe(1);
    expect(await page.title()).toBe('● Needs you — Autopilot');
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toContain('%23d97706');

    // another run shown: the waiting one is still in sight, one click away
    await page.getByRole('navigation', { name: 'Run history', exact: true }).getByRole('button', { name: 'Second task' }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 5_000 }).toContain('queued');
    const banner = page.getByRole('region', { name: 'Runs waiting for you', exact: true });
    expect(await banner.textContent()).toContain('Format the code needs your answer');
    await screenshot(page, 'waiting-banner');
    await banner.getByRole('button', { name: 'Go to it: Format the code', exact: true }).click();
    await page.getByRole('textbox', { name: 'Reply', exact: true }).fill('tabs');
    expect(await banner.count()).toBe(0);
    await page.getByRole('button', { name: 'Send reply', exact: true }).click();
    await expect
      .poll(() => page.evaluate(async () => (await window.autopilot.agents.list()).map((run) => [run.instructions, run.status])), { timeout: 10_000 })
      .toEqual([
        ['Second task', 'completed'],
        ['Format the code', 'completed'],
      ]);
    expect(await page.title()).toBe('Autopilot');
    await page.close();
  });

  it('answers respond(id, {note}) only for a working run', async () => {
    const server = await harness.model([{ tool_calls: [{ name: 'finish', arguments: { summary: 'Done.' } }] }]);
    const page = await harness.open(server);
    const message = await page.evaluate(async () => {
      const agents = window.autopilot.agents;
      const run = await agents.execute({ instructions: 'Quick' });
      for (let i = 0; i < 100 && (await agents.retrieve(run.id)).status !== 'completed'; i++) await new Promise((r) => setTimeout(r, 100));
      return agents.respond(run.id, { note: 'late' }).then(() => 'taken', (error: Error) => error.message);
    });
    expect(message).toMatch(/^Run "[^"]+" is not working, so it takes no note \(its status is completed\)\.$/);
    await page.close();
  });
});
