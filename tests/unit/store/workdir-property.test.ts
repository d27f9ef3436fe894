import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyUsage } from '../../../src/core';
import { FULL_EVERY } from '../../../src/store/chain';
import { freshStore, runRecord, snapshot } from './helpers';

/** One change a step makes to the work dir. */
const change = fc.oneof(
  fc.record({ op: fc.constant('write' as const), path: fc.constantFrom('a', 'b', 'src/c', 'src/d/e'), text: fc.constantFrom('', 'x', 'y', 'zz') }),
  fc.record({ op: fc.constant('remove' as const), path: fc.constantFrom('a', 'b', 'src/c', 'src/d/e') }),
);

describe('rebuilding a work dir', () => {
  it('gives back exactly the snapshot of every step, whatever the changes, before and after pruning', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(change, { maxLength: 4 }), { minLength: 1, maxLength: FULL_EVERY + 6 }), fc.integer({ min: 1, max: 5 }), async (steps, keep) => {
        const store = await freshStore();
        try {
          await store.createRun(runRecord('r'));
          const writer = await store.openWriter('r');
          const files: Record<string, string> = {};
          const expected: ReturnType<typeof snapshot>[] = [];
          for (const [step, changes] of steps.entries()) {
            for (const c of changes) {
              if (c.op === 'write') files[c.path] = c.text;
              else delete files[c.path];
            }
            expected.push(snapshot({ ...files }));
            await writer.commitStep({ step, messages: [], usage: emptyUsage(), snapshot: expected[step] });
          }
          for (const [step, state] of expected.entries()) expect(await store.workdirAt('r', step)).toEqual(state);
          await store.pruneWorkdirStates({ keepLatestPerRun: keep });
          const kept = expected.map((_, step) => step).slice(-keep);
          expect(await store.workdirSteps('r')).toEqual(kept);
          for (const step of kept) expect(await store.workdirAt('r', step)).toEqual(expected[step]);
          const live = new Set(Object.values(files).concat(kept.flatMap((step) => expected[step].files.map((f) => new TextDecoder().decode(f.data)))));
          expect(await store.db.count('blobs')).toBe(live.size);
        } finally {
          store.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
