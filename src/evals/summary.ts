/** The summary of an eval: solved %, pass@k, medians, validity, failures by reason — and its table. */
import type { AttemptResult } from './attempt';

export interface EvalSummary {
  model: string;
  tasks: number;
  attempts: number;
  /** Attempts solved, over attempts. */
  solved: number;
  solved_pct: number;
  /** Tasks with at least one solved attempt out of K, over tasks (K = the most attempts of a task). */
  pass_at_k: { k: number; pct: number };
  median_steps: number;
  tokens_per_solved: number | null;
  cost_per_solved_usd: number | null;
  cost_usd: number;
  tool_calls: number;
  tool_call_validity_pct: number;
  /** Failed attempts grouped by how they ended (check failed, failed:max_steps, error …), with their tasks. */
  failures: Record<string, string[]>;
}

const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(model: string, results: readonly AttemptResult[]): EvalSummary {
  const byTask = new Map<string, AttemptResult[]>();
  for (const result of results) byTask.set(result.task, [...(byTask.get(result.task) ?? []), result]);
  const solved = results.filter((r) => r.solved);
  const k = Math.max(0, ...[...byTask.values()].map((list) => list.length));
  const passed = [...byTask.values()].filter((list) => list.some((r) => r.solved)).length;
  const calls = results.reduce((sum, r) => sum + r.tool_calls, 0);
  const bad = results.reduce((sum, r) => sum + r.malformed.bad_json + r.malformed.unknown_tool + r.malformed.invalid_arguments, 0);
  const cost = results.reduce((sum, r) => sum + r.cost_usd, 0);
  const tokens = results.reduce((sum, r) => sum + r.prompt_tokens + r.completion_tokens, 0);
  const failures: Record<string, string[]> = {};
  for (const r of results.filter((r) => !r.solved)) {
    const why = r.error ? 'harness error' : r.ended === 'completed' ? 'check failed' : r.ended;
    (failures[why] ??= []).push(r.task);
  }
  return {
    model,
    tasks: byTask.size,
    attempts: results.length,
    solved: solved.length,
    solved_pct: results.length ? round((100 * solved.length) / results.length) : 0,
    pass_at_k: { k, pct: byTask.size ? round((100 * passed) / byTask.size) : 0 },
    median_steps: median(results.map((r) => r.steps)),
    tokens_per_solved: solved.length ? Math.round(tokens / solved.length) : null,
    cost_per_solved_usd: solved.length ? round(cost / solved.length, 4) : null,
    cost_usd: round(cost, 4),
    tool_calls: calls,
    tool_call_validity_pct: calls ? round((100 * (calls - bad)) / calls) : 100,
    failures,
  };
}

/** A plain-text table of the attempts and the closing lines; the very last is `solved N/M (P %)`. */
export function formatReport(results: readonly AttemptResult[], summary: EvalSummary): string {
  const rows = results.map((r) => [r.task, String(r.attempt), r.solved ? 'yes' : 'no', String(r.steps), String(r.prompt_tokens + r.completion_tokens), `$${r.cost_usd.toFixed(4)}`, `${(r.wall_ms / 1000).toFixed(1)} s`, r.ended]);
  const head = ['task', '#', 'solved', 'steps', 'tokens', 'cost', 'time', 'ended'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  const failures = Object.entries(summary.failures).map(([why, tasks]) => `  ${why}: ${tasks.join(', ')}`);
  return [
    line(head),
    ...rows.map(line),
    '',
    `pass@${summary.pass_at_k.k}: ${summary.pass_at_k.pct} %   median steps: ${summary.median_steps}   tool-call validity: ${summary.tool_call_validity_pct} %   cost: $${summary.cost_usd}`,
    ...(failures.length ? ['failures:', ...failures] : []),
    `solved ${summary.solved}/${summary.attempts} (${summary.solved_pct} %)`,
  ].join('\n');
}
