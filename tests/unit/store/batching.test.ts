import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/core';
import type { HistoryStore } from '../../../src/store';
import { countWrites, freshStore, runRecord, until, usage } from './helpers';

let store: HistoryStore | undefined;
let counter: ReturnType<typeof countWrites> | undefined;
afterEach(() => {
  counter?.restore();
  store?.close();
  store = counter = undefined;
});

const output = (index: number): AgentEvent => ({ type: 'tool_output', call_id: 'c1', data: `line ${index}\r\n` });

describe('the run writer batches', () => {
  it('writes a burst of events in few transactions, in order', async () => {
    store = await freshStore();
    await store.createRun(runRecord('r'));
    const writer = await store.openWriter('r', { maxBatch: 256, delayMs: 10_000 });
    counter = countWrites('events');
    const appended = Array.from({ length: 1000 }, (_, index) => writer.append(output(index)));
    await writer.flush();
    expect(counter.count()).toBeLessThanOrEqual(5);
    expect(counter.count()).toBeGreaterThanOrEqual(1);
    expect(await store.getEvents('r')).toEqual(appended);
    expect(appended.map((event) => event.seq)).toEqual(Array.from({ length: 1000 }, (_, index) => index + 1));
  });

  it('keeps order when events arrive while a batch is being written', async () => {
    store = await freshStore();
    await store.createRun(runRecord('r'));
    const writer = await store.openWriter('r', { maxBatch: 3, delayMs: 1 });
    const appended = [];
    for (let index = 0; index < 40; index++) {
      appended.push(writer.append(output(index)));
      if (index % 7 === 0) await Promise.resolve();
      if (index % 11 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await writer.flush();
    expect(await store.getEvents('r')).toEqual(appended);
  });

  it('writes on its own shortly after a burst, without flush', async () => {
    store = await freshStore();
    await store.createRun(runRecord('r'));
    const writer = await store.openWriter('r', { delayMs: 5 });
    counter = countWrites('events');
    const appended = [writer.append(output(1)), writer.append(output(2)), writer.append(output(3))];
    expect(await store.getEvents('r')).toEqual([]);
    await until(async () => (await store!.getEvents('r')).length === 3);
    expect(await store.getEvents('r')).toEqual(appended);
    expect(counter.count()).toBe(1);
  });

  it('commits buffered events in the same transaction as the step', async () => {
    store = await freshStore();
    await store.createRun(runRecord('r'));
    const writer = await store.openWriter('r', { delayMs: 10_000 });
    counter = countWrites('events');
    const appended = [writer.append({ type: 'step', step: 1 }), writer.append(output(1))];
    await writer.commitStep({ step: 1, messages: [{ role: 'user', content: 'hi' }], usage: usage(10) });
    expect(counter.count()).toBe(1);
    expect(await store.getEvents('r')).toEqual(appended);
    expect((await store.latestCheckpoint('r'))?.step).toBe(1);
  });

  it('answers flush at once when nothing is pending', async () => {
    store = await freshStore();
    await store.createRun(runRecord('r'));
    const writer = await store.openWriter('r');
    counter = countWrites('events');
    await writer.flush();
    expect(counter.count()).toBe(0);
  });
});
