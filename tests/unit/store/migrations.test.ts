import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { emptyUsage } from '../../../src/core';
import { DB_VERSION, HistoryStore, StoreBlockedError, StoreClosedError } from '../../../src/store';
import { contentHash } from '../../../src/store/bytes';
import { openHistoryDb } from '../../../src/store/open';
import { runRecord, snapshot } from './helpers';

const text = (value: string) => new TextEncoder().encode(value);

function shape(db: IDBDatabase | { objectStoreNames: DOMStringList; transaction: IDBDatabase['transaction'] }) {
  const names = [...db.objectStoreNames];
  const tx = db.transaction(names);
  return Object.fromEntries(
    names.map((name) => {
      const store = tx.objectStore(name);
      const indexes = [...store.indexNames].map((index) => {
        const { keyPath, multiEntry } = store.index(index);
        return { index, keyPath, multiEntry };
      });
      return [name, { keyPath: store.keyPath, indexes }];
    }),
  );
}

const CURRENT_SHAPE = {
  blobs: { keyPath: 'hash', indexes: [] },
  checkpoints: { keyPath: ['run_id', 'step'], indexes: [] },
  checks: { keyPath: 'id', indexes: [{ index: 'by_created', keyPath: 'created_at', multiEntry: false }] },
  events: { keyPath: ['run_id', 'seq'], indexes: [] },
  manifests: { keyPath: ['run_id', 'step'], indexes: [{ index: 'by_blob', keyPath: 'hashes', multiEntry: true }] },
  runs: {
    keyPath: 'id',
    indexes: [
      { index: 'by_created', keyPath: 'created_at', multiEntry: false },
      { index: 'by_parent', keyPath: 'parent_id', multiEntry: false },
      { index: 'by_status', keyPath: 'status', multiEntry: false },
    ],
  },
  settings: { keyPath: 'key', indexes: [] },
};

/** A v1 database as an early build left it: a run whose config holds a key and lacks outputs. */
async function seedV1(factory: IDBFactory): Promise<void> {
  const db = await openHistoryDb({ factory, version: 1 });
  expect([...db.objectStoreNames].sort()).toEqual(['events', 'runs', 'settings']);
  const { outputs: _outputs, ...old } = runRecord('old', { status: 'completed' });
  await db.put('runs', { ...old, config: { model: 'm', apiKey: 'sk-old' } } as never);
  await db.put('events', { type: 'step', step: 1, run_id: 'old', seq: 1, at: 5 });
  await db.put('settings', { key: 'theme', value: 'dark' });
  db.close();
}

/** A v2 database: a manifest without `hashes`, and its blob. */
async function seedV2(factory: IDBFactory, files: unknown = null): Promise<string> {
  const db = await openHistoryDb({ factory, version: 2 });
  const hash = await contentHash(text('hello'));
  await db.put('runs', runRecord('r2', { status: 'completed' }));
  await db.put('checkpoints', { run_id: 'r2', step: 1, at: 7, usage: emptyUsage(), keep: 0, append: ['{"role":"user"}'] });
  const entries = files ?? [{ path: 'hello.txt', hash, size: 5 }];
  await db.put('manifests', { run_id: 'r2', step: 1, at: 7, full: true, files: entries, removed: [], dirs: [] } as never);
  await db.put('blobs', { hash, size: 5, data: text('hello') });
  db.close();
  return hash;
}

describe('schema migrations', () => {
  it('creates the current schema on a fresh database', async () => {
    const db = await openHistoryDb({ factory: new IDBFactory() });
    expect(db.version).toBe(DB_VERSION);
    expect(shape(db as never)).toEqual(CURRENT_SHAPE);
    db.close();
  });

  it('upgrades v1 to the current schema, keeping runs, events and settings, and dropping keys', async () => {
    const factory = new IDBFactory();
    await seedV1(factory);
    const store = await HistoryStore.open({ factory });
    expect(shape(store.db as never)).toEqual(CURRENT_SHAPE);
    expect(await store.getRunRecord('old')).toEqual({ ...runRecord('old', { status: 'completed' }), config: { model: 'm' } });
    expect(await store.getEvents('old')).toEqual([{ type: 'step', step: 1, run_id: 'old', seq: 1, at: 5 }]);
    expect(await store.getSetting('theme')).toBe('dark');
    expect(await store.db.getAllKeysFromIndex('runs', 'by_status', 'completed')).toEqual(['old']);
    store.close();
  });

  it('upgrades v2 to the current schema, indexing the blobs older manifests use', async () => {
    const factory = new IDBFactory();
    const hash = await seedV2(factory);
    const store = await HistoryStore.open({ factory });
    expect(await store.workdirAt('r2')).toEqual(snapshot({ 'hello.txt': 'hello' }, []));
    expect(await store.db.getAllKeysFromIndex('manifests', 'by_blob', hash)).toEqual([['r2', 1]]);
    expect((await store.latestCheckpoint('r2'))?.messages).toEqual([{ role: 'user' }]);
    await store.deleteRun('r2');
    expect(await store.db.count('blobs')).toBe(0);
    store.close();
  });

  it('leaves the old database as it was when a migration step fails', async () => {
    const factory = new IDBFactory();
    await seedV2(factory, 'not a list of files');
    await expect(HistoryStore.open({ factory })).rejects.toBeInstanceOf(TypeError);
    const db = await openHistoryDb({ factory, version: 2 });
    expect(db.version).toBe(2);
    expect(await db.get('manifests', ['r2', 1])).toMatchObject({ files: 'not a list of files' });
    db.close();
  });
});

describe('other tabs', () => {
  it('closes for a newer tab and tells the app to reload', async () => {
    const factory = new IDBFactory();
    const closed: Error[] = [];
    const older = await HistoryStore.open({ factory, version: 2, onClose: (error) => closed.push(error) });
    const newer = await HistoryStore.open({ factory, timeoutMs: 2000 });
    expect(newer.db.version).toBe(DB_VERSION);
    expect(closed).toEqual([new StoreClosedError('versionchange')]);
    expect(closed[0].message).toBe(
      'A newer version of Autopilot opened in another tab and upgraded the run history. Reload this page.',
    );
    await expect(older.listRuns()).rejects.toEqual(new StoreClosedError('versionchange'));
    newer.close();
  });

  it('gives up with a clear error when an older tab will not close, instead of hanging', async () => {
    const factory = new IDBFactory();
    const stubborn = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open('autopilot', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('runs', { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await expect(HistoryStore.open({ factory, timeoutMs: 300 })).rejects.toEqual(new StoreBlockedError());
    stubborn.close();
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const opening = HistoryStore.open({ factory: new IDBFactory(), signal: controller.signal });
    controller.abort(new Error('page closing'));
    await expect(opening).rejects.toThrow('page closing');
  });
});
