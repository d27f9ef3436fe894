/**
 * persist_events in Chromium's IndexedDB: `count` events through our store as the API drives it
 * (HistoryRunStore.appendEvent, one after another, then flush), vs one raw `idb` transaction putting the same
 * events into an object store of the same shape (keyPath [run_id, seq]). Fresh databases each time.
 */
import { openDB } from 'idb';
import { HistoryRunStore, HistoryStore } from '../../src/store';
import { benchRun, runEvents } from './events';

let serial = 0;

async function dropDatabase(name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

/** Our store: ms to persist `count` events, optionally also saving the run after each event as the API does. */
async function ours(count: number, withRunPuts: boolean): Promise<number> {
  const name = `bench-ours-${Date.now()}-${serial++}`;
  const history = await HistoryStore.open({ name });
  const store = new HistoryRunStore(history);
  const run = benchRun(`run_${serial}`, 0);
  await store.put(run);
  const events = runEvents(run.id, count);
  const started = performance.now();
  for (const event of events) {
    await store.appendEvent(event);
    if (withRunPuts) await store.put({ ...run, updated_at: event.at });
  }
  await store.flush(run.id);
  const ms = performance.now() - started;
  const stored = await history.getEvents(run.id);
  if (stored.length !== count) throw new Error(`persist_events: ${stored.length} of ${count} events stored`);
  await store.release(run.id);
  history.close();
  await dropDatabase(name);
  return ms;
}

/** Raw idb: ms to put `count` events in one transaction. */
async function raw(count: number): Promise<number> {
  const name = `bench-raw-${Date.now()}-${serial++}`;
  const db = await openDB(name, 1, { upgrade: (database) => void database.createObjectStore('events', { keyPath: ['run_id', 'seq'] }) });
  const events = runEvents(`run_${serial}`, count);
  const started = performance.now();
  const tx = db.transaction('events', 'readwrite');
  await Promise.all([...events.map((event) => tx.store.put(event)), tx.done]);
  const ms = performance.now() - started;
  db.close();
  await dropDatabase(name);
  return ms;
}

/** One repetition of one side. */
export function persistOnce(count: number, which: 'ours' | 'ours_with_run' | 'raw'): Promise<number> {
  return which === 'raw' ? raw(count) : ours(count, which === 'ours_with_run');
}
