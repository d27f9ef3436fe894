/**
 * What the status meter shows beyond the Run record, folded from the run's events: how full the model's context
 * window was at the last turn, whether the loop is waiting to retry after an error (and until when), and how long
 * the run was actually working (in progress), as opposed to waiting for a person or sitting interrupted.
 */
import type { RunEvent } from '../../core/events';

/** How full the model's context window was, from the last `usage` event that said. */
export interface ContextUse {
  tokens: number;
  window: number;
}

/** A retry the loop announced: the error's code and when (ms since the epoch) it tries again. */
export interface RetryWait {
  code: string;
  at: number;
}

/** Events that show the loop moved on after a retry wait. */
const MOVED_ON: ReadonlySet<RunEvent['type']> = new Set(['step', 'text_delta', 'reasoning_delta', 'tool_call_delta', 'assistant_message', 'tool_call', 'usage', 'status']);

/** Folds one run's events (in order) into the meter's figures. */
export class RunMeter {
  context: ContextUse | undefined;
  retry: RetryWait | undefined;
  #activeMs = 0;
  /** When the current in-progress stretch began. */
  #since: number | undefined;

  add(event: RunEvent): void {
    if (event.type === 'usage' && event.context && event.context.window > 0) this.context = { ...event.context };
    if (event.type === 'error') {
      this.retry = event.retrying ? { code: event.code, at: event.at + (event.wait_ms ?? 0) } : undefined;
    } else if (MOVED_ON.has(event.type)) {
      this.retry = undefined;
    }
    if (event.type === 'status') this.#status(event.status === 'in_progress', event.at);
  }

  /** Milliseconds spent in progress, up to `now` when the run is in progress still. */
  activeMs(now: number): number {
    return this.#activeMs + (this.#since === undefined ? 0 : Math.max(0, now - this.#since));
  }

  /** True once a status event was seen, so `activeMs` means something. */
  get timed(): boolean {
    return this.#activeMs > 0 || this.#since !== undefined;
  }

  #status(working: boolean, at: number): void {
    if (working) {
      this.#since ??= at;
      return;
    }
    if (this.#since !== undefined) this.#activeMs += Math.max(0, at - this.#since);
    this.#since = undefined;
  }
}

/** Whole seconds until `retry` (at least 0). */
export function secondsUntil(retry: RetryWait, now: number): number {
  return Math.max(0, Math.ceil((retry.at - now) / 1000));
}

/** A token count in few characters: 950, 12.3k, 128k, 1.05M. */
export function compactTokens(count: number): string {
  if (count < 1000) return String(Math.round(count));
  if (count < 1_000_000) return `${trim(count / 1000)}k`;
  return `${trim(count / 1_000_000, 2)}M`;
}

function trim(value: number, digits = 1): string {
  return value >= 100 ? String(Math.round(value)) : String(Number(value.toFixed(digits)));
}
