/** The listeners of a Sandbox's `on`: a listener that throws is reported without breaking the sandbox. */
import type { SandboxEvent } from './sandbox';

/** A sandbox's event listeners: add with `on`, tell them all with `emit`, drop them with `clear`. */
export class SandboxListeners {
  readonly #listeners = new Set<(event: SandboxEvent) => void>();

  /** Add a listener; the returned function removes it. */
  on(listener: (event: SandboxEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tell every listener; a listener's throw is rethrown in a microtask, so the others still hear. */
  emit(event: SandboxEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        queueMicrotask(() => {
          throw error; // a listener's bug: report it without breaking the sandbox
        });
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
