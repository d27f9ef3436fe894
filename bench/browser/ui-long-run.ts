/**
 * ui_long_run: a 5 000-step run streams into the page as the app takes it — each event recorded by the RunBook
 * (numbered, applied to the run, stored in IndexedDB through HistoryRunStore, told to its listeners), gathered
 * by the one ShownRun, and folded into the mounted Timeline once a frame. Events arrive a step per few
 * milliseconds, several steps a frame; the Node side reads the page's main-thread time per slice of events.
 */
import { flushSync, mount, unmount } from 'svelte';
import { RunBook } from '../../src/api/run-book';
import type { RunStore } from '../../src/api/types';
import type { AgentEvent } from '../../src/core';
import { HistoryRunStore, HistoryStore } from '../../src/store';
import { ShownRun } from '../../src/ui/runs/shown-run.svelte';
import Timeline from '../../src/ui/timeline/Timeline.svelte';
import { benchRun, EVENTS_PER_STEP, stepEvents } from './events';
import { LongTasks, painted, stage } from './stage';

const NAME = 'bench-ui-long-run';

interface Live {
  book: RunBook;
  runId: string;
  /** How many events the run has in all; each step's are made as it is fed. */
  total: number;
  step: { number: number; events: AgentEvent[] };
  fed: number;
  /** How many events had been fed at each frame's time (to place long tasks in the run). */
  progress: { at: number; fed: number }[];
  tasks: LongTasks;
  stop: () => Promise<void>;
}
let live: Live | undefined;

/** Starts a run of `steps` steps with its timeline on screen; nothing is fed yet. */
export async function uiLongRunStart(steps: number): Promise<{ events: number }> {
  await live?.stop();
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(NAME);
    request.onsuccess = request.onerror = resolve;
  });
  const history = await HistoryStore.open({ name: NAME });
  const store = new HistoryRunStore(history);
  const book = new RunBook(store as unknown as RunStore, Date.now);
  const run = benchRun(`run_ui_${steps}`, 0);
  book.add(run, {});
  const shown = new ShownRun((id, onEvent) => book.listeners.subscribe(id, onEvent, () => store.events(id)));
  shown.show(run.id);
  const target = stage();
  const component = mount(Timeline, {
    target,
    props: {
      get events() {
        return shown.events;
      },
      get length() {
        return shown.length;
      },
    },
  });
  flushSync();
  await painted();
  // the app mounts its timeline at page load and idles before a run starts (the Markdown renderer warms then)
  await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2_000 }));
  // events are made a step at a time as they are fed: 40 000 made here were promoted by the first scavenge while
  // the row measured, a long task of the benchmark's own
  const total = steps * EVENTS_PER_STEP;
  live = {
    book,
    runId: run.id,
    total,
    step: { number: 0, events: [] },
    fed: 0,
    progress: [],
    tasks: new LongTasks(),
    stop: async () => {
      shown.dispose();
      await unmount(component);
      await book.settled();
      await store.flush();
      history.close();
      live = undefined;
    },
  };
  return { events: total };
}

/** Feeds the next `count` events, `perFrame` of them each animation frame; resolves once they are painted. */
export async function uiLongRunFeed(count: number, perFrame: number): Promise<{ fed: number; items: number }> {
  const run = live;
  if (!run) throw new Error('ui_long_run: call uiLongRunStart first');
  const end = Math.min(run.total, run.fed + count);
  while (run.fed < end) {
    const until = Math.min(end, run.fed + perFrame);
    run.progress.push({ at: performance.now(), fed: run.fed });
    for (; run.fed < until; run.fed++) run.book.record(run.runId, eventAt(run, run.fed));
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  await painted();
  return { fed: run.fed, items: document.querySelectorAll('#stage li').length };
}

/** Ends the run: the longest main-thread task seen while it streamed, and the longest five with when they came. */
export async function uiLongRunStop(): Promise<{ longestTask: number; longest: { ms: number; afterEvents: number }[] }> {
  const run = live;
  const longestTask = run?.tasks.stop() ?? 0;
  const longest = (run?.tasks.durations ?? [])
    .map((ms, i) => ({ ms: Math.round(ms), afterEvents: fedBy(run!, run!.tasks.starts[i]) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);
  await run?.stop();
  return { longestTask, longest };
}

/** The run's `index`-th event (0-based). */
function eventAt(run: Live, index: number): AgentEvent {
  const number = Math.floor(index / EVENTS_PER_STEP) + 1;
  if (run.step.number !== number) run.step = { number, events: stepEvents(number) };
  return run.step.events[index % EVENTS_PER_STEP];
}

/** How many events had been fed by `time`. */
function fedBy(run: Live, time: number): number {
  let fed = 0;
  for (const mark of run.progress) {
    if (mark.at > time) break;
    fed = mark.fed;
  }
  return fed;
}
