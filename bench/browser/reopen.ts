/**
 * reopen_run: a finished 1 000-step run is opened from the history until its timeline is on screen. The app
 * has no history list wired yet, so this is what opening one will cost: HistoryStore.getRun + getEvents on
 * the open history, then the Timeline panel mounted with those events and painted. The baseline is the bare
 * read: one raw `idb` getAll of the same events.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { flushSync, mount, unmount } from 'svelte';
import { HistoryRunStore, HistoryStore } from '../../src/store';
import Timeline from '../../src/ui/Timeline.svelte';
import { benchRun, finishedRunEvents } from './events';
import { painted, stage } from './stage';

const NAME = 'bench-reopen';
let opened: { history: HistoryStore; raw: IDBPDatabase } | undefined;

/** Store a finished run of `steps` steps (untimed); returns its id and event count. */
export async function seedRun(steps: number): Promise<{ id: string; events: number }> {
  opened?.history.close();
  opened?.raw.close();
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(NAME);
    request.onsuccess = request.onerror = resolve;
  });
  const history = await HistoryStore.open({ name: NAME });
  const store = new HistoryRunStore(history);
  const run = benchRun(`run_reopen_${steps}`, 0);
  await store.put(run);
  const events = finishedRunEvents(run.id, steps);
  for (const event of events) await store.appendEvent(event);
  await store.put({ ...run, status: 'completed', steps, summary: 'All cases pass.' });
  opened = { history, raw: await openDB(NAME) };
  return { id: run.id, events: events.length };
}

/** One repetition: ms to read and render (ours), or ms of the bare read (raw). */
export async function reopenOnce(id: string, which: 'ours' | 'raw'): Promise<{ ms: number; readMs: number; items: number }> {
  if (!opened) throw new Error('reopen_run: call seedRun first');
  const target = stage();
  await painted();
  const started = performance.now();
  if (which === 'raw') {
    const events = await opened.raw.getAll('events', IDBKeyRange.bound([id, -Infinity], [id, Infinity]));
    const ms = performance.now() - started;
    return { ms, readMs: ms, items: events.length };
  }
  const run = await opened.history.getRun(id);
  const events = await opened.history.getEvents(id);
  const readMs = performance.now() - started;
  if (!run || events.length === 0) throw new Error(`reopen_run: run ${id} is not in the history`);
  const component = mount(Timeline, { target, props: { events } });
  flushSync();
  await painted();
  const ms = performance.now() - started;
  const items = target.querySelectorAll('li').length;
  await unmount(component);
  return { ms, readMs, items };
}
