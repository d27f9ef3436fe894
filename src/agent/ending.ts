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

/** The first limit reached, if any. `elapsedMs` counts the run's own time (not a person's). */
export function limitReached(limits: RunLimits, state: { step: number; usage: Usage; elapsedMs: number }): LimitHit | undefined {
  const { max_steps, max_tokens, max_cost_usd, timeout_s } = limits;
  if (timeout_s !== undefined && state.elapsedMs >= timeout_s * 1000) {
    const message = `The run passed its time limit of ${timeout_s} s (timeout_s).`;
    return { limit: 'timeout_s', used: Math.round(state.elapsedMs / 1000), current: timeout_s, reason: 'timeout', message };
  }
  if (state.step >= max_steps) {
    const message = `The run used all ${max_steps} steps (max_steps) before the task was finished.`;
    return { limit: 'max_steps', used: state.step, current: max_steps, reason: 'max_steps', message };
  }
  const tokens = state.usage.prompt_tokens + state.usage.completion_tokens;
  if (max_tokens !== undefined && tokens >= max_tokens) {
    const message = `The run used ${tokens} tokens, reaching its max_tokens of ${max_tokens}.`;
    return { limit: 'max_tokens', used: tokens, current: max_tokens, reason: 'budget', message };
  }
  if (max_cost_usd !== undefined && state.usage.cost_usd >= max_cost_usd) {
    const message = `The run cost $${state.usage.cost_usd.toFixed(4)}, reaching its max_cost_usd of $${max_cost_usd}.`;
    return { limit: 'max_cost_usd', used: state.usage.cost_usd, current: max_cost_usd, reason: 'budget', message };
  }
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
