/**
 * Crafted trajectories (tests/fixtures/attacks) against the import and the history: a bad document is refused
 * naming the bad field, and a bad record already stored never hides the sound ones.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { importRun, toRun, type HistoryStore } from '../../../src/store';
import { RunHistory } from '../../../src/store/run-history.svelte';
import { freshStore, runRecord } from '../store/helpers';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/attacks/${name}`, import.meta.url), 'utf8');
const damaged = 'This run export is damaged and was not imported: ';

let store: HistoryStore | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

describe('crafted trajectories', () => {
  it('refuses `"usage": null` in the run, naming the field, and stores nothing', async () => {
    store = await freshStore();
    expect(await importRun(store, fixture('usage-null.trajectory.json'), 'bad')).toEqual({
      ok: false,
      error: `${damaged}run.usage: expected object, received null.`,
    });
    expect(await store.listEntries()).toEqual({ runs: [], damaged: [] });
  });

  it('refuses work-dir paths that climb out, are absolute, or climb with backslashes', async () => {
    store = await freshStore();
    expect(await importRun(store, fixture('escaping-paths.trajectory.json'), 'bad')).toEqual({
      ok: false,
      error: `${damaged}workdir.files.1.path: "../../../etc/x" is refused: the path climbs out with ".." (zip-slip) (and 2 more problems).`,
    });
    expect(await importRun(store, fixture('backslash-climb.trajectory.json'), 'bad')).toEqual({
      ok: false,
      error: `${damaged}workdir.files.1.path: "..\\\\..\\\\x" is refused: the path climbs out with ".." (zip-slip).`,
    });
    const { workdir: _workdir, ...withoutWorkdir } = JSON.parse(fixture('escaping-paths.trajectory.json'));
    expect(await importRun(store, { ...withoutWorkdir, workdir: { step: 1, files: [], dirs: ['/root'] } }, 'bad')).toEqual({
      ok: false,
      error: `${damaged}workdir.dirs.0: "/root" is refused: absolute path (it would land outside the work dir).`,
    });
    expect(await store.listEntries()).toEqual({ runs: [], damaged: [] });
  });

  it('lists a damaged stored record apart from the sound runs, and deletes it or all', async () => {
    store = await freshStore();
    await store.createRun(runRecord('older', { created_at: 1 }));
    await store.createRun(runRecord('newer', { created_at: 3 }));
    // a record as an earlier build's import left it: usage null
    await store.db.put('runs', { ...runRecord('broken', { created_at: 2 }), usage: null } as never);
    const history = new RunHistory(store);
    await history.refresh();
    expect(history.runs).toEqual([toRun(runRecord('newer', { created_at: 3 })), toRun(runRecord('older', { created_at: 1 }))]);
    expect(history.damaged).toEqual([{ id: 'broken', instructions: 'task broken', problem: 'usage: expected object, received null' }]);
    expect((await store.listRuns()).map((run) => run.id)).toEqual(['newer', 'older']);
    await history.delete('broken');
    expect([history.runs.length, history.damaged]).toEqual([2, []]);
    await store.db.put('runs', { id: 'junk' } as never);
    await history.refresh();
    expect(history.damaged).toEqual([{ id: 'junk', problem: 'instructions: expected string, received undefined (and 7 more problems)' }]);
    await history.deleteAll();
    expect([history.runs, history.damaged, history.error]).toEqual([[], [], undefined]);
  });
});
