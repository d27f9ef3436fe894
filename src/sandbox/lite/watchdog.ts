/** The main thread's watch over one command in the lite worker: when is a stop overdue. */

/** Why a command was stopped. */
export type StopReason = 'timeout' | 'abort';

/** A running watch: `expired` resolves once a stop went unanswered for `killAfterMs`. */
export interface StopWatch {
  expired: Promise<{ reason: StopReason }>;
  /** The first stop asked for, if any. */
  reason(): StopReason | undefined;
  dispose(): void;
}

/**
 * Watch a command: at `timeoutMs`, or when `signal` aborts (then `abort()` asks the worker to stop it), a
 * countdown of `killAfterMs` starts; `expired` resolves when it runs out. Dispose once the command answered.
 */
export function watchStop(options: {
  timeoutMs?: number;
  signal?: AbortSignal;
  killAfterMs: number;
  abort(): void;
}): StopWatch {
  const { timeoutMs, signal, killAfterMs } = options;
  let reason: StopReason | undefined;
  const timers: ReturnType<typeof setTimeout>[] = [];
  let expire: (value: { reason: StopReason }) => void = () => undefined;
  const expired = new Promise<{ reason: StopReason }>((resolve) => (expire = resolve));
  const stop = (why: StopReason): void => {
    reason ??= why;
    timers.push(setTimeout(() => expire({ reason: reason ?? why }), killAfterMs));
  };
  const onAbort = (): void => {
    options.abort();
    stop('abort');
  };
  if (timeoutMs !== undefined) timers.push(setTimeout(() => stop('timeout'), timeoutMs));
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const dispose = (): void => {
    for (const timer of timers) clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  };
  return { expired, reason: () => reason, dispose };
}
