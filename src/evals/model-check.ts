/**
 * A model check: the quick set, one task at a time, each in a fresh sandbox of its own, through runAttempt
 * (the same harness as `npm run eval`). Progress is told after every event that changes it; Stop (the signal)
 * ends the task in flight and keeps the results so far.
 */
import type { AgentEvent } from '../core/events';
import { runAttempt, type Drive } from './attempt';
import type { CheckRecord, CheckTaskResult, StepPoint } from './check-record';
import type { Sandbox } from '../sandbox/sandbox';
import type { EvalTask } from './task';

/** What a check runs with. */
export interface CheckOptions {
  id: string;
  model: string;
  base_url: string;
  estimate_usd: number | null;
  drive: Drive;
  /** A fresh sandbox for each task (never the person's work dir). */
  makeSandbox(): Sandbox | Promise<Sandbox>;
  signal: AbortSignal;
  now?: () => number;
  /** The check as it is now: after each task, and as the task in flight moves (`current`). */
  onProgress?(check: CheckRecord, current?: { task: string; step: number }): void;
}

/** Run the check to its end (or Stop); resolves with the record, never rejects. */
export async function runCheck(tasks: readonly EvalTask[], options: CheckOptions): Promise<CheckRecord> {
  const now = options.now ?? Date.now;
  const started = now();
  const check: CheckRecord = {
    id: options.id,
    created_at: started,
    model: options.model,
    base_url: options.base_url,
    status: 'running',
    tasks: tasks.map((task) => task.id),
    results: [],
    estimate_usd: options.estimate_usd,
    wall_ms: 0,
  };
  const tell = (current?: { task: string; step: number }) => options.onProgress?.({ ...check, wall_ms: now() - started }, current);
  tell();
  for (const task of tasks) {
    if (options.signal.aborted) break;
    const points: StepPoint[] = [];
    const taskStarted = now();
    let step = 0;
    const onEvent = (event: AgentEvent) => {
      if (event.type === 'step') step = event.step;
      if (event.type === 'usage') {
        points.push({ step: step || points.length + 1, prompt_tokens: event.step.prompt_tokens, completion_tokens: event.step.completion_tokens, ms: now() - taskStarted });
      }
      if (event.type === 'step' || event.type === 'usage') tell({ task: task.id, step });
    };
    tell({ task: task.id, step: 0 });
    try {
      const result = await runAttempt(task, 1, { model: options.model, drive: options.drive, makeSandbox: options.makeSandbox, signal: options.signal, onEvent });
      const entry: CheckTaskResult = { ...result, title: task.title, points };
      check.results.push(entry);
    } catch (error) {
      if (!options.signal.aborted) {
        check.status = 'failed';
        check.error = (error as Error).message ?? String(error);
        break;
      }
    }
  }
  if (check.status === 'running') check.status = options.signal.aborted ? 'stopped' : 'completed';
  check.wall_ms = now() - started;
  tell();
  return check;
}
