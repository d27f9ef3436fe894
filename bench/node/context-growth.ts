/**
 * context_growth: a scripted 150-step run whose every command prints 50 KB. The in-process model records each
 * request as it was sent (tools, then messages: the order providers cache prefixes in) and reports
 * `prompt_tokens` as the request's characters / 4, so the loop's estimator calibrates as on a real server.
 * Compaction's summary requests (no tools) get a short scripted summary and are counted apart.
 */
import { runAgent } from '../../src/agent/loop';
import type { ModelClient, ModelRequest, ModelTurn } from '../../src/agent/model';
import { contextWindowOf } from '../../src/agent/context';
import { LiteSandbox } from '../../src/sandbox/lite/lite-sandbox';
import { fmt, median, row, type Measured } from '../lib/stats';
import { ANSWER, toModelTurn } from '../lib/task';
import { benchConfig } from './loops';

export const GROWTH_STEPS = 150;
const OUTPUT_BYTES = 50 * 1024;

/** What one run showed. */
export interface GrowthRun {
  /** Prompt tokens of each step's request, in order. */
  tokens: number[];
  /** Share (0–1) of each request (from the second) that repeats the previous request's start. */
  prefixShares: number[];
  summaryRequests: number;
  notices: string[];
  window: number;
}

/** Length of the common start of two strings. */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** A model that calls `cat` on the 50 KB file every step, records what it is sent, and summarises on request. */
class RecordingModel implements ModelClient {
  readonly requests: string[] = [];
  summaries = 0;

  constructor(readonly model: string) {}

  async complete(request: ModelRequest): Promise<ModelTurn> {
    const text = JSON.stringify({ tools: request.tools, messages: request.messages });
    const usage = { prompt_tokens: Math.ceil(text.length / 4), completion_tokens: 20, cached_tokens: 0 };
    if (request.tools.length === 0) {
      this.summaries++;
      return { text: '- Printed big.txt once per step; nothing else changed.\n- Remaining: keep printing it.', reasoning: '', tool_calls: [], finish_reason: 'stop', usage };
    }
    const step = this.requests.push(text);
    const turn =
      step <= GROWTH_STEPS
        ? toModelTurn({ kind: 'call', id: `call_${step}`, command: `cat big.txt; true ${step}` })
        : toModelTurn({ kind: 'answer', text: ANSWER });
    return { ...turn, usage };
  }
}

/** 50 KB of numbered lines, like a long build log. */
function bigOutput(): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 1; size < OUTPUT_BYTES; i++) {
    const line = `line ${String(i).padStart(5, '0')}: compiling module_${i % 97}.ts … ok (${(i * 7) % 1000} ms)\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('').slice(0, OUTPUT_BYTES);
}

/** One 150-step run of our loop, as model `model` (its context window is what the loop knows of it). */
export async function growthRun(modelName: string): Promise<GrowthRun> {
  const sandbox = new LiteSandbox();
  await sandbox.writeFile('big.txt', bigOutput());
  const model = new RecordingModel(modelName);
  const notices: string[] = [];
  const emit = (event: { type: string; message?: string }) => void (event.type === 'notice' && notices.push(event.message ?? ''));
  const outcome = await runAgent(benchConfig(GROWTH_STEPS), { model, sandbox, emit }, AbortSignal.timeout(300_000));
  await sandbox.dispose();
  if (outcome.status !== 'completed') throw new Error(`context_growth: the run ended ${outcome.status}: ${outcome.error?.message}`);
  const steps = model.requests.slice(0, GROWTH_STEPS);
  return {
    tokens: steps.map((text) => Math.ceil(text.length / 4)),
    prefixShares: steps.slice(1).map((text, i) => commonPrefix(steps[i], text) / text.length),
    summaryRequests: model.summaries,
    notices,
    window: contextWindowOf(modelName),
  };
}

/** The median share of a run, and whether its tokens stay flat (bounded by the window) in the second half. */
export function growthFigures(run: GrowthRun): { share: number; flat: boolean; maxLate: number } {
  const late = run.tokens.slice(Math.floor(run.tokens.length / 2));
  const maxLate = Math.max(...late);
  return { share: median(run.prefixShares), flat: maxLate <= run.window, maxLate };
}

function series(run: GrowthRun): string {
  return run.tokens.filter((_, i) => i % 10 === 0 || i === run.tokens.length - 1).map((t, i) => `${i * 10 + 1 > run.tokens.length ? run.tokens.length : i * 10 + 1}: ${t}`).join(', ');
}

/** The row for one model: the median share over `reps` runs (the run is deterministic: they agree). */
export async function growthRow(name: string, model: string, reps: number): Promise<Measured> {
  const runs: GrowthRun[] = [];
  for (let i = 0; i < reps; i++) runs.push(await growthRun(model));
  const figures = runs.map(growthFigures);
  const share = median(figures.map((f) => f.share)) * 100;
  const flat = figures.every((f) => f.flat);
  const run = runs[0];
  const compactions = run.notices.filter((n) => n.includes('context window')).length;
  return {
    name,
    row: row(share, 100, '% prefix repeated', 'flat after compaction; median ≥ 90 %', flat && share >= 90),
    note: `${model} (${run.window}-token window): ${compactions} compactions, peak ${Math.max(...run.tokens)} tokens, ${flat ? 'flat' : 'not flat'}`,
    details: [
      `${GROWTH_STEPS} steps, each printing 50 KB, as model \`${model}\` (context window ${run.window} tokens as the loop knows it); prompt tokens = request characters / 4, reported back as usage`,
      fmt('median share of a request repeating the previous request from its start: {} % (baseline 100 %: a history only ever appended to)', share),
      `compactions: ${compactions} (${run.summaryRequests} of them summarised by the model); tokens in the second half peak at ${Math.max(...figures.map((f) => f.maxLate))} (window ${run.window}): ${flat ? 'flat' : 'NOT flat'}`,
      `prompt tokens by step: ${series(run)}`,
    ],
  };
}
