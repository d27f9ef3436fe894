/** Who hears of runs on the page: subscribers of one run, of every event, of run changes and of storage failures. */
import type { Run, RunEvent } from '../core';

type Listener = (event: RunEvent) => void;

/** The API's listeners. A listener that throws is logged and the run goes on. */
export class RunListeners {
  readonly #byRun = new Map<string, Set<Listener>>();
  readonly #events = new Set<Listener>();
  readonly #runs = new Set<(run: Run) => void>();
  readonly #storeErrors = new Set<(error: Error) => void>();

  /**
   * Every event of the run so far (`past`, read once the writes before it have landed), then each new one,
   * in order and once each.
   */
  subscribe(id: string, onEvent: Listener, past: () => Promise<RunEvent[]>): () => void {
    let delivered = 0;
    let live = false;
    const backlog: RunEvent[] = [];
    const deliver = (event: RunEvent) => {
      if (event.seq <= delivered) return;
      delivered = event.seq;
      guarded(`A subscriber of run ${id}`, () => onEvent(event));
    };
    const listener: Listener = (event) => (live ? deliver(event) : backlog.push(event));
    const set = this.#byRun.get(id) ?? new Set<Listener>();
    set.add(listener);
    this.#byRun.set(id, set);
    void past().then(
      (events) => {
        for (const event of [...events, ...backlog]) deliver(event);
        live = true;
      },
      (error: unknown) => this.storeFailed(error),
    );
    return () => set.delete(listener);
  }

  onEvent(listener: Listener): () => void {
    this.#events.add(listener);
    return () => this.#events.delete(listener);
  }

  onRunChange(listener: (run: Run) => void): () => void {
    this.#runs.add(listener);
    return () => this.#runs.delete(listener);
  }

  onStoreError(listener: (error: Error) => void): () => void {
    this.#storeErrors.add(listener);
    return () => this.#storeErrors.delete(listener);
  }

  event(stored: RunEvent): void {
    for (const listener of this.#byRun.get(stored.run_id) ?? []) listener(stored);
    for (const listener of this.#events) guarded('An event listener', () => listener(stored));
  }

  run(run: Run): void {
    for (const listener of this.#runs) guarded('A run listener', () => listener(structuredClone(run)));
  }

  /** A write failed: the page is told (the run goes on in memory). */
  storeFailed(error: unknown): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    if (this.#storeErrors.size === 0) console.error('Could not store a run; it stays in memory for this tab.', failure);
    for (const listener of this.#storeErrors) guarded('A storage-error listener', () => listener(failure));
  }
}

function guarded(who: string, call: () => void): void {
  try {
    call();
  } catch (error) {
    console.error(`${who} threw; the run goes on.`, error);
  }
}
