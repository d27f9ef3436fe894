/** A model check as it is kept: which model, which tasks, each task's attempt and its steps, and how it ended. */
import type { AttemptResult } from './attempt';
import { summarize, type EvalSummary } from './summary';

/** One model turn of a task, for its chart. */
export interface StepPoint {
  step: number;
  prompt_tokens: number;
  completion_tokens: number;
  /** Since the task started. */
  ms: number;
}

/** A task's attempt in a check, with its steps. */
export interface CheckTaskResult extends AttemptResult {
  title: string;
  points: StepPoint[];
}

/** How a check is: going, ended with every task, stopped by the person, or failed (the harness broke). */
export type CheckStatus = 'running' | 'completed' | 'stopped' | 'failed';

/** A stored model check. */
export interface CheckRecord {
  id: string;
  created_at: number;
  model: string;
  base_url: string;
  status: CheckStatus;
  /** The quick set's task ids, in order. */
  tasks: string[];
  results: CheckTaskResult[];
  /** The estimate shown before it started (null: the model's price is unknown). */
  estimate_usd: number | null;
  wall_ms: number;
  /** What went wrong, when it failed. */
  error?: string;
}

/** The report card's figures of a check. */
export function checkSummary(check: CheckRecord): EvalSummary {
  return summarize(check.model, check.results);
}

/** A stored value that is a sound check record (older or damaged ones are left out of the list). */
export function isCheckRecord(value: unknown): value is CheckRecord {
  if (!value || typeof value !== 'object') return false;
  const record = value as Partial<CheckRecord>;
  return (
    typeof record.id === 'string' &&
    typeof record.created_at === 'number' &&
    typeof record.model === 'string' &&
    typeof record.base_url === 'string' &&
    ['running', 'completed', 'stopped', 'failed'].includes(record.status as string) &&
    Array.isArray(record.tasks) &&
    Array.isArray(record.results) &&
    record.results.every((result) => result && typeof result === 'object' && typeof result.task === 'string' && Array.isArray(result.points))
  );
}
