/**
 * Storage full mid-run: the run must never look whole afterwards (it is marked `partly_saved` with what is
 * missing), and the page's full-storage warning clears only when space was actually freed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Agents } from '../../../src/api/types';
import { StorageFullError, toRun, type HistoryStore } from '../../../src/store';
import { HistoryState } from '../../../src/ui/history/history-state.svelte';
import { freshStore, quotaOn, runRecord, snapshot, usage } from '../store/helpers';

let store: HistoryStore | undefined;
let quota: { restore: () => void } | undefined;
afterEach(() => {
  quota?.restore();
  store?.close();
  store = quota = undefined;
});

const step = (n: number) => ({ step: n, messages: [{ role: 'user', content: `m${n}` }], usage: usage(n), snapshot: snapshot({ a: `state ${n}` }) });

describe('a run stored while storage is full', () => {
  it('ends `completed` marked partly saved with the steps storage refused', async () => {
    store = await freshStore();
    await store.createRun(runRecord('full'));
    const writer = await store.openWriter('full');
    await writer.commitStep(step(1));
    quota = quotaOn('blobs');
    for (const n of [2, 3]) await expect(writer.commitStep(step(n))).rejects.toBeInstanceOf(StorageFullError);
    const done = { ...toRun(runRecord('full')), status: 'completed' as const, steps: 3 };
    writer.updateRun(done);
    await writer.close();
    expect(await store.getRun('full')).toEqual({ ...done, partly_saved: { steps: [2, 3], events: 0 } });
    expect(await store.workdirSteps('full')).toEqual([1]);
  });

  it('drops the events storage refused at the end, counts them, and saves the run alone', async () => {
    store = await freshStore();
    await store.createRun(runRecord('log'));
    const writer = await store.openWriter('log', { delayMs: 10_000, onError: () => {} });
    writer.append({ type: 'step', step: 1 });
    await writer.flush();
    quota = quotaOn('events');
    writer.append({ type: 'notice', message: 'a' });
    writer.append({ type: 'notice', message: 'b' });
    writer.updateRun({ ...toRun(runRecord('log')), status: 'completed' });
    await expect(writer.close()).rejects.toBeInstanceOf(StorageFullError);
    expect(await store.getRun('log')).toEqual({ ...toRun(runRecord('log')), status: 'completed', partly_saved: { steps: [], events: 2 } });
    expect((await store.getEvents('log')).map((event) => event.type)).toEqual(['step']);
  });

  it('clears the mark when a refused step is committed after all', async () => {
    store = await freshStore();
    await store.createRun(runRecord('again'));
    const writer = await store.openWriter('again');
    quota = quotaOn('blobs');
    await expect(writer.commitStep(step(1))).rejects.toBeInstanceOf(StorageFullError);
    quota.restore();
    await writer.commitStep(step(1));
    await writer.close();
    expect((await store.getRunRecord('again'))?.partly_saved).toBeUndefined();
  });
});

describe('the full-storage warning', () => {
  const quietAgents = { onRunChange: () => () => {}, onStoreError: () => () => {}, list: async () => [] } as unknown as Agents;

  it('stays up when pruning freed nothing, and clears once it freed something', async () => {
    store = await freshStore();
    const history = new HistoryState(store, quietAgents);
    history.report(new StorageFullError('step 2 of run x'));
    expect(history.full).toBe(true);
    await history.freeSpace();
    expect([history.full, history.problem]).toEqual([
      true,
      'Browser storage is still full: every run already keeps only its newest work-dir state, so pruning freed nothing. ' +
        'Delete runs you no longer need (or export them first).',
    ]);
    await store.createRun(runRecord('two-states', { status: 'completed' }));
    const writer = await store.openWriter('two-states');
    await writer.commitStep(step(1));
    await writer.commitStep(step(2));
    await writer.close();
    await history.freeSpace();
    expect([history.full, history.problem]).toEqual([false, '']);
  });
});
