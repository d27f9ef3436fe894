import { afterEach, describe, expect, it } from 'vitest';
import { HistoryStore, StorageFullError, isQuotaError, type StoragePort } from '../../../src/store';
import { freshStore, quotaOn, runRecord, snapshot, usage } from './helpers';

let store: HistoryStore | undefined;
let quota: { restore: () => void } | undefined;
afterEach(() => {
  quota?.restore();
  store?.close();
  store = quota = undefined;
});

/** Everything the store holds about a run, to compare before and after. */
async function everything(s: HistoryStore, id: string) {
  return {
    run: await s.getRunRecord(id),
    events: await s.getEvents(id),
    checkpoint: await s.latestCheckpoint(id),
    workdir: await s.workdirAt(id),
    steps: await s.workdirSteps(id),
    blobs: await s.db.count('blobs'),
  };
}

describe('a full disk', () => {
  it('fails a step commit with a clear error, leaving every earlier run and step intact, and retries whole', async () => {
    store = await freshStore();
    await store.createRun(runRecord('earlier', { status: 'completed' }));
    const earlier = await store.openWriter('earlier');
    earlier.append({ type: 'step', step: 1 });
    await earlier.commitStep({ step: 1, messages: [{ n: 1 }], usage: usage(10), snapshot: snapshot({ a: 'one' }) });
    await store.createRun(runRecord('now'));
    const writer = await store.openWriter('now', { delayMs: 10_000 });
    writer.append({ type: 'step', step: 1 });
    await writer.commitStep({ step: 1, messages: [{ n: 1 }], usage: usage(10), snapshot: snapshot({ b: 'two' }) });
    const before = { earlier: await everything(store, 'earlier'), now: await everything(store, 'now') };

    const step2 = writer.append({ type: 'step', step: 2 });
    quota = quotaOn('blobs');
    const run = { ...before.now.run!, steps: 2 };
    const commit = { step: 2, messages: [{ n: 1 }, { n: 2 }], usage: usage(20), snapshot: snapshot({ b: 'three' }), run };
    const failure = await writer.commitStep(commit).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageFullError);
    expect((failure as Error).message).toBe(
      'Browser storage for this site is full, so step 2 of run now was not saved (earlier history is intact). ' +
        'Free space by pruning old work-dir states (pruneWorkdirStates) or deleting old runs, then try again.',
    );
    expect({ earlier: await everything(store, 'earlier'), now: await everything(store, 'now') }).toEqual(before);

    quota.restore();
    await writer.commitStep(commit);
    const after = await everything(store, 'now');
    expect(after.events).toEqual([...before.now.events, step2]);
    expect(after.checkpoint?.messages).toEqual([{ n: 1 }, { n: 2 }]);
    expect(after.workdir).toEqual(snapshot({ b: 'three' }));
    expect(after.run?.steps).toBe(2);
  });

  it('keeps events that could not be written and writes them on the next flush', async () => {
    store = await freshStore();
    await store.createRun(runRecord('r'));
    const errors: unknown[] = [];
    const writer = await store.openWriter('r', { maxBatch: 2, onError: (error) => errors.push(error) });
    quota = quotaOn('events');
    const first = [writer.append({ type: 'notice', message: '1' }), writer.append({ type: 'notice', message: '2' })];
    await expect(writer.flush()).rejects.toBeInstanceOf(StorageFullError);
    expect(errors.map((error) => (error as Error).name)).toEqual(['StorageFullError']);
    const third = writer.append({ type: 'notice', message: '3' });
    await expect(writer.flush()).rejects.toBeInstanceOf(StorageFullError);
    expect(await store.getEvents('r')).toEqual([]);
    quota.restore();
    await writer.flush();
    expect(await store.getEvents('r')).toEqual([...first, third]);
  });

  it('recognises quota errors by name, whatever the browser', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });
});

describe('storage figures', () => {
  it('reports usage and asks for persistence through the storage port', async () => {
    const asked: string[] = [];
    const storage: StoragePort = {
      estimate: async () => ({ usage: 1234, quota: 10_000 }),
      persist: async () => {
        asked.push('persist');
        return true;
      },
    };
    store = await freshStore({ storage });
    expect(await store.estimate()).toEqual({ usage: 1234, quota: 10_000 });
    expect(await store.requestPersistent()).toBe(true);
    expect(asked).toEqual(['persist']);
  });

  it('says nothing where the browser says nothing', async () => {
    store = await freshStore({ storage: { estimate: async () => ({}), persist: async () => false } });
    expect(await store.estimate()).toBeUndefined();
    expect(await store.requestPersistent()).toBe(false);
  });
});
