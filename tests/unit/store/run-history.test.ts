import { describe, expect, it } from 'vitest';
import { StoreClosedError, toRun } from '../../../src/store';
import { RunHistory } from '../../../src/store/run-history.svelte';
import { freshStore, runRecord } from './helpers';

describe('RunHistory', () => {
  it('shows the runs newest first, and follows deletions', async () => {
    const store = await freshStore({ storage: { estimate: async () => ({ usage: 10, quota: 100 }), persist: async () => true } });
    await store.createRun(runRecord('old', { created_at: 1 }));
    await store.createRun(runRecord('new', { created_at: 2 }));
    const history = new RunHistory(store);
    expect(history.runs).toEqual([]);
    await history.refresh();
    expect(history.runs).toEqual([toRun(runRecord('new', { created_at: 2 })), toRun(runRecord('old', { created_at: 1 }))]);
    expect(history.usage).toEqual({ usage: 10, quota: 100 });
    await history.delete('new');
    expect(history.runs.map((run) => run.id)).toEqual(['old']);
    await history.deleteAll();
    expect(history.runs).toEqual([]);
    expect(history.error).toBeUndefined();
    store.close();
  });

  it('says what went wrong instead of throwing', async () => {
    const store = await freshStore();
    const history = new RunHistory(store);
    store.close();
    await history.refresh();
    expect(history.error).toBe(new StoreClosedError('closed').message);
  });
});
