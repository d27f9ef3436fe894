/**
 * The lock port: a named exclusive lock held by the tab that drives a run, so two tabs never drive the
 * same run and a run driven elsewhere is not mistaken for an interrupted one. Browsers: Web Locks
 * (released by the browser when the tab closes); Node tests: an in-memory registry shared by "tabs".
 */

/** A lock this tab holds until it calls `release`. */
export interface HeldLock {
  readonly name: string;
  release(): void;
}

/** Named exclusive locks. */
export interface LockPort {
  /** Takes the lock if nobody holds it; `null` when someone does (another tab, or this one). */
  tryAcquire(name: string): Promise<HeldLock | null>;
}

/** The lock name of a run. */
export function runLockName(runId: string): string {
  return `autopilot-run-${runId}`;
}

/** Locks over `navigator.locks`. A held lock is a pending callback that ends on `release`. */
export class WebLocks implements LockPort {
  #locks: LockManager;

  constructor(locks: LockManager) {
    this.#locks = locks;
  }

  tryAcquire(name: string): Promise<HeldLock | null> {
    return new Promise((resolve, reject) => {
      this.#locks
        .request(name, { ifAvailable: true }, (lock) => {
          if (!lock) {
            resolve(null);
            return undefined;
          }
          return new Promise<void>((release) => resolve({ name, release: () => release() }));
        })
        .catch(reject);
    });
  }
}

/** Locks in memory: share one instance between the stores that play different tabs in a test. */
export class MemoryLocks implements LockPort {
  #held = new Set<string>();

  tryAcquire(name: string): Promise<HeldLock | null> {
    if (this.#held.has(name)) return Promise.resolve(null);
    this.#held.add(name);
    let released = false;
    return Promise.resolve({
      name,
      release: () => {
        if (released) return;
        released = true;
        this.#held.delete(name);
      },
    });
  }

  /** Names held now, for tests. */
  heldNames(): string[] {
    return [...this.#held].sort();
  }
}

/** Web Locks where the browser has them, else in-memory locks (this tab only). */
export function defaultLocks(): LockPort {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? new WebLocks(locks) : new MemoryLocks();
}
