/** E2E 6: HTML in the model's text shows as text, and nothing in it executes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatus, screenshot, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const IMG = '<img src=x onerror="window.__pwned = (window.__pwned || 0) + 1">';
const SCRIPT = '<script>window.__pwned = (window.__pwned || 0) + 10</script>';

describe('untrusted model text', () => {
  it('shows <img onerror> and <script> as text, in the timeline and the summary, and runs none of it', async () => {
    const server = await harness.model([
      { content: `Look: ${IMG} and ${SCRIPT} done.`, tool_calls: [{ name: 'run_command', arguments: { command: `echo '${IMG}'` } }] },
      { content: `Finished ${IMG}`, tool_calls: [{ name: 'finish', arguments: { summary: `Summary ${SCRIPT} ${IMG}` } }] },
    ]);
    const page = await harness.open(server);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill(`Echo ${IMG}`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 10_000 }).toContain('completed');
    // open every tool card so their bodies (arguments, summary, observation) are rendered too
    for (const summary of await page.locator('details > summary').all()) await summary.click();
    await page.waitForTimeout(500); // give any injected handler the chance to fire

    const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
    const text = await timeline.textContent();
    const found = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? 0,
      injectedImages: document.querySelectorAll('img[onerror], img[src="x"]').length,
      injectedScripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__pwned')).length,
    }));
    expect({ ...found, dialogs }).toEqual({ pwned: 0, injectedImages: 0, injectedScripts: 0, dialogs: [] });
    expect([text?.includes('<img src=x onerror='), text?.includes('<script>window.__pwned')]).toEqual([true, true]);
    await screenshot(page, 'untrusted-text');
    await page.close();
  });
});
