/** A run that asks the person a question: the Reply box appears, the answer reaches the model, the run ends. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatus, screenshot, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('a question for the person', () => {
  it('waits in awaiting_human with a Reply box, and the reply reaches the model', async () => {
    const server = await harness.model([
      { tool_calls: [{ name: 'ask_human', arguments: { question: 'Which colour should the button be?' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Made it teal.' } }] },
    ]);
    const page = await harness.open(server);
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Style the button');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('awaiting_human');
    await page.getByRole('textbox', { name: 'Reply', exact: true }).fill('teal');
    await screenshot(page, 'question');
    await page.getByRole('button', { name: 'Send reply', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('completed');
    const toolMessage = server.requests[1].body.messages.at(-1);
    expect([toolMessage.role, String(toolMessage.content).includes('teal')]).toEqual(['tool', true]);
    expect(await page.getByRole('textbox', { name: 'Reply', exact: true }).count()).toBe(0);
    await page.close();
  });
});
