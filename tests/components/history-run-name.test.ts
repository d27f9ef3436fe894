/** A run's name (Rename run) travels with its export and comes back on import; a crafted name is bounded. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Agents } from '../../src/api/types';
import { emptyUsage } from '../../src/core';
import { exportRun, HistoryStore, parseTrajectory, type RunRecord } from '../../src/store';
import { HistoryState } from '../../src/ui/history/history-state.svelte';

let store: HistoryStore | undefined;
afterEach(() => store?.close());

const quietAgents = { onRunChange: () => () => {}, onStoreError: () => () => {}, list: async () => [] } as unknown as Agents;
const record: RunRecord = {
  id: 'named', instructions: 'task', status: 'completed', created_at: 1, updated_at: 1, steps: 1, outputs: {}, usage: emptyUsage(), config: {},
};

describe('run names in exports', () => {
  it('exports the name and gives it to the imported run', async () => {
    store = await HistoryStore.open({ factory: new IDBFactory() });
    await store.createRun(record);
    const history = new HistoryState(store, quietAgents);
    await history.rename('named', '  Release checklist  ');
    const exported = await exportRun(store, 'named', 5, { name: history.names.named });
    expect(exported?.name).toBe('Release checklist');
    const id = await history.importRun(new Blob([JSON.stringify(exported)], { type: 'application/json' }));
    expect(id).not.toBe('named');
    expect(history.names).toEqual({ named: 'Release checklist', [id]: 'Release checklist' });
    const unnamed = await exportRun(store, 'named', 5);
    expect(unnamed && 'name' in unnamed).toBe(false);
  });

  it('refuses a name over 200 characters, naming the field', async () => {
    store = await HistoryStore.open({ factory: new IDBFactory() });
    await store.createRun(record);
    const exported = await exportRun(store, 'named', 5);
    const result = parseTrajectory(JSON.stringify({ ...exported, name: 'x'.repeat(201) }));
    expect(typeof result === 'string' && result.includes('name')).toBe(true);
  });
});
