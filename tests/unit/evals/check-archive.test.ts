/** Stored model checks: schema v4 adds them to a v3 history without touching its runs; put, list newest first, delete. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { CheckArchive, DB_VERSION, HistoryStore } from '../../../src/store';
import { openHistoryDb } from '../../../src/store/open';
import { isCheckRecord, type CheckRecord } from '../../../src/evals/check-record';
import { runRecord } from '../store/helpers';

function check(id: string, created_at: number): CheckRecord {
  return { id, created_at, model: 'm', base_url: 'http://127.0.0.1:1/v1', status: 'completed', tasks: ['count-lines'], results: [], estimate_usd: null, wall_ms: 5 };
}

describe('stored model checks', () => {
  it('schema v4 adds the checks store to a v3 history, keeping its runs', async () => {
    const factory = new IDBFactory();
    const v3 = await openHistoryDb({ factory, version: 3 });
    await v3.put('runs', runRecord('r3', { status: 'completed' }));
    v3.close();
    const store = await HistoryStore.open({ factory });
    expect([store.db.version, DB_VERSION, (await store.getRun('r3'))?.status]).toEqual([4, 4, 'completed']);
    expect(await new CheckArchive(store).list()).toEqual([]);
    store.close();
  });

  it('keeps checks, lists them newest first, replaces a newer state of one, and deletes', async () => {
    const store = await HistoryStore.open({ factory: new IDBFactory() });
    const archive = new CheckArchive(store);
    await archive.put(check('old', 1));
    await archive.put(check('new', 2));
    const stopped: CheckRecord = { ...check('old', 1), status: 'stopped' };
    await archive.put(stopped);
    expect(await archive.list()).toEqual([check('new', 2), stopped]);
    await archive.delete('new');
    expect((await archive.list()).map((record) => record.id)).toEqual(['old']);
    store.close();
  });

  it('tells sound check records from damaged ones', () => {
    expect([isCheckRecord(check('a', 1)), isCheckRecord({ ...check('a', 1), status: 'odd' }), isCheckRecord({ ...check('a', 1), results: [{ task: 'x' }] }), isCheckRecord(null)]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});
