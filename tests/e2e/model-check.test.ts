/**
 * E2E: "Check this model" in Settings against the scripted OpenAI-compatible server. The scripted model solves
 * one task of the quick set and gives up on the others: the estimate shows before it starts, the progress bar
 * moves, the report card says 1/10 with a chart per task, each task's run is in Run history, and the check is
 * stored. A second check is stopped mid-task: it is kept as stopped, and the two compare side by side. The
 * person's work dir is the one their own run left, untouched.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScript } from '../fixtures/check-script';
import { screenshot, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const byName = (page: Page, role: 'button' | 'region' | 'progressbar' | 'list' | 'checkbox' | 'dialog', name: string) => page.getByRole(role, { name, exact: true });

async function startCheck(page: Page): Promise<string> {
  await byName(page, 'button', 'Check this model').click();
  const estimate = page.getByText(/tasks with gpt-4\.1-mini: estimated cost about/);
  await estimate.waitFor({ timeout: 10_000 });
  const text = (await estimate.textContent()) ?? '';
  await byName(page, 'button', 'Start check').click();
  return text.replace(/\s+/g, ' ').trim();
}

describe('Check this model', () => {
  it('runs the quick set in sandboxes of its own, shows the report card with charts, stops, and compares', async () => {
    const server = await harness.model(checkScript({ solve: 'count-lines' }));
    const page = await harness.open(server, { model: 'gpt-4.1-mini' });

    // the person's own run leaves a work dir: the check must not touch it
    const mine = await page.evaluate(async () => {
      const run = await window.autopilot.agents.execute({ instructions: 'Keep my file', files: { 'mine.txt': 'mine\n' } });
      for (let i = 0; i < 100; i++) {
        if ((await window.autopilot.agents.retrieve(run.id)).status === 'completed') return run.id;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the person\'s run did not complete');
    });

    await byName(page, 'button', 'Settings').click();
    const started = Date.now();
    const estimate = await startCheck(page);
    expect(estimate).toMatch(/^10 tasks with gpt-4\.1-mini: estimated cost about \$0\.\d+ \(at most \$\d+\.\d\d, if every task used all its steps\)\.$/);
    await byName(page, 'progressbar', 'Model check progress').waitFor({ timeout: 10_000 });
    await byName(page, 'button', 'Stop check').waitFor();
    await byName(page, 'button', 'Check this model').waitFor({ timeout: 90_000 });
    const took = Date.now() - started;

    const report = byName(page, 'region', 'Model check report');
    const figures = await report.locator('dl div').evaluateAll((pairs) => pairs.map((pair) => `${pair.querySelector('dt')?.textContent}: ${pair.querySelector('dd')?.textContent}`));
    expect(figures.map((figure) => figure.replace(/\d+(\.\d+)?/g, 'N'))).toEqual(['Solved: N/N', 'Tool-call validity: N %', 'Tokens: Nk', 'Cost: $N', expect.stringMatching(/^Time: (N min )?N s$/)]);
    expect(figures.slice(0, 2)).toEqual(['Solved: 1/10', 'Tool-call validity: 100 %']);
    expect(await report.textContent()).toContain('completed: 10 of 10 tasks');
    // a chart per task, drawn (uPlot's canvas) where the task had model turns
    const charts = report.getByRole('img', { name: /^Tokens per step, / });
    expect(await charts.count()).toEqual(10);
    const solvedChart = report.getByRole('img', { name: /^Tokens per step, Count the lines of a log: step 1: \d+ prompt, \d+ completion; step 2: / });
    await solvedChart.locator('canvas').waitFor({ timeout: 10_000 });
    await screenshot(page, 'model-check-report');

    // every task's run is in Run history like any run, besides the person's
    const runs = await page.evaluate(() => window.autopilot.agents.list());
    expect(runs.length).toEqual(11);
    expect(runs.filter((run) => run.id !== mine).map((run) => run.status)).toEqual(Array(10).fill('completed'));
    await expect.poll(() => page.getByRole('navigation', { name: 'Run history' }).getByRole('button', { name: /Count how many lines/ }).count(), { timeout: 5_000 }).toEqual(1);

    // a second check, stopped while its second task waits on the model
    server.setScript(checkScript({ solve: 'count-lines', hangOn: 'js-order-summary' }));
    await startCheck(page);
    await page.getByText(/now js-order-summary/).waitFor({ timeout: 20_000 });
    const stopped = Date.now();
    await byName(page, 'button', 'Stop check').click();
    await byName(page, 'button', 'Check this model').waitFor({ timeout: 5_000 });
    const stopMs = Date.now() - stopped;
    expect(await report.textContent()).toContain('stopped after 1 of 10 tasks');
    const stored = byName(page, 'list', 'Stored checks');
    expect(await stored.getByRole('listitem').count()).toEqual(2);
    for (const box of await stored.getByRole('checkbox').all()) await box.check();
    const comparison = byName(page, 'region', 'Check comparison');
    const rows = await comparison.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim()).join(' | ')));
    // the older check on the left
    expect(rows.slice(0, 3)).toEqual([
      'count-lines | ✓ solved, 2 steps | ✓ solved, 2 steps',
      'js-order-summary | ✗ not solved, 1 step | not run',
      'rename-function | ✗ not solved, 1 step | not run',
    ]);
    expect(rows.length).toEqual(10);
    await screenshot(page, 'model-check-compare');

    // the person's work dir is the one their run left: a follow-up of it lists exactly their file
    const holder = await page.evaluate(() => window.autopilot.agents.workdirRunId());
    server.setScript([
      { tool_calls: [{ name: 'run_command', arguments: { command: 'ls -A' } }] },
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Listed.' } }] },
    ]);
    const listing = await page.evaluate(async (parent) => {
      const agents = window.autopilot.agents as typeof window.autopilot.agents & { followUp(id: string, params: { instructions: string }): Promise<{ id: string }> };
      const run = await agents.followUp(parent, { instructions: 'List the files' });
      for (let i = 0; i < 100; i++) {
        if ((await agents.retrieve(run.id)).status === 'completed') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const events: { type: string; observation?: string; name?: string }[] = [];
      agents.subscribe(run.id, (event) => events.push(event as never));
      await new Promise((resolve) => setTimeout(resolve, 200));
      return events.find((event) => event.type === 'tool_result' && event.name === 'run_command')?.observation;
    }, mine);
    expect({ holder, stopFast: stopMs < 5_000, listing }).toEqual({ holder: mine, stopFast: true, listing: 'Exit code: 0\nmine.txt' });

    // the report card opens a task's run on the page, closing Settings
    await byName(page, 'button', 'Open run: Count the lines of a log').click();
    await byName(page, 'dialog', 'Settings').waitFor({ state: 'hidden', timeout: 5_000 });
    await expect.poll(() => byName(page, 'region', 'Timeline').textContent(), { timeout: 5_000 }).toContain('wc -l < app.log');
    console.log(`model check: 10 tasks in ${took} ms, stopped in ${stopMs} ms`);
    await page.close();
  }, 180_000);
});
