/**
 * The streaming rows, on the real built app (agent worker, lite sandbox, the page's store and timeline):
 * stream_args_100k and delta_cost (a 100 KB write_file streamed in 4-character deltas), stream_text_1m (1 MB of
 * text in 4-character deltas). The scripted server sends each answer in one write, so it arrives in a few large
 * network chunks, as from a fast server. The baseline is a bare fetch of the same stream in the same page,
 * parsed event by event (split on blank lines, JSON.parse of each `data:`).
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { startScriptedServer, type ScriptedServer, type ScriptedTurn } from '../../tests/fixtures/scripted-server';
import { fmt, median, row, type Measured } from '../lib/stats';

/** A file of `kb` KB in lines of 80 characters. */
function fileOf(kb: number): string {
  const line = `${'abcdefghij'.repeat(8).slice(0, 79)}\n`;
  return line.repeat(Math.ceil((kb * 1024) / line.length)).slice(0, kb * 1024);
}

const FINISH: ScriptedTurn = { burst: true, tool_calls: [{ id: 'f', name: 'finish', arguments: { summary: 'done' } }] };

/** The model writes the file, then finishes; `text`: it answers with the text instead. */
function script(server: ScriptedServer, answer: ScriptedTurn): void {
  server.setScript((req) => ((req.body?.messages ?? []).some((m: { role: string }) => m.role === 'tool') ? FINISH : answer));
}

