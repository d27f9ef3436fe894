/**
 * The rows measured on the benchmark page (bench/browser) in headless Chromium: browser_rpc_roundtrip,
 * terminal_stream, persist_events (Chromium's IndexedDB), reopen_run and ui_long_run. Every repetition runs the value and
 * its baseline back to back, in alternating order.
 */
import type { CDPSession, Page } from 'playwright-core';
import { fmt, median, row, type Measured } from '../lib/stats';

const RPC_CALLS = 300;
const TERMINAL_MB = 20;
const PERSIST_EVENTS = 10_000;
const REOPEN_STEPS = 1_000;

/** Repeat `once(i)` `reps` times after `warmup` throw-away runs. */
async function repeat<T>(reps: number, warmup: number, once: (i: number) => Promise<T>): Promise<T[]> {
  const kept: T[] = [];
  for (let i = 0; i < warmup + reps; i++) {
    const result = await once(i);
    if (i >= warmup) kept.push(result);
  }
  return kept;
}

export async function rpcRow(page: Page, reps: number): Promise<Measured> {
  const runs = await repeat(reps, 1, (i) => page.evaluate(([calls, first]) => window.bench.rpcOnce(calls, first), [RPC_CALLS, i % 2 === 1] as const));
  const tool = median(runs.map((r) => r.tool));
  const bare = median(runs.map((r) => r.bare));
  const noOutput = median(runs.map((r) => r.noOutput));
  return {
    name: 'browser_rpc_roundtrip',
    row: row(tool, bare, 'ms per call', 'ratio ≤ 3', tool / bare <= 3),
    details: [
      fmt('run_command through the bridge {} ms per call, bare MessageChannel round trip {} ms (medians of {} × {} calls)', tool, bare, reps, RPC_CALLS),
      fmt('the same exec without the live-output callback (no comlink proxy, so no MessageChannel per call): {} ms per call', noOutput),
    ],
  };
}

export async function terminalRow(page: Page, reps: number): Promise<Measured> {
  const once = (mb: number, which: 'ours' | 'raw') => page.evaluate(([size, side]) => window.bench.terminalOnce(size, side), [mb, which] as const);
  await once(2, 'raw');
  await once(2, 'ours');
  const runs = await repeat(reps, 0, async (i) => {
    const first = i % 2 === 0 ? 'ours' : 'raw';
    const a = await once(TERMINAL_MB, first);
    const b = await once(TERMINAL_MB, first === 'ours' ? 'raw' : 'ours');
    return first === 'ours' ? { ours: a, raw: b } : { ours: b, raw: a };
  });
  const mbps = (r: { ms: number; bytes: number }) => r.bytes / 1024 / 1024 / (r.ms / 1000);
  const ours = median(runs.map((r) => mbps(r.ours)));
  const raw = median(runs.map((r) => mbps(r.raw)));
  const longest = median(runs.map((r) => r.ours.longestTask));
  const rawLongest = median(runs.map((r) => r.raw.longestTask));
  return {
    name: 'terminal_stream',
    row: row(ours, raw, 'MB/s', 'ratio ≥ 0.8; longest task ≤ 50 ms', ours / raw >= 0.8 && longest <= 50),
    note: `longest task ${longest ? `${Math.round(longest)} ms` : '< 50 ms (none reported)'}`,
    details: [
      fmt('{} MB in 64 KB chunks: ours {} MB/s ({} s), raw xterm.write {} MB/s ({} s)', TERMINAL_MB, ours, TERMINAL_MB / ours, raw, TERMINAL_MB / raw),
      `longest main-thread task while streaming (median of ${reps} runs; 0 = none ≥ 50 ms): ours ${Math.round(longest)} ms, raw xterm ${Math.round(rawLongest)} ms`,
    ],
  };
}

export async function persistRow(page: Page, reps: number): Promise<Measured> {
  const once = (count: number, which: 'ours' | 'ours_with_run' | 'raw') =>
    page.evaluate(([n, side]) => window.bench.persistOnce(n, side), [count, which] as const);
  await once(1_000, 'ours');
  await once(1_000, 'raw');
  const runs = await repeat(reps, 0, async (i) => {
    if (i % 2 === 0) return { ours: await once(PERSIST_EVENTS, 'ours'), raw: await once(PERSIST_EVENTS, 'raw') };
    const raw = await once(PERSIST_EVENTS, 'raw');
    return { raw, ours: await once(PERSIST_EVENTS, 'ours') };
  });
  const withRun = median(await repeat(Math.min(reps, 3), 0, () => once(PERSIST_EVENTS, 'ours_with_run')));
  const ours = median(runs.map((r) => r.ours));
  const raw = median(runs.map((r) => r.raw));
  return {
    name: 'persist_events',
    row: row(ours, raw, 'ms', 'ratio ≤ 1.2', ours / raw <= 1.2),
    details: [
      fmt('{} events: HistoryRunStore.appendEvent one after another + flush {} ms; raw idb, one transaction {} ms', PERSIST_EVENTS, ours, raw),
      fmt('as the API drives it today (a put of the run after every event as well): {} ms', withRun),
    ],
  };
}

