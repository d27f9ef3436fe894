/** How a run ends, and the limits that end it. Leaving the loop is an exception that carries the ending. */
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

export function timeoutEnding(timeout_s: number): Ending {
  return { status: 'failed', reason: 'timeout', error: { code: 'timeout', message: `The run passed its time limit of ${timeout_s} s (timeout_s).` } };
}

/** The limits checked before each model request. */
export interface RunLimits {
  max_steps: number;
  timeout_s?: number;
  max_tokens?: number;
  max_cost_usd?: number;
}

/** Throw the run's ending when a limit is reached. */
export function checkLimits(limits: RunLimits, state: { step: number; usage: Usage; elapsedMs: number }): void {
  const { max_steps, max_tokens, max_cost_usd, timeout_s } = limits;
  if (timeout_s !== undefined && state.elapsedMs >= timeout_s * 1000) throw new RunEnded(timeoutEnding(timeout_s));
  if (state.step >= max_steps) {
    throw failed('max_steps', `The run used all ${max_steps} steps (max_steps) before the task was finished.`);
  }
  const tokens = state.usage.prompt_tokens + state.usage.completion_tokens;
  if (max_tokens !== undefined && tokens >= max_tokens) {
    throw failed('budget', `The run used ${tokens} tokens, reaching its max_tokens of ${max_tokens}.`);
  }
  if (max_cost_usd !== undefined && state.usage.cost_usd >= max_cost_usd) {
    throw failed('budget', `The run cost $${state.usage.cost_usd.toFixed(4)}, reaching its max_cost_usd of $${max_cost_usd}.`);
  }
}
