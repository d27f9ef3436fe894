import { afterEach, describe, expect, it } from 'vitest';
import { HistoryStore, exportRun, importRun, toRun } from '../../../src/store';
import { freshStore, runRecord, snapshot, usage } from './helpers';

let store: HistoryStore | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

const bytes = new Uint8Array([0, 1, 2, 250, 255, 10, 13]);

/** A finished run with two steps, output, a binary file and an executable. */
async function finishedRun(s: HistoryStore): Promise<void> {
  const config = { model: 'm', base_url: 'http://x/v1', max_steps: 5, apiKey: 'sk-nope' } as never;
  await s.createRun(runRecord('src', { config, parent_id: 'older' }));
  const writer = await s.openWriter('src');
  writer.append({ type: 'step', step: 1 });
  writer.append({ type: 'tool_output', call_id: 'c1', data: '\x1b[32mok\x1b[0m\r\n' });
  await writer.commitStep({ step: 1, messages: [{ role: 'user', content: 'build' }], usage: usage(10), snapshot: snapshot({ a: 'x' }) });
  writer.append({ type: 'step', step: 2 });
  const final = { files: [...snapshot({ a: 'y', 'bin/blob': bytes }).files, { path: 'run.sh', data: new TextEncoder().encode('echo'), mode: 0o755 }], dirs: ['bin', 'empty'] };
  const run = { ...toRun(runRecord('src', { parent_id: 'older' })), status: 'completed' as const, steps: 2, summary: 'built', outputs: { file: 'a' }, usage: usage(30) };
  writer.append({ type: 'status', status: 'completed' });
  const messages = [{ role: 'user', content: 'build' }, { role: 'assistant', content: 'done' }];
  await writer.commitStep({ step: 2, messages, usage: usage(30), active_ms: 7_250, snapshot: final, run });
  await writer.close();
}

describe('export and import', () => {
  it('round-trips a run through JSON into a new run with equal content', async () => {
    store = await freshStore();
    await finishedRun(store);
    const exported = await exportRun(store, 'src', 42);
    const text = JSON.stringify(exported);
    expect(text).not.toContain('sk-nope');
    expect(exported?.config).toEqual({ model: 'm', base_url: 'http://x/v1', max_steps: 5 });
    expect([exported?.checkpoint_step, exported?.active_ms]).toEqual([2, 7_250]);

    const result = await importRun(store, text, 'copy');
    expect(result).toEqual({ ok: true, id: 'copy' });
    expect(await store.getRun('copy')).toEqual({ ...(await store.getRun('src')), id: 'copy' });
    expect((await store.getRunRecord('copy'))?.imported_from).toBe('src');
    const strip = (events: { run_id: string }[]) => events.map(({ run_id: _r, ...event }) => event);
    expect(strip(await store.getEvents('copy'))).toEqual(strip(await store.getEvents('src')));
    expect({ ...(await store.latestCheckpoint('copy')), run_id: 'src', at: 0 }).toEqual({ ...(await store.latestCheckpoint('src')), at: 0 });
    expect((await store.resumePoint('copy')).checkpoint?.active_ms).toBe(7_250);
    expect(await store.workdirAt('copy')).toEqual(await store.workdirAt('src'));
    expect(await exportRun(store, 'copy', 42)).toEqual({ ...exported, run: { ...exported!.run, id: 'copy' } });
  });

  it('imports a trajectory from before active_ms with no active time recorded', async () => {
    store = await freshStore();
    await finishedRun(store);
    const { active_ms: _active, ...older } = (await exportRun(store, 'src', 42))!;
    expect(await importRun(store, JSON.stringify(older), 'old')).toEqual({ ok: true, id: 'old' });
    const { active_ms: _srcActive, ...expected } = (await store.latestCheckpoint('src'))!;
    expect({ ...(await store.latestCheckpoint('old')), run_id: 'src', at: 0 }).toEqual({ ...expected, at: 0 });
    expect(await exportRun(store, 'old', 42)).toEqual({ ...older, run: { ...older.run, id: 'old' } });
  });

  it('brings in a run that was still going as interrupted', async () => {
    store = await freshStore();
    await store.createRun(runRecord('live'));
    const exported = await exportRun(store, 'live', 1);
    expect(exported).toEqual({
      format: 'autopilot-trajectory',
      version: 1,
      exported_at: 1,
      run: toRun(runRecord('live')),
      config: runRecord('live').config,
      messages: [],
      usage: runRecord('live').usage,
      outputs: {},
      events: [],
    });
    expect(await importRun(store, exported, 'again')).toEqual({ ok: true, id: 'again' });
    expect((await store.getRun('again'))?.status).toBe('interrupted');
    expect(await exportRun(store, 'missing')).toBeUndefined();
  });

  it('says what is wrong with a document it cannot import', async () => {
    store = await freshStore();
    await finishedRun(store);
    const good = (await exportRun(store, 'src'))!;
    const notOurs = 'This file is not an Autopilot run export: ';
    const damaged = 'This run export is damaged and was not imported: ';
    const cases: [unknown, string][] = [
      ['{not json', `${notOurs}it is not JSON.`],
      [{ ...good, format: 'other' }, `${notOurs}its "format" is not "autopilot-trajectory".`],
      [{ ...good, version: 9 }, 'This run export has version 9, which this build does not read (it reads 1).'],
      [{ ...good, run: null }, `${damaged}run: expected object, received null.`],
      [{ ...good, run: { ...good.run, usage: null } }, `${damaged}run.usage: expected object, received null.`],
      [{ ...good, run: { ...good.run, status: 'done' } }, `${damaged}run.status: expected one of "queued"|"in_progress"|"awaiting_human"|"interrupted"|"completed"|"failed"|"cancelled".`],
      [{ ...good, messages: 'x' }, `${damaged}messages: expected array, received string.`],
      [{ ...good, events: [{ type: 'step' }] }, `${damaged}events.0.seq: expected number, received undefined (and 1 more problem).`],
      [{ ...good, events: [{ type: 'tool_result', seq: 1, at: 1, call_id: 'c', name: 'n', ok: true, observation: null }] }, `${damaged}events.0.observation: expected string, received null.`],
      [{ ...good, active_ms: '5s' }, `${damaged}active_ms: expected number, received string.`],
      [{ ...good, active_ms: -1 }, `${damaged}active_ms: Too small: expected number to be >=0.`],
      [{ ...good, workdir: { files: 1, dirs: [] } }, `${damaged}workdir.step: expected number, received undefined (and 1 more problem).`],
      [{ ...good, workdir: { step: 1, files: [{ path: 'a' }], dirs: [] } }, `${damaged}workdir.files.0.base64: expected string, received undefined.`],
      [{ ...good, workdir: { step: 1, files: [{ path: 'a', base64: '***' }], dirs: [] } }, `${damaged}a file of its work dir is not valid base64.`],
    ];
    for (const [input, reason] of cases) {
      expect(await importRun(store, input)).toEqual({ ok: false, error: reason });
    }
    expect((await store.listRuns()).map((run) => run.id)).toEqual(['src']);
  });
});
