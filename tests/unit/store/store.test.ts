import { afterEach, describe, expect, it } from 'vitest';
import { emptyUsage } from '../../../src/core';
import { FULL_EVERY } from '../../../src/store/chain';
import type { HistoryStore } from '../../../src/store';
import { freshStore, runRecord, snapshot, usage } from './helpers';

let store: HistoryStore | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

async function open(): Promise<HistoryStore> {
  store = await freshStore();
  return store;
}

describe('runs', () => {
  it('lists runs newest first, as the API shows them', async () => {
    const s = await open();
    await s.createRun(runRecord('a', { created_at: 10 }));
    await s.createRun(runRecord('c', { created_at: 30, status: 'completed', steps: 4, usage: usage(100) }));
    await s.createRun(runRecord('b', { created_at: 20, parent_id: 'a' }));
    const { config: _c, ...runC } = runRecord('c', { created_at: 30, status: 'completed', steps: 4, usage: usage(100) });
    const runs = await s.listRuns();
    expect(runs.map((run) => run.id)).toEqual(['c', 'b', 'a']);
    expect(runs[0]).toEqual(runC);
    expect(await s.listRuns({ limit: 1 })).toEqual([runC]);
    expect(await s.getRun('c')).toEqual(runC);
    expect(await s.getRun('nope')).toBeUndefined();
    expect((await s.followUps('a')).map((run) => run.id)).toEqual(['b']);
  });

  it('never stores an API key, even when handed one', async () => {
    const s = await open();
    const leaky = runRecord('k', { config: { model: 'm', apiKey: 'sk-secret', api_key: 'sk-2' } as never });
    await s.createRun(leaky);
    expect((await s.getRunRecord('k'))?.config).toEqual({ model: 'm' });
  });

  it('refuses a second run with the same id', async () => {
    const s = await open();
    await s.createRun(runRecord('a'));
    await expect(s.createRun(runRecord('a'))).rejects.toMatchObject({ name: 'ConstraintError' });
  });

  it('keeps settings', async () => {
    const s = await open();
    expect(await s.getSetting('model')).toBeUndefined();
    await s.setSetting('model', { name: 'qwen', max_steps: 30 });
    expect(await s.getSetting('model')).toEqual({ name: 'qwen', max_steps: 30 });
  });
});

