/** How a run ends, and the limits that end it. Leaving the loop is an exception that carries the ending. */
import { CancelledError, isAbort, ModelError, SandboxError } from '../core/errors';
import type { FailReason, RunError, Usage } from '../core/run';

/** The end of a run, before usage and steps are added. */
export type Ending =
  | { status: 'completed'; summary: string; outputs: Record<string, unknown> }
  | { status: 'failed'; reason: FailReason; error: RunError }
  | { status: 'cancelled' };

/** Leaving the loop, with how the run ended. */
export class RunEnded extends Error {
  constructor(readonly ending: Ending) {
    super(ending.status);
  }
}

/** A failed ending to throw. */
export const failed = (reason: FailReason, message: string, code: string = reason) =>
  new RunEnded({ status: 'failed', reason, error: { code, message } });

/** The ending of a run that passed its wall-time limit. */
export function timeoutEnding(timeout_s: number): Ending {
  return { status: 'failed', reason: 'timeout', error: { code: 'timeout', message: `The run passed its time limit of ${timeout_s} s (timeout_s).` } };
}

/**
 * How a run that left its loop with `error` ended: its own ending, the time limit, a cancel, a model or sandbox
 * failure. Anything else is a bug and is thrown again.
 */
export function endingOf(error: unknown, run: { timedOut: boolean; timeout_s: number | undefined; cancelled: boolean }): Ending {
  if (error instanceof RunEnded) return error.ending;
  if (run.timedOut) return timeoutEnding(run.timeout_s ?? 0);
  if (run.cancelled || error instanceof CancelledError || isAbort(error)) return { status: 'cancelled' };
  if (error instanceof ModelError) {
    return { status: 'failed', reason: 'model_error', error: { code: error.code, message: error.message } };
  }
  if (error instanceof SandboxError) {
    return { status: 'failed', reason: 'sandbox_error', error: { code: 'sandbox_error', message: error.message } };
  }
  throw error; // a bug: let it surface
}

/** The limits checked before each model request. */
export interface RunLimits {
  max_steps: number;
  timeout_s?: number;
  max_tokens?: number;
  max_cost_usd?: number;
}

/** A limit the run reached: which, what was used against what, and the failure it ends the run with. */
export interface LimitHit {
  limit: keyof RunLimits;
  used: number;
  current: number;
  reason: FailReason;
  message: string;
}

/** What the run ends with when `limit` is reached: `current` is the limit, `used` what the run used of it. */
export function limitMessage(limit: keyof RunLimits, current: number, used: number): string {
  switch (limit) {
    case 'timeout_s':
      return `The run passed its time limit of ${current} s (timeout_s).`;
    case 'max_steps':
      return `The run used all ${current} steps (max_steps) before the task was finished.`;
    case 'max_tokens':
      return `The run used ${used} tokens, reaching its max_tokens of ${current}.`;
    case 'max_cost_usd':
      return `The run cost $${used.toFixed(4)}, reaching its max_cost_usd of $${current}.`;
  }
}

/** The first limit reached, if any. `elapsedMs` counts the run's own time (not a person's). */
export function limitReached(limits: RunLimits, state: { step: number; usage: Usage; elapsedMs: number }): LimitHit | undefined {
  const { max_steps, max_tokens, max_cost_usd, timeout_s } = limits;
  const hit = (limit: keyof RunLimits, used: number, current: number, reason: FailReason): LimitHit => ({
    limit, used, current, reason, message: limitMessage(limit, current, used),
  });
  if (timeout_s !== undefined && state.elapsedMs >= timeout_s * 1000) return hit('timeout_s', Math.round(state.elapsedMs / 1000), timeout_s, 'timeout');
  if (state.step >= max_steps) return hit('max_steps', state.step, max_steps, 'max_steps');
  const tokens = state.usage.prompt_tokens + state.usage.completion_tokens;
  if (max_tokens !== undefined && tokens >= max_tokens) return hit('max_tokens', tokens, max_tokens, 'budget');
  if (max_cost_usd !== undefined && state.usage.cost_usd >= max_cost_usd) return hit('max_cost_usd', state.usage.cost_usd, max_cost_usd, 'budget');
  return undefined;
}

/** The failure a reached limit ends the run with. */
export function limitFailure(hit: LimitHit): RunEnded {
  return failed(hit.reason, hit.message);
}

/** Throw the run's ending when a limit is reached. */
export function checkLimits(limits: RunLimits, state: { step: number; usage: Usage; elapsedMs: number }): void {
  const hit = limitReached(limits, state);
  if (hit) throw limitFailure(hit);
}

/** Limits after a person raised some: only positive numbers apply, and only to limits the run has or may have. */
export function raisedLimits(limits: RunLimits, raise: Partial<Record<keyof RunLimits, unknown>>): RunLimits {
  const next = { ...limits };
  for (const key of ['max_steps', 'max_tokens', 'max_cost_usd', 'timeout_s'] as const) {
    const value = raise[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) next[key] = key === 'max_steps' ? Math.floor(value) : value;
  }
  return next;
}
