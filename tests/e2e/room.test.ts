/** Room to work: the lite sandbox banner can be dismissed to a chip, which brings it back. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('room to work', () => {
  it('dismisses the lite banner to a chip, kept across a reload, and brings it back', async () => {
    const server = await harness.model([]);
    const page = await harness.open(server);
    await page.setViewportSize({ width: 1280, height: 800 });
    const banner = page.getByRole('complementary', { name: 'Lite sandbox', exact: true });
    await banner.waitFor({ timeout: 10_000 });
    await banner.getByRole('button', { name: 'Dismiss the lite sandbox banner', exact: true }).click();
    const chip = page.getByRole('button', { name: 'Lite sandbox', exact: true });
    expect([await banner.count(), await chip.isVisible()]).toEqual([0, true]);
    await screenshot(page, 'room-1280');
    await page.reload();
    await page.waitForFunction(() => Boolean(window.autopilot?.agents), undefined, { timeout: 10_000 });
    await chip.waitFor({ timeout: 10_000 });
    await chip.click();
    expect([await banner.isVisible(), await chip.count()]).toEqual([true, 0]);
    await page.close();
  });
});
