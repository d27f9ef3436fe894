/**
 * The rows measured on the real built app (built to bench/.out/app, served by `vite preview` with the app's
 * headers): browser_step_cost (a scripted run through the in-page Agents API, as the page runs it: agent worker,
 * lite sandbox worker, the page's store and timeline) and bundle (initial JS gzip; first contentful paint).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { startScriptedServer, type ScriptedServer, type ScriptedTurn } from '../../tests/fixtures/scripted-server';
import { fmt, median, row, type Measured } from '../lib/stats';
import { taskTurn } from '../lib/task';
import { APP_OUT } from './vite';

const STEP_RUN = 20;
const BLANK = 'bench-blank.html';

/** The task's script as the scripted server's turns. */
function serverTurn(index: number, steps: number): ScriptedTurn {
  const turn = taskTurn(index, steps);
  if (turn.kind === 'answer') return { content: turn.text };
  return { tool_calls: [{ id: turn.id, name: 'run_command', arguments: { command: turn.command } }] };
}

/** A page with no script, beside the build: the FCP floor of the same server and browser. */
export function writeBlankPage(): void {
  writeFileSync(join(APP_OUT, BLANK), '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>blank</title></head><body><p>Autopilot</p></body></html>\n');
}

/** gzip size (zlib default level) of a built file, in bytes. */
function gzipped(path: string): number {
  return gzipSync(readFileSync(join(APP_OUT, path))).length;
}

/** The JS index.html loads before anything runs: its module scripts and modulepreloads. */
function initialScripts(): string[] {
  const html = readFileSync(join(APP_OUT, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  return [...new Set([...scripts, ...preloads])].map((src) => src.replace(/^\//, ''));
}

/** Open a page with the HTTP cache off (a first visit). */
async function coldPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return page;
}

async function firstContentfulPaint(context: BrowserContext, url: string): Promise<{ fcp: number; scripts: string[] }> {
  const page = await coldPage(context);
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 20_000 });
    const fcp = await page.waitForFunction(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      undefined,
      { timeout: 10_000 },
    );
    await page.waitForTimeout(1_000);
    const scripts = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')),
    );
    return { fcp: (await fcp.jsonValue()) as number, scripts };
  } finally {
    await page.close();
  }
}

export async function bundleRow(context: BrowserContext, appUrl: string, reps: number): Promise<Measured> {
  const initial = initialScripts();
  const initialKb = initial.reduce((sum, file) => sum + gzipped(file), 0) / 1024;
  const all = readdirSync(join(APP_OUT, 'assets')).filter((f) => f.endsWith('.js'));
  const allKb = all.reduce((sum, file) => sum + gzipped(`assets/${file}`), 0) / 1024;
  const app: number[] = [];
  const blank: number[] = [];
  let fetched: string[] = [];
  for (let i = 0; i < reps + 1; i++) {
    const a = await firstContentfulPaint(context, `${appUrl}/?sandbox=lite`);
    const b = await firstContentfulPaint(context, `${appUrl}/${BLANK}`);
    if (i === 0) continue; // warm-up: the preview server's first answers
    app.push(a.fcp);
    blank.push(b.fcp);
    fetched = a.scripts;
  }
  const startupKb = [...new Set(fetched)].reduce((sum, path) => sum + gzipped(path.replace(/^\//, '')), 0) / 1024;
  const fcp = median(app);
  return {
    name: 'bundle',
    row: row(initialKb, allKb, 'KB gzip', '≤ 200 KB; FCP reported', initialKb <= 200),
    note: fmt('FCP {} ms (blank page {} ms)', fcp, median(blank)),
    details: [
      `initial JS (index.html's module script and modulepreloads): ${initial.join(', ')} — ${fmt('{} KB gzip', initialKb)}; baseline: every JS file of the build (workers included), ${fmt('{} KB gzip', allKb)}`,
      `JS fetched by the page within 1 s of load (lazy chunks and workers included): ${[...new Set(fetched)].map((p) => p.replace('/assets/', '')).join(', ')} — ${fmt('{} KB gzip', startupKb)}`,
      fmt('first contentful paint, cache off, median of {}: app {} ms; a blank page from the same server {} ms', reps, fcp, median(blank)),
    ],
  };
}

/** One scripted run of `steps` steps through window.autopilot.agents; ms from execute() to the final status painted. */
async function appRun(page: Page, steps: number): Promise<{ ms: number; status: string; steps: number }> {
  return page.evaluate(async (n) => {
    const agents = window.autopilot.agents;
    const started = performance.now();
    const run = await agents.execute({ instructions: 'Run each command the benchmark asks for.', max_steps: n + 1, human_intervention_threshold: 'never' });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the run did not end within 120 s')), 120_000);
      const stop = agents.subscribe(run.id, (event) => {
        if (event.type === 'status' && ['completed', 'failed', 'cancelled'].includes(event.status)) {
          clearTimeout(timer);
          stop();
          resolve();
        }
      });
    });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const ms = performance.now() - started;
    const final = await agents.retrieve(run.id);
    return { ms, status: final.status, steps: final.steps };
  }, steps);
}

/** `count` bare fetches of a scripted SSE answer from the page; ms per fetch. */
function bareFetches(page: Page, baseURL: string, count: number): Promise<number> {
  return page.evaluate(
    async ([url, n]) => {
      const started = performance.now();
      for (let i = 0; i < n; i++) {
        const body = JSON.stringify({ model: 'scripted-model', stream: true, messages: [{ role: 'user', content: 'go' }] });
        const response = await fetch(`${url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await response.text();
      }
      return (performance.now() - started) / n;
    },
    [baseURL, count] as const,
  );
}

export async function stepCostRow(context: BrowserContext, appUrl: string, reps: number): Promise<Measured> {
  const server: ScriptedServer = await startScriptedServer([]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    const query = new URLSearchParams({ sandbox: 'lite', baseURL: server.baseURL, model: 'scripted-model' });
    await page.goto(`${appUrl}/?${query}`, { timeout: 20_000 });
    await page.waitForFunction(() => Boolean(window.autopilot?.agents), undefined, { timeout: 10_000 });
    const script = (steps: number) => server.setScript((_req, index) => serverTurn(index, steps));
    script(3);
    await appRun(page, 3); // warm-up: the sandbox worker boots, the agent worker loads
    const steps: number[] = [];
    const fetches: number[] = [];
    for (let i = 0; i < reps; i++) {
      script(STEP_RUN);
      const run = await appRun(page, STEP_RUN);
      if (run.status !== 'completed' || run.steps !== STEP_RUN + 1) throw new Error(`browser_step_cost: the run ended ${run.status} after ${run.steps} steps`);
      steps.push(run.ms / run.steps);
      script(STEP_RUN);
      fetches.push(await bareFetches(page, server.baseURL, STEP_RUN + 1));
    }
    if (errors.length) throw new Error(`browser_step_cost: the page threw: ${errors.join('; ')}`);
    const step = median(steps);
    const fetch = median(fetches);
    return {
      name: 'browser_step_cost',
      row: row(step, fetch, 'ms per step', 'reported', true),
      note: 'includes IndexedDB persistence: events, step commits with a work-dir snapshot',
      details: [
        fmt('a {}-step scripted run through window.autopilot.agents (agent worker, lite sandbox worker, events to the page, timeline painted): {} ms per step, median of {} runs', STEP_RUN + 1, step, reps),
        fmt('baseline: a bare fetch of one scripted SSE answer from the page, {} ms', fetch),
      ],
    };
  } finally {
    await page.close();
    await server.close();
  }
}
