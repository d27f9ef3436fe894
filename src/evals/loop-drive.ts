/** The Drive of `npm run eval`: the agent loop itself, in this thread, with the model given. */
import { runAgent } from '../agent/loop';
import type { ModelClient } from '../agent/model';
import type { PriceTable } from '../models/prices';
import type { Drive } from './attempt';

/** Options of the loop's drive. */
export interface LoopDriveOptions {
  prices?: PriceTable;
  /** Default timeout of one command (default 60 s). */
  commandTimeoutMs?: number;
}

/** Runs the loop with `model` on the attempt's sandbox. */
export function loopDrive(model: ModelClient, options: LoopDriveOptions = {}): Drive {
  return async (job, sandbox, hooks) => {
    const outcome = await runAgent(
      {
        ...job,
        command_timeout_ms: options.commandTimeoutMs ?? 60_000,
        threshold: 'never',
        prices: options.prices,
      },
      { model, sandbox, emit: hooks.emit },
      hooks.signal,
    );
    return { status: outcome.status, reason: outcome.reason, steps: outcome.steps, usage: outcome.usage };
  };
}
