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
import { median } from '../lib/stats';
import { ANSWER, toModelTurn } from '../lib/task';
import { benchConfig } from './loops';

export const GROWTH_STEPS = 150;
const OUTPUT_BYTES = 50 * 1024;
const MODEL = 'scripted-model';

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
  readonly model = MODEL;
  readonly requests: string[] = [];
  summaries = 0;

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

/** One 150-step run of our loop. */
export async function growthRun(): Promise<GrowthRun> {
  const sandbox = new LiteSandbox();
  await sandbox.writeFile('big.txt', bigOutput());
  const model = new RecordingModel();
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
    window: contextWindowOf(MODEL),
  };
}

/** The median share of a run, and whether its tokens stay flat (bounded by the window) in the second half. */
export function growthFigures(run: GrowthRun): { share: number; flat: boolean; maxLate: number } {
  const late = run.tokens.slice(Math.floor(run.tokens.length / 2));
  const maxLate = Math.max(...late);
  return { share: median(run.prefixShares), flat: maxLate <= run.window, maxLate };
}
