/** One stoppable just-bash run: a timeout and an abort signal end it, with a bounded wait for it to settle. */
import { SandboxError } from '../../core/errors';
import type { Engine, EngineResult } from './engine';

/** Why a run was stopped. */
export type StopReason = 'timeout' | 'abort';

/** How a run ended: with a result, or stopped (the result too when it settled within the grace time). */
export type RunOutcome =
  | { stopped: false; result: EngineResult }
  | { stopped: StopReason; result?: EngineResult };

/** How one run is started and bounded. */
export interface StoppableRunOptions {
  cwd: string;
  env: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** How long to wait for the engine to acknowledge a stop before giving up on it. */
  graceMs: number;
}

/** Run a script; a timeout or the caller's signal aborts it. Engine failures become SandboxErrors. */
export async function runStoppable(engine: Engine, script: string, options: StoppableRunOptions): Promise<RunOutcome> {
  const controller = new AbortController();
  let reason: StopReason | undefined;
  const stop = (why: StopReason): void => {
    reason ??= why;
    controller.abort();
  };
  const onAbort = (): void => stop('abort');
  if (options.signal?.aborted) return { stopped: 'abort' };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => stop('timeout'), options.timeoutMs);
  const run = engine.run(script, { cwd: options.cwd, env: options.env, signal: controller.signal });
  try {
    const settled = await Promise.race([run.then(ok, failed), stopped(controller.signal, options.graceMs)]);
    if (reason !== undefined) return { stopped: reason, result: settled?.ok ? settled.result : undefined };
    if (settled === undefined) throw new Error('unreachable: a run settled as stopped without a stop');
    if (!settled.ok) throw new SandboxError(`The lite sandbox failed to run the command: ${describe(settled.error)}`);
    return { stopped: false, result: settled.result };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

type Settled = { ok: true; result: EngineResult } | { ok: false; error: unknown };

function ok(result: EngineResult): Settled {
  return { ok: true, result };
}

function failed(error: unknown): Settled {
  return { ok: false, error };
}

/** Resolves `graceMs` after the signal aborts (never before): the bound on waiting for a stopped run. */
function stopped(signal: AbortSignal, graceMs: number): Promise<undefined> {
  return new Promise((resolve) => {
    const later = (): void => void setTimeout(() => resolve(undefined), graceMs);
    if (signal.aborted) later();
    else signal.addEventListener('abort', later, { once: true });
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