export async function reopenRow(page: Page, reps: number): Promise<Measured> {
  const seeded = await page.evaluate((steps) => window.bench.seedRun(steps), REOPEN_STEPS);
  const once = (which: 'ours' | 'raw') => page.evaluate(([id, side]) => window.bench.reopenOnce(id, side), [seeded.id, which] as const);
  const runs = await repeat(reps, 1, async (i) => {
    if (i % 2 === 0) return { ours: await once('ours'), raw: await once('raw') };
    const raw = await once('raw');
    return { raw, ours: await once('ours') };
  });
  const ours = median(runs.map((r) => r.ours.ms));
  const raw = median(runs.map((r) => r.raw.ms));
  const scrolled = await page.evaluate((id) => window.bench.reopenScroll(id, 3), seeded.id);
  const grew = scrolled.rendered.every((count, i) => i === 0 || count > scrolled.rendered[i - 1]);
  if (!grew || scrolled.drift.some((px) => Math.abs(px) > 1)) {
    throw new Error(`reopen_run: scrolling up did not let older items in where they belong: ${JSON.stringify(scrolled)}`);
  }
  return {
    name: 'reopen_run',
    row: row(ours, raw, 'ms', '< 300 ms', ours < 300),
    note: 'store read + timeline render (newest 100 items)',
    details: [
      `${REOPEN_STEPS} steps, ${seeded.events} events, ${runs[0].ours.items} of ${runs[0].ours.total} timeline items rendered (the newest; older ones as the person scrolls up): getRun + getEvents + Timeline mounted and painted`,
      fmt('read + render {} ms, of which the store read {} ms; bare idb getAll of the events {} ms', ours, median(runs.map((r) => r.ours.readMs)), raw),
      `checked: scrolling to the top 3 times rendered ${scrolled.rendered.join(' → ')} items, the item on screen staying put`,
    ],
  };
}

const LONG_RUN_STEPS = 5_000;
const SLICE = 1_000;
/** Events fed per animation frame: a step a frame (a step every ~16 ms: faster than any model answers). */
const PER_FRAME = 8;

/** Main-thread task time of the page so far, in ms (CDP Performance TaskDuration). */
async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

export async function uiLongRunRow(page: Page): Promise<Measured> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { events } = await page.evaluate((steps) => window.bench.uiLongRunStart(steps), LONG_RUN_STEPS);
  const slices: number[] = [];
  let items = 0;
  for (let fed = 0; fed < events; fed += SLICE) {
    const before = await taskMs(cdp);
    const done = await page.evaluate(([count, perFrame]) => window.bench.uiLongRunFeed(count, perFrame), [SLICE, PER_FRAME] as const);
    slices.push((await taskMs(cdp)) - before);
    items = done.items;
  }
  const { longestTask, longest } = await page.evaluate(() => window.bench.uiLongRunStop());
  await cdp.detach();
  const first = slices[0] / SLICE;
  const last = slices.at(-1)! / SLICE;
  return {
    name: 'ui_long_run',
    row: row(last, first, 'ms per event', 'last/first ≤ 1.2; no task ≥ 50 ms', last / first <= 1.2 && longestTask < 50),
    note: `longest task ${longestTask ? `${Math.round(longestTask)} ms` : '< 50 ms (none reported)'}`,
    details: [
      fmt('a {}-step run ({} events) recorded by the RunBook (HistoryRunStore in IndexedDB), gathered by ShownRun and folded into the mounted Timeline, {} events a frame: page main-thread time per event, first thousand {} ms, last thousand {} ms', LONG_RUN_STEPS, events, PER_FRAME, first, last),
      `per thousand events, in order (ms): ${slices.map((ms) => Math.round(ms)).join(', ')}; ${items} timeline items rendered at the end (the newest)`,
      `longest tasks (ms, after how many events): ${longest.length ? longest.map((task) => `${task.ms} after ${task.afterEvents}`).join(', ') : 'none ≥ 50 ms'}`,
    ],
  };
}
