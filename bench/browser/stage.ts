/** The visible area benchmarks render into, emptied between runs. */
export function stage(): HTMLElement {
  const element = document.getElementById('stage')!;
  element.replaceChildren();
  return element;
}

/** Resolves after the next frame has been rendered (two animation frames: the one drawn, then the next). */
export function painted(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/** Collects long tasks (≥ 50 ms, the browser's own threshold) while it is on. */
export class LongTasks {
  #observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.#add(entry);
  });
  durations: number[] = [];
  /** When each long task started (performance.now() time), in the order of `durations`. */
  starts: number[] = [];

  constructor() {
    this.#observer.observe({ type: 'longtask', buffered: false });
  }

  /** Stop and return the longest task seen (0 when none reached 50 ms). */
  stop(): number {
    for (const entry of this.#observer.takeRecords()) this.#add(entry);
    this.#observer.disconnect();
    return this.durations.length ? Math.max(...this.durations) : 0;
  }

  #add(entry: PerformanceEntry): void {
    this.durations.push(entry.duration);
    this.starts.push(entry.startTime);
  }
}
