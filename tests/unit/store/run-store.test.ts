import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import type { RunEvent } from '../../../src/core';
import { createAgents } from '../../../src/api/agents';
import type { DriverHooks, DriverOutcome, RunDriver, RunJob } from '../../../src/api/types';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { HistoryRunStore, HistoryStore, MemoryLocks, toRun } from '../../../src/store';
import { runRecord, snapshot, ticking, until, usage } from './helpers';

const stores: HistoryStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

async function tab(factory: IDBFactory, locks: MemoryLocks): Promise<HistoryRunStore> {
  const history = await HistoryStore.open({ factory, now: ticking() });
  stores.push(history);
  return new HistoryRunStore(history, locks, { delayMs: 10_000 });
}

const event = (run_id: string, seq: number): RunEvent => ({ type: 'notice', message: `n${seq}`, run_id, seq, at: seq });

describe('HistoryRunStore, the API store port over IndexedDB', () => {
  it('reads back what was written, with the run config and batched events', async () => {
    const runs = await tab(new IDBFactory(), new MemoryLocks());
    const a = toRun(runRecord('a', { created_at: 1 }));
    const b = toRun(runRecord('b', { created_at: 2 }));
    await runs.put(a, { model: 'm', max_steps: 3 });
    await runs.put(b);
    await runs.appendEvent(event('a', 1));
    await runs.appendEvent(event('a', 2));
    expect(await runs.list()).toEqual([b, a]);
    expect(await runs.get('a')).toEqual(a);
    expect(await runs.events('a')).toEqual([event('a', 1), event('a', 2)]);
    expect(await runs.lastSeq('a')).toBe(2);
    expect((await runs.history.getRunRecord('a'))?.config).toEqual({ model: 'm', max_steps: 3 });
    await expect(runs.appendEvent(event('a', 4))).rejects.toThrow('does not follow event 2 of run a');
    await runs.put({ ...a, status: 'completed', steps: 1 });
    expect(await runs.get('a')).toEqual({ ...a, status: 'completed', steps: 1 });
  });

  it('commits steps and lets a resumed tab number on from the last event', async () => {
    const factory = new IDBFactory();
    const locks = new MemoryLocks();
    const first = await tab(factory, locks);
    const run = toRun(runRecord('r'));
    await first.put(run);
    await first.appendEvent(event('r', 1));
    await first.commitStep('r', { step: 1, messages: [{ role: 'user', content: 'x' }], usage: usage(5), snapshot: snapshot({ f: 'v' }) });
    const second = await tab(factory, locks);
    await expect(second.appendEvent(event('r', 2))).rejects.toThrow('Run r is being driven in another tab.');
    await first.release('r');
    expect(await second.lastSeq('r')).toBe(1);
    await second.appendEvent(event('r', 2));
    expect(await second.events('r')).toEqual([event('r', 1), event('r', 2)]);
    expect((await second.history.latestCheckpoint('r'))?.messages).toEqual([{ role: 'user', content: 'x' }]);
    expect(await second.history.workdirAt('r')).toEqual(snapshot({ f: 'v' }));
  });

  it('keeps a whole API run: a reloaded page lists it and replays its events', async () => {
    const factory = new IDBFactory();
    const locks = new MemoryLocks();
    const jobs: { job: RunJob; hooks: DriverHooks; finish(outcome: DriverOutcome): void }[] = [];
    const driver: RunDriver = { run: (job, hooks) => new Promise((finish) => jobs.push({ job, hooks, finish })) };
    let clock = 1000;
    const store = await tab(factory, locks);
    const agents = createAgents({
      store,
      driver,
      sandbox: Promise.resolve(new LiteSandbox()),
      defaults: () => ({ baseURL: 'http://127.0.0.1:9/v1', model: 'm', max_steps: 5, human_intervention_threshold: 'high' }),
      now: () => clock++,
      newId: () => 'run_1',
    });
    const seen: RunEvent[] = [];
    await agents.execute({ instructions: 'say hi' });
    agents.subscribe('run_1', (e) => seen.push(e));
    await until(async () => jobs.length === 1);
    jobs[0].hooks.emit({ type: 'step', step: 1 });
    jobs[0].hooks.emit({ type: 'tool_output', call_id: 'c', data: 'hi\r\n' });
    jobs[0].finish({ status: 'completed', summary: 'said hi' });
    await until(async () => (await agents.retrieve('run_1')).status === 'completed');
    const final = await agents.list();
    await store.flush();

    const reloaded = await tab(factory, locks);
    expect(await reloaded.list()).toEqual(final);
    expect(await reloaded.events('run_1')).toEqual(seen);
    expect(seen.map((e) => e.type)).toEqual(['status', 'status', 'step', 'tool_output', 'status']);
  });
});
