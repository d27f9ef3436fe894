/** The spawn port's shapes: a leaf, so the spawners and the chooser (spawn.ts) do not import each other. */
import type { ToRuntime } from './protocol';

/** Which runtime a worker hosts. */
export type RuntimeKind = 'python' | 'js';

/** A started runtime worker. */
export interface RuntimeWorker {
  post(message: ToRuntime): void;
  /** End the worker at once, whatever it is doing. */
  terminate(): void;
  /** Whether a run is on: Node keeps the process alive for a busy worker only (an idle one may be left behind). */
  hold?(busy: boolean): void;
}

/** Where a worker's messages and failures go. */
export interface RuntimeListener {
  message(data: unknown): void;
  error(message: string): void;
}

/** Starts a runtime's worker (already sent its `init`). */
export type SpawnRuntime = (kind: RuntimeKind, on: RuntimeListener) => Promise<RuntimeWorker>;
