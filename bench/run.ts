/**
 * `npm run bench`: measures the harness against its physical floor and against peer agent loops, prints the
 * table, and writes bench/results.json and docs/benchmarks.md. Benchmarks are not tests: nothing here runs in
 * `npm test`. Options: `--quick` (fewer repetitions, for trying things), `--only name,name` (rows by name),
 * `--only … --record` (write just those rows into the results and the docs).
 */
import { execFileSync } from 'node:child_process';
import { launchBrowser, type TestBrowser } from '../tests/e2e/harness/browser';
import { machineLoad, recordRows, table, writeDocs, writeResults, type RunInfo } from './lib/report';
import type { Measured } from './lib/stats';
import { bundleRow, stepCostRow, writeBlankPage } from './node/app-rows';
import { checkpointScaleRow, restoreRow, storageRow } from './node/checkpoint-rows';
import { diffRenderRow } from './node/diff-rows';
import { growthRow } from './node/context-growth';
import { gitStatusRows } from './node/git-status';
import { githubOpenRow } from './node/github-open';
import { httpArgsRow } from './node/http-args';
import { httpRow, loopRows } from './node/loop-rows';
import { persistRow, reopenRow, rpcRow, terminalRow, uiLongRunRow } from './node/page-rows';
import { pythonColdRow, warmRows } from './node/runtime-rows';
import { streamArgsRows, streamTextRow } from './node/stream-rows';
import { APP_OUT, PAGE_CONFIG, viteBuild, vitePreview, type Served } from './node/vite';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1]?.split(',') : undefined;
const reps = (full: number, fast: number) => (quick ? fast : full);
const wanted = (...names: string[]) => !only || names.some((name) => only.includes(name));

const measured: Measured[] = [];
const info: RunInfo = { started: new Date(), seconds: 0, chromium: '', loadBefore: machineLoad(), loadAfter: [], failures: [] };

/** Measure rows; a failure is reported (in the table's docs and the exit code), and the others go on. */
async function measure(names: string[], work: () => Promise<Measured | Measured[]>): Promise<void> {
  if (!wanted(...names)) return;
  const started = performance.now();
  try {
    const rows = [await work()].flat();
    measured.push(...rows);
    for (const { name, row, note, details } of rows) {
      console.log(`${name.padEnd(22)} ${String(row.value).padStart(8)} ${row.unit.padEnd(22)} baseline ${String(row.baseline).padStart(8)}  ratio ${String(row.ratio).padStart(6)}  ${row.met ? 'met' : 'MISSED'}  ${note ?? ''}`);
      if (only) for (const line of details ?? []) console.log(`    ${line}`);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.error(`${names.join(', ')}: could not be measured: ${message}`);
    info.failures.push(...names.map((name) => ({ name, error: message })));
  }
  console.log(`  (${Math.round((performance.now() - started) / 1000)} s)`);
}

async function nodeRows(): Promise<void> {
  await measure(['step_overhead', 'peer_loops'], () => loopRows(reps(20, 3)));
  await measure(['step_overhead_http'], () => httpRow(reps(11, 2)));
  await measure(['step_overhead_http_100k'], () => httpArgsRow(reps(11, 2)));
  await measure(['context_growth'], () => growthRow('context_growth', 'gpt-4o', reps(3, 1)));
  await measure(['context_growth_32k'], () => growthRow('context_growth_32k', 'scripted-model', 1));
  await measure(['checkpoint_scale'], () => checkpointScaleRow(reps(5, 2)));
  await measure(['restore_1k'], () => restoreRow(reps(7, 2)));
  await measure(['checkpoint_storage'], () => storageRow(reps(200, 50)));
  await measure(['git_status_scale_1k', 'git_status_scale'], () => gitStatusRows(reps(7, 2)));
  await measure(['github_open'], () => githubOpenRow(reps(3, 1)));
  await measure(['python_cold'], () => pythonColdRow(reps(3, 1)));
  await measure(['python_warm', 'node_lite_warm'], () => warmRows(reps(15, 3)));
}

async function pageRows(browser: TestBrowser): Promise<void> {
  if (!wanted(...PAGE_ROWS)) return;
  await viteBuild(['--config', PAGE_CONFIG]);
  const served = await vitePreview(['--config', PAGE_CONFIG]);
  const page = await browser.newPage();
  try {
    await page.goto(`${served.url}/`, { timeout: 20_000 });
    await page.waitForFunction(() => document.title === 'ready', undefined, { timeout: 10_000 });
    await measure(['browser_rpc_roundtrip'], () => rpcRow(page, reps(15, 2)));
    await measure(['terminal_stream'], () => terminalRow(page, reps(5, 1)));
    await measure(['persist_events'], () => persistRow(page, reps(7, 2)));
    await measure(['reopen_run'], () => reopenRow(page, reps(7, 2)));
    await measure(['ui_long_run'], () => uiLongRunRow(page));
    await measure(['diff_render'], () => diffRenderRow(page, reps(5, 1)));
  } finally {
    await page.close();
    await served.stop();
  }
}

async function appRows(browser: TestBrowser): Promise<void> {
  if (!wanted(...APP_ROWS)) return;
  await viteBuild(['--outDir', APP_OUT, '--emptyOutDir']);
  writeBlankPage();
  const served: Served = await vitePreview(['--outDir', APP_OUT]);
  try {
    await measure(['browser_step_cost'], () => stepCostRow(browser.context, served.url, reps(7, 2)));
    await measure(['bundle'], () => bundleRow(browser.context, served.url, reps(7, 2)));
    await measure(['stream_args_100k', 'delta_cost'], () => streamArgsRows(browser.context, served.url, reps(5, 1)));
    await measure(['stream_text_1m'], () => streamTextRow(browser.context, served.url, reps(3, 1)));
  } finally {
    await served.stop();
  }
}

const PAGE_ROWS = ['browser_rpc_roundtrip', 'terminal_stream', 'persist_events', 'reopen_run', 'ui_long_run', 'diff_render'];
const APP_ROWS = ['browser_step_cost', 'bundle', 'stream_args_100k', 'delta_cost', 'stream_text_1m'];

/** The rows measured in Chromium; the browser starts only when one of them is wanted. */
async function browserRows(): Promise<void> {
  const browser = await launchBrowser();
  info.chromium = execFileSync(browser.choice.executablePath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    await pageRows(browser);
    await appRows(browser);
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  await nodeRows();
  if (wanted(...PAGE_ROWS, ...APP_ROWS)) await browserRows();
  info.seconds = (Date.now() - info.started.getTime()) / 1000;
  info.loadAfter = machineLoad();
  console.log(`\n${table(measured)}\n`);
  if (only && args.includes('--record') && !quick) {
    recordRows(measured, info);
    console.log('Recorded these rows in bench/results.json and docs/benchmarks.md (the others stay as they were).');
  } else if (only || quick) {
    console.log('(--only/--quick: bench/results.json and docs/benchmarks.md were left as they were)');
  } else {
    writeResults(measured);
    writeDocs(measured, info);
    console.log('Wrote bench/results.json and docs/benchmarks.md.');
  }
  console.log(`${Math.round(info.seconds)} s in all.`);
  if (info.failures.length) process.exitCode = 1;
}

await main();
