import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { emptyUsage, type Usage } from '../../../src/core';
import type { WorkdirSnapshot } from '../../../src/sandbox/sandbox';
import { HistoryStore, type HistoryOptions, type RunRecord } from '../../../src/store';

/** A clock that ticks one millisecond per reading, so stamps are distinct and predictable. */
export function ticking(start = 1_700_000_000_000): () => number {
  let now = start;
  return () => now++;
}

/** A store over a fresh in-memory IndexedDB. */
export async function freshStore(options: HistoryOptions = {}): Promise<HistoryStore> {
  return HistoryStore.open({ factory: new IDBFactory(), now: ticking(), ...options });
}

/** A run record as the API would create it. */
export function runRecord(id: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    instructions: `task ${id}`,
    status: 'in_progress',
    created_at: 1_000,
    updated_at: 1_000,
    steps: 0,
    outputs: {},
    usage: emptyUsage(),
    config: { model: 'scripted-model', base_url: 'http://127.0.0.1:1/v1', max_steps: 20 },
    ...overrides,
  };
}

export function usage(tokens: number): Usage {
  return { prompt_tokens: tokens, completion_tokens: tokens / 2, cached_tokens: 0, cost_usd: tokens / 1000 };
}

const encoder = new TextEncoder();

/** A snapshot from path → text (or bytes); dirs are derived from the paths unless given. */
export function snapshot(files: Record<string, string | Uint8Array>, dirs?: string[]): WorkdirSnapshot {
  const paths = Object.keys(files).sort();
  const derived = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/');
    for (let end = 1; end < parts.length; end++) derived.add(parts.slice(0, end).join('/'));
  }
  return {
    files: paths.map((path) => {
      const content = files[path];
      return { path, data: typeof content === 'string' ? encoder.encode(content) : content };
    }),
    dirs: dirs ?? [...derived].sort(),
  };
}

/** Counts read-write transactions that touch a store, by spying on the fake IDBDatabase (not our code). */
export function countWrites(storeName: string): { count: () => number; restore: () => void } {
  const original = IDBDatabase.prototype.transaction;
  let count = 0;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, names: string | string[], mode?: IDBTransactionMode) {
    const list = typeof names === 'string' ? [names] : names;
    if (mode === 'readwrite' && list.includes(storeName)) count++;
    return original.call(this, names, mode);
  } as typeof original;
  return { count: () => count, restore: () => void (IDBDatabase.prototype.transaction = original) };
}

/**
 * Makes `put` into some object store fail with QuotaExceededError, as a full disk does, at the store
 * boundary (the fake IndexedDB), until `restore`.
 */
export function quotaOn(storeName: string): { restore: () => void } {
  const original = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
    if (this.name === storeName) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return original.apply(this, args);
  } as typeof original;
  return { restore: () => void (IDBObjectStore.prototype.put = original) };
}

/** Waits for a condition, for at most `ms`. */
export async function until(condition: () => Promise<boolean>, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
