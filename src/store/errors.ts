/** Errors of the run history. Callers catch them by class. */

/** The browser refused to store more for this site. Nothing of the failed write was kept. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor(
    /** What was being saved, e.g. "step 4 of run …". */
    readonly operation: string,
    override readonly cause?: unknown,
  ) {
    super(
      `Browser storage for this site is full, so ${operation} was not saved (earlier history is intact). ` +
        'Free space by pruning old work-dir states (pruneWorkdirStates) or deleting old runs, then try again.',
    );
  }
}

/** The database could not be opened because another tab keeps an older version of it open. */
export class StoreBlockedError extends Error {
  override name = 'StoreBlockedError';
  constructor() {
    super(
      'Another Autopilot tab keeps the run history open with an older version. ' +
        'Close the other Autopilot tabs, then reload this page.',
    );
  }
}

const CLOSED_MESSAGES = {
  versionchange: 'A newer version of Autopilot opened in another tab and upgraded the run history. Reload this page.',
  terminated: 'The browser closed the run history database (storage cleared or disk error). Reload this page.',
  closed: 'The run history was closed by this page (it is shutting down). Reload this page to use it again.',
};

/** The connection was closed: another tab upgraded the database, or the browser closed it. */
export class StoreClosedError extends Error {
  override name = 'StoreClosedError';
  constructor(readonly reason: 'versionchange' | 'terminated' | 'closed') {
    super(CLOSED_MESSAGES[reason]);
  }
}

/** True when an IndexedDB failure means "out of space". */
export function isQuotaError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED')
  );
}
