/** Errors that cross module boundaries. Expected failures are values; these are for control flow and bugs. */

/** The run was cancelled (Stop, `cancel()`, or an aborted signal). */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message = 'cancelled') {
    super(message);
  }
}

/** The model API failed in a way retries did not mend. `code` is what the user should act on. */
export class ModelError extends Error {
  override name = 'ModelError';
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The sandbox could not do what was asked (not a command's non-zero exit: that is data). */
export class SandboxError extends Error {
  override name = 'SandboxError';
  constructor(message: string) {
    super(message);
  }
}

/** True for any error that means "stop because the caller aborted". */
export function isAbort(error: unknown): boolean {
  return (
    error instanceof CancelledError ||
    (error instanceof Error && (error.name === 'AbortError' || error.name === 'APIUserAbortError'))
  );
}

/** Run error codes that a change in Settings can mend (the key, the base URL, the model, the idle timeout). */
const MENDED_IN_SETTINGS: ReadonlySet<string> = new Set(['auth', 'model_not_found', 'unreachable', 'network', 'tools_unsupported', 'idle_timeout']);

/** Whether a run's error is one the person mends in Settings (the page then offers to open them). */
export function mendedInSettings(error: { code: string }): boolean {
  return MENDED_IN_SETTINGS.has(error.code);
}
