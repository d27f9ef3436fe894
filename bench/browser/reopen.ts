/**
 * reopen_run: a finished 1 000-step run is opened from the history until its timeline is on screen:
 * HistoryStore.getRun + getEvents on the open history, then the Timeline panel mounted with those events and
 * painted (it renders the newest items and lets older ones in as the person scrolls up). The baseline is the
 * bare read: one raw `idb` getAll of the same events.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { flushSync, mount, unmount } from 'svelte';
import { HistoryRunStore, HistoryStore } from '../../src/store';
import Timeline from '../../src/ui/timeline/Timeline.svelte';
import { TimelineBuilder } from '../../src/ui/timeline/model';
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
export async function reopenOnce(
  id: string,
  which: 'ours' | 'raw',
): Promise<{ ms: number; readMs: number; items: number; total: number }> {
  if (!opened) throw new Error('reopen_run: call seedRun first');
  const target = stage();
  await painted();
  const started = performance.now();
  if (which === 'raw') {
    const events = await opened.raw.getAll('events', IDBKeyRange.bound([id, -Infinity], [id, Infinity]));
    const ms = performance.now() - started;
    return { ms, readMs: ms, items: events.length, total: events.length };
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
  const builder = new TimelineBuilder();
  for (const event of events) builder.add(event);
  return { ms, readMs, items, total: builder.items.length };
}

/** What scrolling the reopened run's timeline to the top did, step by step (untimed; a check, not a figure). */
export interface ScrollCheck {
  /** Items rendered when opened, and after each scroll to the top. */
  rendered: number[];
  /** How far (px) the item on screen moved when older items came in, per scroll; 0 (±1 for rounding) when it stayed put. */
  drift: number[];
  /** The text of the first item once everything is in. */
  first: string;
}

/** Open the run, then scroll to the top `times` times, waiting for older items to come in each time. */
export async function reopenScroll(id: string, times: number): Promise<ScrollCheck> {
  if (!opened) throw new Error('reopen_run: call seedRun first');
  const target = stage();
  const events = await opened.history.getEvents(id);
  const component = mount(Timeline, { target, props: { events } });
  flushSync();
  await painted();
  const list = target.querySelector<HTMLElement>('section')!;
  const check: ScrollCheck = { rendered: [target.querySelectorAll('li').length], drift: [], first: '' };
  for (let i = 0; i < times; i++) {
    const anchor = target.querySelector('li')!;
    list.scrollTop = 0;
    const before = anchor.getBoundingClientRect().top;
    await painted();
    await painted();
    check.rendered.push(target.querySelectorAll('li').length);
    check.drift.push(Math.round(anchor.getBoundingClientRect().top - before));
  }
  check.first = target.querySelector('li')?.textContent?.trim() ?? '';
  await unmount(component);
  return check;
}
