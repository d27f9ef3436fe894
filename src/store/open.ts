/** Opening the history database (migrations, other tabs) and running all-or-nothing transactions. */
import { wrap, type IDBPTransaction, type StoreNames } from 'idb';
import { DB_NAME, DB_VERSION, migrate, type HistoryDb, type HistorySchema } from './schema';
import { StorageFullError, StoreBlockedError, StoreClosedError, isQuotaError } from './errors';

/** Where and how to open the history database. */
export interface OpenOptions {
  /** Default: the page's `indexedDB`. Tests pass a fresh fake-indexeddb factory. */
  factory?: IDBFactory;
  name?: string;
  /** Default: the current schema. Tests open older versions to exercise migrations. */
  version?: number;
  /** Give up opening after this long (another tab blocking an upgrade). Default 8000 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called once if the connection is closed under us; the app should tell the person to reload. */
  onClose?: (error: StoreClosedError) => void;
}

/** Opens (creating or upgrading) the history database. Never waits longer than `timeoutMs`. */
export function openHistoryDb(options: OpenOptions = {}): Promise<HistoryDb> {
  const factory = options.factory ?? globalThis.indexedDB;
  if (!factory) {
    return Promise.reject(
      new Error('This browser offers no IndexedDB (private mode?), so run history cannot be kept. Use a normal window.'),
    );
  }
  const version = options.version ?? DB_VERSION;
  let request: IDBOpenDBRequest;
  try {
    request = factory.open(options.name ?? DB_NAME, version);
  } catch (error) {
    return Promise.reject(error);
  }
  let migrationError: unknown;
  let blocked = false;
  request.addEventListener('upgradeneeded', (event) => {
    const tx = request.transaction as IDBTransaction;
    const upgrade = wrap(tx);
    // A failed upgrade is reported by the open request (below), not by this transaction's `done`.
    upgrade.done.catch(() => undefined);
    migrate(wrap(request.result), upgrade as never, event.oldVersion, version).catch((error: unknown) => {
      migrationError = error;
      abortQuietly(tx);
    });
  });
  request.addEventListener('blocked', () => (blocked = true));
  const opened = (wrap(request) as Promise<HistoryDb>).catch((error: unknown) => {
    throw migrationError ?? error;
  });
  return settleWithin(opened, options, () => (blocked ? new StoreBlockedError() : openTimeout(options))).then(
    (db) => watchConnection(db, options.onClose),
  );
}

function openTimeout(options: OpenOptions): Error {
  const seconds = Math.round((options.timeoutMs ?? 8000) / 1000);
  return new Error(`The run history database did not open within ${seconds} s. Reload the page to try again.`);
}

/** Races the open against the timeout and the signal; a connection that opens too late is closed. */
function settleWithin(opened: Promise<HistoryDb>, options: OpenOptions, onTimeout: () => Error): Promise<HistoryDb> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (action: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      action();
    };
    const onAbort = (): void => finish(() => reject(options.signal?.reason));
    const timer = setTimeout(() => finish(() => reject(onTimeout())), options.timeoutMs ?? 8000);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    opened.then(
      (db) => (done ? db.close() : finish(() => resolve(db))),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}

/** Another tab upgrading the schema: let it (close now) and tell the app to reload. */
function watchConnection(db: HistoryDb, onClose: OpenOptions['onClose']): HistoryDb {
  let told = false;
  const tell = (reason: 'versionchange' | 'terminated'): void => {
    if (told) return;
    told = true;
    onClose?.(new StoreClosedError(reason));
  };
  db.addEventListener('versionchange', () => {
    db.close();
    tell('versionchange');
  });
  db.addEventListener('close', () => tell('terminated'));
  return db;
}

/** Aborts a transaction that may already have finished (then there is nothing to undo). */
export function abortQuietly(tx: IDBTransaction | { abort(): void }): void {
  try {
    tx.abort();
  } catch (error) {
    // InvalidStateError: the transaction already committed or aborted, which is the state we want.
    if (!(error instanceof Error && error.name === 'InvalidStateError')) throw error;
  }
}

type Stores = StoreNames<HistorySchema>[];
/** A read-write transaction over some stores of the history. */
export type WriteTx<S extends Stores> = IDBPTransaction<HistorySchema, S, 'readwrite'>;

/**
 * Runs `body` in one read-write transaction and waits for the commit. On any failure the whole
 * transaction is aborted, so nothing of it stays; a quota failure becomes `StorageFullError`.
 * `body` must only await IndexedDB requests (anything else lets the transaction commit early).
 */
export async function inTransaction<S extends Stores, R>(
  db: HistoryDb,
  stores: S,
  operation: string,
  body: (tx: WriteTx<S>) => Promise<R>,
): Promise<R> {
  const tx = db.transaction(stores, 'readwrite');
  try {
    const result = await body(tx);
    await tx.done;
    return result;
  } catch (error) {
    abortQuietly(tx);
    const txError = await tx.done.then(
      () => null,
      (reason: unknown) => reason,
    );
    if (isQuotaError(error) || isQuotaError(txError)) throw new StorageFullError(operation, error);
    throw error;
  }
}

/**
 * Issues one request per item at once and waits for all of them. If issuing one throws (a synchronous
 * DataError or QuotaExceededError), the requests already issued will fail with the transaction's abort:
 * they are awaited quietly, and the first error is the one reported.
 */
export async function issueAll<T>(items: Iterable<T>, issue: (item: T) => Promise<unknown>): Promise<void> {
  const pending: Promise<unknown>[] = [];
  try {
    for (const item of items) pending.push(issue(item));
  } catch (error) {
    void Promise.allSettled(pending);
    throw error;
  }
  await Promise.all(pending);
}
