import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyUsage } from '../../../src/core';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { HistoryStore } from '../../../src/store';
import { operation } from './operations';

const sandbox = new LiteSandbox();
afterAll(() => sandbox.dispose());

const run = { id: 'r', instructions: 'x', status: 'in_progress' as const, created_at: 1, updated_at: 1, steps: 0, outputs: {}, usage: emptyUsage() };

describe('a run whose steps are committed as deltas (real lite sandbox, real store)', () => {
  it('rebuilds every step as a full rescan saw it, across full records, a reopened writer and pruning', async () => {
    let laterFullRecords = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(operation, { maxLength: 4 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 12 }), async (steps, reopenAt) => {
        await sandbox.restore({ files: [], dirs: [] });
        const store = await HistoryStore.open({ factory: new IDBFactory() });
        try {
          await store.createRun({ ...run, config: {} });
          let writer = await store.openWriter('r');
          let read = await sandbox.snapshotSince({ excludes: ['node_modules'] });
          await writer.commitStep({ step: 0, usage: emptyUsage(), delta: read });
          const expected = [await sandbox.snapshot({ excludes: ['node_modules'] })];
          for (const [index, commands] of steps.entries()) {
            for (const command of commands) await sandbox.exec(command);
            if (index + 1 === reopenAt) writer = await store.openWriter('r'); // picks up the chain as stored
            read = await sandbox.snapshotSince({ since: read.cursor, excludes: ['node_modules'] });
            await writer.commitStep({ step: index + 1, usage: emptyUsage(), delta: read });
            expected.push(await sandbox.snapshot({ excludes: ['node_modules'] }));
          }
          for (const [step, state] of expected.entries()) expect(await store.workdirAt('r', step)).toEqual(state);
          laterFullRecords += (await store.db.getAll('manifests')).filter((record) => record.full && record.step > 0).length;
          await store.pruneWorkdirStates({ keepLatestPerRun: 2 });
          expect(await store.workdirAt('r')).toEqual(expected.at(-1));
        } finally {
          store.close();
        }
      }),
      { numRuns: 10, seed: 15 },
    );
    expect(laterFullRecords).toBeGreaterThan(0); // the chain did start again with a full record somewhere
  }, 30_000);
});