describe('events and checkpoints', () => {
  it('numbers events per run from one writer, and a reopened writer continues the numbering', async () => {
    const s = await open();
    await s.createRun(runRecord('r'));
    const writer = await s.openWriter('r');
    const first = writer.append({ type: 'step', step: 1 });
    writer.append({ type: 'text_delta', text: 'hi' });
    await writer.close();
    const again = await s.openWriter('r');
    again.append({ type: 'notice', message: 'back' });
    await again.flush();
    const events = await s.getEvents('r');
    expect(events).toEqual([
      { ...first },
      { type: 'text_delta', text: 'hi', run_id: 'r', seq: 2, at: events[1].at },
      { type: 'notice', message: 'back', run_id: 'r', seq: 3, at: events[2].at },
    ]);
    expect(first).toEqual({ type: 'step', step: 1, run_id: 'r', seq: 1, at: first.at });
    expect(await s.getEvents('r', { afterSeq: 2 })).toEqual([events[2]]);
    expect(() => writer.append({ type: 'step', step: 2 })).toThrow('closed');
  });

  it('rebuilds the conversation at every step, across full records, compaction and a reopened writer', async () => {
    const s = await open();
    await s.createRun(runRecord('r'));
    let writer = await s.openWriter('r');
    const conversation: unknown[] = [{ role: 'system', content: 'sys' }, { role: 'user', content: 'task' }];
    const expected = new Map<number, unknown[]>();
    const steps = FULL_EVERY * 2 + 3;
    for (let step = 1; step <= steps; step++) {
      conversation.push({ role: 'assistant', content: `turn ${step}` }, { role: 'tool', content: `out ${step}` });
      if (step === 10) conversation.splice(2, 6, { role: 'user', content: 'summary of turns 1-3' });
      if (step === 20) {
        await writer.close();
        writer = await s.openWriter('r');
      }
      await writer.commitStep({ step, messages: conversation, usage: usage(step * 10) });
      expected.set(step, structuredClone(conversation));
    }
    for (const [step, messages] of expected) {
      expect(await s.checkpointAt('r', step)).toEqual({ run_id: 'r', step, at: expect.any(Number), usage: usage(step * 10), messages });
    }
    expect((await s.latestCheckpoint('r'))?.messages).toEqual(expected.get(steps));
    expect(await s.latestCheckpoint('other')).toBeUndefined();
    await expect(writer.commitStep({ step: 3, messages: [], usage: emptyUsage() })).rejects.toThrow('already committed');
  });

  it('saves the run state with the next batch and with a step', async () => {
    const s = await open();
    await s.createRun(runRecord('r'));
    const writer = await s.openWriter('r');
    const { config: _c, ...run } = runRecord('r');
    writer.updateRun({ ...run, latest_action: { type: 'command', description: 'ls' } });
    await writer.flush();
    expect(await s.getRun('r')).toEqual({ ...run, latest_action: { type: 'command', description: 'ls' } });
    await writer.commitStep({ step: 1, messages: [], usage: usage(10), run: { ...run, steps: 1, usage: usage(10) } });
    expect(await s.getRun('r')).toEqual({ ...run, steps: 1, usage: usage(10) });
    expect((await s.getRunRecord('r'))?.config).toEqual(runRecord('r').config);
  });

  it('tells what the unfinished step had done: its reply, its results, and calls in flight', async () => {
    const s = await open();
    await s.createRun(runRecord('r'));
    const writer = await s.openWriter('r');
    writer.append({ type: 'step', step: 1 });
    await writer.commitStep({ step: 1, messages: [{ role: 'user', content: 'x' }], usage: usage(10) });
    writer.append({ type: 'step', step: 2 });
    const calls = [
      { id: 'c1', name: 'run_command', arguments: '{"command":"ls"}' },
      { id: 'c2', name: 'write_file', arguments: '{"path":"a","content":"b"}' },
    ];
    writer.append({ type: 'assistant_message', text: 'doing', tool_calls: calls });
    writer.append({ type: 'tool_call', call: calls[0] });
    const result = writer.append({ type: 'tool_result', call_id: 'c1', name: 'run_command', ok: true, observation: 'a' });
    writer.append({ type: 'tool_call', call: calls[1] });
    await writer.flush();
    expect(await s.resumePoint('r')).toEqual({
      checkpoint: { run_id: 'r', step: 1, at: expect.any(Number), usage: usage(10), messages: [{ role: 'user', content: 'x' }] },
      pending: { step: 2, assistant: { text: 'doing', tool_calls: calls }, results: [result], in_flight: [calls[1]], started: ['c1', 'c2'] },
    });
    await writer.commitStep({ step: 2, messages: [], usage: usage(20) });
    expect((await s.resumePoint('r')).pending).toBeUndefined();
  });
});

