/** The history panel renders whatever it can: a damaged record shows with Delete and never hides the others. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { Agents } from '../../src/api/types';
import { emptyUsage } from '../../src/core';
import { HistoryStore, type RunRecord } from '../../src/store';
import HistoryPanel from '../../src/ui/history/HistoryPanel.svelte';
import { HistoryState } from '../../src/ui/history/history-state.svelte';

let component: ReturnType<typeof mount> | undefined;
let store: HistoryStore | undefined;
afterEach(() => {
  if (component) unmount(component);
  store?.close();
  document.body.innerHTML = '';
});

/** The part of the Agents API the history state listens to: nothing happens here. */
const quietAgents = { onRunChange: () => () => {}, onStoreError: () => () => {}, list: async () => [] } as unknown as Agents;

const record = (id: string, created_at: number): RunRecord => ({
  id, instructions: `task ${id}`, status: 'completed', created_at, updated_at: created_at, steps: 1, outputs: {}, usage: emptyUsage(), config: {},
});

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
  flushSync();
}

describe('HistoryPanel with a damaged record', () => {
  it('lists the sound runs, shows the damaged one with Delete, and keeps Delete all runs usable', async () => {
    store = await HistoryStore.open({ factory: new IDBFactory() });
    await store.createRun(record('first', 1));
    await store.createRun(record('second', 3));
    await store.db.put('runs', { ...record('broken', 2), usage: null } as never);
    const history = new HistoryState(store, quietAgents);
    component = mount(HistoryPanel, { target: document.body, props: { history, shownId: null, onopen: () => {} } });
    await until(() => (history.list?.runs.length ?? 0) > 0);
    const names = [...document.querySelectorAll('button')].map((button) => button.getAttribute('aria-label') ?? button.textContent!.replace(/\s+/g, ' ').trim());
    expect(names.filter((name) => name.startsWith('task') || name.startsWith('Delete'))).toEqual([
      expect.stringMatching(/^task second completed/),
      expect.stringMatching(/^task first completed/),
      'Delete damaged run broken',
      'Delete all runs',
    ]);
    expect(document.querySelector('.damaged')!.textContent!.replace(/\s+/g, ' ').trim()).toBe(
      'task broken damaged usage: expected object, received null Delete',
    );
    const deleteAll = [...document.querySelectorAll('button')].find((button) => button.textContent === 'Delete all runs')!;
    expect(deleteAll.disabled).toBe(false);
    (document.querySelector('[aria-label="Delete damaged run broken"]') as HTMLButtonElement).click();
    await until(() => history.list?.damaged.length === 0);
    expect([document.querySelector('.damaged'), (await store.listEntries()).runs.map((run) => run.id)]).toEqual([null, ['second', 'first']]);
  });
});
