import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { HistoryStore, MemoryLocks, claimRun, recoverRuns, runLockName, toRun } from '../../../src/store';
import { runRecord, ticking, usage } from './helpers';

const stores: HistoryStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

/** Two "tabs" over one database and one lock registry. */
async function twoTabs() {
  const factory = new IDBFactory();
  const locks = new MemoryLocks();
  const a = await HistoryStore.open({ factory, now: ticking() });
  const b = await HistoryStore.open({ factory, now: ticking() });
  stores.push(a, b);
  return { a, b, locks };
}

describe('recovering runs on load', () => {
  it('marks unfinished runs nobody drives as interrupted, leaves the ones another tab drives, keeps waiting ones', async () => {
    const { a, b, locks } = await twoTabs();
    for (const [id, status] of [
      ['driven', 'in_progress'],
      ['orphan', 'in_progress'],
      ['queued', 'queued'],
      ['waiting', 'awaiting_human'],
      ['done', 'completed'],
    ] as const) {
      await a.createRun(runRecord(id, { status }));
    }
    const tabA = await claimRun(a, locks, 'driven');
    tabA!.writer.append({ type: 'step', step: 1 });
    const orphan = await a.openWriter('orphan');
    const orphanStep = orphan.append({ type: 'step', step: 1 });
    await orphan.commitStep({ step: 1, messages: [{ role: 'user', content: 'go' }], usage: usage(10) });

    const recovery = await recoverRuns(b, locks, () => 99);

    expect(recovery).toEqual({ interrupted: ['orphan', 'queued'], awaiting: ['waiting'], elsewhere: ['driven'] });
    expect((await b.getRun('orphan'))?.status).toBe('interrupted');
    expect((await b.getRun('orphan'))?.updated_at).toBe(99);
    expect(await b.getEvents('orphan')).toEqual([
      orphanStep,
      { type: 'status', status: 'interrupted', run_id: 'orphan', seq: 2, at: expect.any(Number) },
    ]);
    expect(await b.getRun('driven')).toEqual(toRun(runRecord('driven')));
    expect((await b.getRun('waiting'))?.status).toBe('awaiting_human');
    expect((await b.getRun('done'))?.status).toBe('completed');
    expect(locks.heldNames()).toEqual([runLockName('driven')]);
    await tabA!.release();
    expect(locks.heldNames()).toEqual([]);
  });

  it('lets one tab drive a run at a time', async () => {
    const { a, b, locks } = await twoTabs();
    await a.createRun(runRecord('r'));
    const first = await claimRun(a, locks, 'r');
    expect(first).not.toBeNull();
    expect(await claimRun(b, locks, 'r')).toBeNull();
    const event = first!.writer.append({ type: 'notice', message: 'from a' });
    await first!.release();
    expect(await b.getEvents('r')).toEqual([event]);
    const second = await claimRun(b, locks, 'r');
    expect(second!.writer.append({ type: 'notice', message: 'from b' }).seq).toBe(2);
    await second!.release();
  });

  it('lets go of the lock when the run is missing', async () => {
    const { a, locks } = await twoTabs();
    await expect(claimRun(a, locks, 'ghost')).rejects.toThrow('Run ghost is not in the history.');
    expect(locks.heldNames()).toEqual([]);
  });
});
