/** Watching a run from outside its steps: the caller's cancel and the wall-time limit abort what it is doing. */

/** A run's watch: whether it fired for the time limit, and how to stop it. */
export interface RunWatch {
  readonly timedOut: boolean;
  stop(): void;
}

/** What the watch needs. */
export interface WatchOptions {
  /** The caller's cancel. */
  signal: AbortSignal;
  /** Aborted on the caller's cancel and at the time limit. */
  controller: AbortController;
  /** The run's wall-time limit in seconds; undefined: none, or checked between steps (a person may raise it). */
  timeout_s: number | undefined;
  /** The run's own time used so far, in ms. */
  activeMs: number;
}

/** Abort the controller on the caller's cancel, and when the run's time limit passes. */
export function watchRun({ signal, controller, timeout_s, activeMs }: WatchOptions): RunWatch {
  let timedOut = false;
  const abort = () => controller.abort();
  signal.addEventListener('abort', abort, { once: true });
  if (signal.aborted) abort();
  const timer =
    timeout_s === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          abort();
        }, Math.max(0, timeout_s * 1000 - activeMs));
  return {
    get timedOut() {
      return timedOut;
    },
    stop() {
      clearTimeout(timer);
      signal.removeEventListener('abort', abort);
    },
  };
}