describe('work dir', () => {
  it('rebuilds the work dir at any step, storing unchanged content once', async () => {
    const s = await open();
    await s.createRun(runRecord('r'));
    const writer = await s.openWriter('r');
    const bin = new Uint8Array([0, 255, 1, 254]);
    const states = [
      snapshot({ 'README.md': '# hi', 'src/a.ts': 'a1' }),
      snapshot({ 'README.md': '# hi', 'src/a.ts': 'a2', 'bin/x': bin }),
      snapshot({ 'README.md': '# hi', 'bin/x': bin }, ['bin', 'empty', 'src']),
      snapshot({ 'README.md': '# hi', 'bin/x': bin }, ['bin', 'empty', 'src']),
      snapshot({}),
      snapshot({ 'src/a.ts': 'a1', 'copy.ts': 'a1' }),
    ];
    for (const [step, state] of states.entries()) {
      await writer.commitStep({ step, messages: [], usage: emptyUsage(), snapshot: state });
    }
    for (const [step, state] of states.entries()) expect(await s.workdirAt('r', step)).toEqual(state);
    expect(await s.workdirAt('r')).toEqual(states[5]);
    expect(await s.workdirAt('missing')).toBeUndefined();
    expect(await s.workdirSteps('r')).toEqual([0, 1, 2, 3, 4, 5]);
    expect((await s.db.getAllKeys('blobs')).length).toBe(4); // '# hi', 'a1', 'a2', bin
  });

  it('stores the work dir alone for step 0, before any conversation', async () => {
    const s = await open();
    await s.createRun(runRecord('r'));
    const writer = await s.openWriter('r');
    await writer.commitStep({ step: 0, usage: emptyUsage(), snapshot: snapshot({ 'given.txt': 'from execute' }) });
    expect(await s.latestCheckpoint('r')).toBeUndefined();
    expect(await s.workdirAt('r', 0)).toEqual(snapshot({ 'given.txt': 'from execute' }));
    const again = await s.openWriter('r');
    expect(again.lastStep).toBe(0);
    await expect(again.commitStep({ step: 0, usage: emptyUsage() })).rejects.toThrow('Step 0 of run r is already committed.');
    await again.commitStep({ step: 1, messages: [{ role: 'user', content: 'go' }], usage: usage(4) });
    expect(await s.checkpointAt('r', 1)).toEqual({ run_id: 'r', step: 1, at: expect.any(Number), usage: usage(4), messages: [{ role: 'user', content: 'go' }] });
    expect(await s.workdirAt('r', 1)).toEqual(snapshot({ 'given.txt': 'from execute' }));
  });

  it('keeps a small slice of a big buffer at its own size', async () => {
    const s = await open();
    await s.createRun(runRecord('r'));
    const writer = await s.openWriter('r');
    const big = new Uint8Array(1 << 16).fill(7);
    const slice = big.subarray(100, 110);
    await writer.commitStep({ step: 0, messages: [], usage: emptyUsage(), snapshot: { files: [{ path: 'f', data: slice, mode: 0o755 }], dirs: [] } });
    const [blob] = await s.db.getAll('blobs');
    expect(blob.data.buffer.byteLength).toBe(10);
    expect(await s.workdirAt('r', 0)).toEqual({ files: [{ path: 'f', data: new Uint8Array(10).fill(7), mode: 0o755 }], dirs: [] });
  });

  it('deletes a run and the blobs only it used, keeping shared ones', async () => {
    const s = await open();
    for (const [id, files] of [
      ['a', { shared: 'same', mine: 'only a' }],
      ['b', { shared: 'same', other: 'only b' }],
    ] as const) {
      await s.createRun(runRecord(id));
      const writer = await s.openWriter(id);
      writer.append({ type: 'step', step: 1 });
      await writer.commitStep({ step: 1, messages: [{ id }], usage: emptyUsage(), snapshot: snapshot(files) });
    }
    await s.deleteRun('a');
    expect(await s.getRun('a')).toBeUndefined();
    expect(await s.getEvents('a')).toEqual([]);
    expect(await s.latestCheckpoint('a')).toBeUndefined();
    expect(await s.workdirAt('a')).toBeUndefined();
    expect(await s.workdirAt('b')).toEqual(snapshot({ shared: 'same', other: 'only b' }));
    expect((await s.db.getAll('blobs')).map((blob) => new TextDecoder().decode(blob.data)).sort()).toEqual(['only b', 'same']);
    await s.deleteAllRuns();
    expect(await s.listRuns()).toEqual([]);
    expect(await s.db.count('blobs')).toBe(0);
  });

  it('prunes old work-dir states, keeping the newest ones whole', async () => {
    const s = await open();
    await s.createRun(runRecord('r'));
    const writer = await s.openWriter('r');
    const states = Array.from({ length: 6 }, (_, step) => snapshot({ keep: 'k', [`f${step}`]: `v${step}`, last: `l${step}` }));
    for (const [step, state] of states.entries()) await writer.commitStep({ step, messages: [], usage: emptyUsage(), snapshot: state });
    expect(await s.db.count('blobs')).toBe(13);
    expect(await s.pruneWorkdirStates({ keepLatestPerRun: 2 })).toEqual({ states: 4, blobs: 8 });
    expect(await s.workdirSteps('r')).toEqual([4, 5]);
    expect(await s.workdirAt('r', 3)).toBeUndefined();
    expect(await s.workdirAt('r', 4)).toEqual(states[4]);
    expect(await s.workdirAt('r', 5)).toEqual(states[5]);
    expect(await s.db.count('blobs')).toBe(5);
    // The writer keeps committing deltas on top of the rewritten base.
    await writer.commitStep({ step: 6, messages: [], usage: emptyUsage(), snapshot: states[0] });
    expect(await s.workdirAt('r', 6)).toEqual(states[0]);
    expect(await s.pruneWorkdirStates({ keepLatestPerRun: 5 })).toEqual({ states: 0, blobs: 0 });
  });
});