/** A bare fetch of the scripted answer, parsed event by event; ms and events. */
function rawFetch(page: Page, baseURL: string): Promise<{ ms: number; events: number; chunks: number }> {
  return page.evaluate(async (url) => {
    const started = performance.now();
    const body = JSON.stringify({ model: 'scripted-model', stream: true, messages: [{ role: 'user', content: 'go' }] });
    const response = await fetch(`${url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let events = 0;
    let chunks = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks++;
      buffer += value;
      let from = 0;
      for (let at = buffer.indexOf('\n\n'); at >= 0; at = buffer.indexOf('\n\n', from)) {
        const event = buffer.slice(from, at);
        from = at + 2;
        if (event.startsWith('data: {')) {
          JSON.parse(event.slice(6));
          events++;
        }
      }
      buffer = buffer.slice(from);
    }
    return { ms: performance.now() - started, events, chunks };
  }, baseURL);
}

interface AppStream {
  /** execute() to the first tool_result (args) or the assistant_message (text). */
  ms: number;
  /** Main-thread task time of the page meanwhile (CDP TaskDuration). */
  taskMs: number;
  longestTask: number;
  status: string;
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

/** One run through window.autopilot.agents until `until` arrives, then to its end. */
async function appStream(page: Page, cdp: CDPSession, until: 'tool_result' | 'assistant_message'): Promise<AppStream> {
  const before = await taskSeconds(cdp);
  const result = await page.evaluate(async (stopAt) => {
    const agents = window.autopilot.agents;
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration)));
    observer.observe({ type: 'longtask' });
    const started = performance.now();
    const run = await agents.execute({ instructions: 'Write the file.', max_steps: 4, human_intervention_threshold: 'never' });
    let ms = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the run did not end within 300 s')), 300_000);
      const stop = agents.subscribe(run.id, (event) => {
        if (event.type === stopAt && !ms) ms = performance.now() - started;
        if (event.type === 'status' && ['completed', 'failed', 'cancelled'].includes(event.status)) {
          clearTimeout(timer);
          stop();
          resolve();
        }
      });
    });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    observer.disconnect();
    return { ms, longestTask: Math.max(0, ...tasks), status: (await agents.retrieve(run.id)).status };
  }, until);
  const taskMs = ((await taskSeconds(cdp)) - before) * 1000;
  return { ...result, taskMs };
}

/** A page of the built app on a scripted server, ready to run. */
async function openApp(context: BrowserContext, appUrl: string, server: ScriptedServer): Promise<{ page: Page; cdp: CDPSession; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const query = new URLSearchParams({ sandbox: 'lite', baseURL: server.baseURL, model: 'scripted-model' });
  await page.goto(`${appUrl}/?${query}`, { timeout: 20_000 });
  await page.waitForFunction(() => Boolean(window.autopilot?.agents), undefined, { timeout: 10_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, cdp, errors };
}

/** Alternating app run and bare fetch, after one warm-up of each. */
async function compare(page: Page, cdp: CDPSession, server: ScriptedServer, answer: ScriptedTurn, until: 'tool_result' | 'assistant_message', reps: number) {
  const runs: { app: AppStream; raw: { ms: number; events: number; chunks: number } }[] = [];
  for (let i = 0; i <= reps; i++) {
    script(server, answer);
    const app = await appStream(page, cdp, until);
    if (app.status !== 'completed') throw new Error(`the run ended ${app.status}`);
    server.setScript(() => answer);
    const raw = await rawFetch(page, server.baseURL);
    if (i > 0) runs.push({ app, raw });
  }
  return runs;
}

export async function streamArgsRows(context: BrowserContext, appUrl: string, reps: number): Promise<Measured[]> {
  const server = await startScriptedServer([]);
  const { page, cdp, errors } = await openApp(context, appUrl, server);
  try {
    const content = fileOf(100);
    const answer: ScriptedTurn = { burst: true, tool_calls: [{ id: 'w', name: 'write_file', arguments: { path: 'big.txt', content } }] };
    const runs = await compare(page, cdp, server, answer, 'tool_result', reps);
    if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
    const app = median(runs.map((r) => r.app.ms));
    const raw = median(runs.map((r) => r.raw.ms));
    const deltas = runs[0].raw.events;
    const perDelta = median(runs.map((r) => r.app.taskMs / deltas));
    const longest = median(runs.map((r) => r.app.longestTask));
    return [
      {
        name: 'stream_args_100k',
        row: row(app, raw, 'ms', 'ratio ≤ 1.5', app / raw <= 1.5),
        note: fmt('{} deltas in {} network chunks', deltas, runs[0].raw.chunks),
        details: [
          fmt('a 100 KB write_file streamed in 4-character deltas ({} SSE events, one write from the server): execute() to the tool result in the page {} ms; a bare fetch of the same stream parsed event by event in the same page {} ms (medians of {})', deltas, app, raw, reps),
          fmt('longest main-thread task during the run: {} ms (0: none ≥ 50 ms)', longest),
        ],
      },
      {
        name: 'delta_cost',
        row: row(perDelta, 0.05, 'ms per delta', '≤ 0.05 ms', perDelta <= 0.05),
        note: 'page main thread, whole run',
        details: [
          fmt('main-thread task time of the page (CDP Performance TaskDuration) over the whole stream_args_100k run, run start and finish step included, divided by its {} deltas: {} ms per delta (median of {})', deltas, perDelta, reps),
        ],
      },
    ];
  } finally {
    await page.close();
    await server.close();
  }
}

export async function streamTextRow(context: BrowserContext, appUrl: string, reps: number): Promise<Measured> {
  const server = await startScriptedServer([]);
  const { page, cdp, errors } = await openApp(context, appUrl, server);
  try {
    const answer: ScriptedTurn = { burst: true, content: fileOf(1024) };
    const runs = await compare(page, cdp, server, answer, 'assistant_message', reps);
    if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
    const app = median(runs.map((r) => r.app.ms));
    const raw = median(runs.map((r) => r.raw.ms));
    const longest = median(runs.map((r) => r.app.longestTask));
    return {
      name: 'stream_text_1m',
      row: row(app, raw, 'ms', 'ratio ≤ 1.5; no task ≥ 50 ms', app / raw <= 1.5 && longest < 50),
      note: `longest task ${longest ? `${Math.round(longest)} ms` : '< 50 ms (none reported)'}`,
      details: [
        fmt('1 MB of assistant text in 4-character deltas ({} SSE events, {} network chunks): execute() to the assistant message in the page {} ms; bare fetch + parse in the same page {} ms (medians of {})', runs[0].raw.events, runs[0].raw.chunks, app, raw, reps),
        fmt('longest main-thread task during the run, to its end (median of {}): {} ms; page main-thread time {} ms in all', reps, longest, median(runs.map((r) => r.app.taskMs))),
      ],
    };
  } finally {
    await page.close();
    await server.close();
  }
}
