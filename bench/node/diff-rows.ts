/**
 * diff_render, on the benchmark page in headless Chromium: the longest main-thread task while a 5 000-line
 * change opens in the app's diff view, read from a Chromium trace of the page (every task, not only those the
 * Long Tasks API reports from 50 ms), vs putting the same 5 000 lines into a <pre> as plain text.
 */
import type { CDPSession, Page } from 'playwright-core';
import { fmt, median, row, type Measured } from '../lib/stats';
import type { DiffShape, Opened } from '../browser/diff-render';
import type { DiffLayout } from '../../src/ui/changes/codemirror';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** How long after the view is painted the trace goes on, for the work CodeMirror defers (measuring, parsing). */
const SETTLE_MS = 300;

/** The longest tasks run on the page's main thread while `work` ran, in ms. */
interface Longest {
  /** Wall time and thread (CPU) time of the longest task. */
  longest: number;
  cpu: number;
  /** The same, leaving out idle-time work (requestIdleCallback: CodeMirror's background parse, which stops when input comes). */
  busy: number;
  busyCpu: number;
}

/** The longest tasks run on the page's main thread while `work` ran. */
async function tracedTasks<T>(cdp: CDPSession, work: () => Promise<T>): Promise<Longest & { result: T }> {
  const events: TraceEvent[] = [];
  const collect = ({ value }: { value: object[] }) => events.push(...(value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['disabled-by-default-devtools.timeline', 'devtools.timeline', '__metadata'], excludedCategories: ['*'] },
  });
  const result = await work();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  const main = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (main.length === 0) throw new Error('diff_render: the trace has no renderer main thread');
  const onMain = (e: TraceEvent) => main.some((m) => m.pid === e.pid && m.tid === e.tid);
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && onMain(e));
  const idle = events.filter((e) => e.name === 'FireIdleCallback' && onMain(e));
  const busy = tasks.filter((task) => !idle.some((e) => e.ts >= task.ts && e.ts <= task.ts + (task.dur ?? 0)));
  const most = (among: TraceEvent[], pick: (e: TraceEvent) => number | undefined) => Math.max(0, ...among.map((e) => (pick(e) ?? 0) / 1000));
  return {
    result,
    longest: most(tasks, (e) => e.dur),
    cpu: most(tasks, (e) => e.tdur),
    busy: most(busy, (e) => e.dur),
    busyCpu: most(busy, (e) => e.tdur),
  };
}

interface Sample extends Longest {
  ms: number;
  drawnLines: number;
}

async function openOnce(page: Page, cdp: CDPSession, shape: DiffShape, which: 'ours' | 'raw', layout: DiffLayout): Promise<Sample> {
  const { result, ...longest } = await tracedTasks(cdp, () =>
    page.evaluate(([s, w, l]) => window.bench.diffOpen(s, w, l), [shape, which, layout] as const),
  );
  await page.evaluate(() => window.bench.diffClose());
  const opened: Opened = result;
  return { ...longest, ms: opened.ms, drawnLines: opened.drawnLines };
}

const CASES: { shape: DiffShape; layout: DiffLayout }[] = [
  { shape: 'rewritten', layout: 'unified' },
  { shape: 'rewritten', layout: 'split' },
  { shape: 'added', layout: 'unified' },
  { shape: 'scattered', layout: 'unified' },
  { shape: 'scattered', layout: 'split' },
];

export async function diffRenderRow(page: Page, reps: number): Promise<Measured> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const first = await openOnce(page, cdp, 'rewritten', 'ours', 'unified');
    const samples = new Map<string, Sample[]>();
    for (let i = 0; i < reps; i++) {
      for (const { shape, layout } of CASES) {
        const key = `${shape} ${layout}`;
        samples.set(key, [...(samples.get(key) ?? []), await openOnce(page, cdp, shape, 'ours', layout)]);
      }
      samples.set('raw', [...(samples.get('raw') ?? []), await openOnce(page, cdp, 'rewritten', 'raw', 'unified')]);
    }
    const med = (key: string, pick: (s: Sample) => number) => median(samples.get(key)!.map(pick));
    const worst = CASES.map(({ shape, layout }) => `${shape} ${layout}`).reduce((a, b) => (med(b, (s) => s.longest) > med(a, (s) => s.longest) ? b : a));
    const longest = med(worst, (s) => s.longest);
    const raw = med('raw', (s) => s.longest);
    return {
      name: 'diff_render',
      row: row(longest, raw, 'ms longest task', '≤ 50 ms', longest <= 50),
      note: `worst case: ${worst} (${Math.round(med(worst, (s) => s.cpu))} ms of CPU); without idle-time parsing ≤ ${Math.round(Math.max(...CASES.map(({ shape, layout }) => med(`${shape} ${layout}`, (s) => s.busy))))} ms`,
      details: [
        `a 5 000-line change opened in the app's diff view (DiffView, the component the Changes dialog and the approval dialog use: unified is one CodeMirror document of kept, deleted and added lines, side by side two CodeMirror documents kept level, both over our line diff, unchanged stretches folded), traced from the mount until painted + ${SETTLE_MS} ms; medians of ${reps}. Wall time counts the time other processes held the CPU; CPU time is the page's own. Idle-time parsing is CodeMirror's background syntax parse (requestIdleCallback, up to the idle deadline, stopping when input is pending). Baseline: the same 5 000 new lines set as a <pre>'s text`,
        ...CASES.map(({ shape, layout }) => {
          const key = `${shape} ${layout}`;
          return fmt(
            `${key}: longest task {} ms ({} ms of CPU); leaving out idle-time parsing {} ms ({} ms of CPU); painted after {} ms, {} lines drawn`,
            ...[(s: Sample) => s.longest, (s: Sample) => s.cpu, (s: Sample) => s.busy, (s: Sample) => s.busyCpu, (s: Sample) => s.ms, (s: Sample) => s.drawnLines].map((pick) => med(key, pick)),
          );
        }),
        fmt('plain <pre>: longest task {} ms ({} ms of CPU), painted after {} ms', raw, med('raw', (s) => s.cpu), med('raw', (s) => s.ms)),
        fmt('the first opening of the page (CodeMirror loaded and compiled then): longest task {} ms ({} ms of CPU), painted after {} ms', first.longest, first.cpu, first.ms),
      ],
    };
  } finally {
    await cdp.detach();
  }
}
