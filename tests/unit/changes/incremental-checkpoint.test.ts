import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ChangeLog, minimalRoots } from '../../../src/changes/change-log';
import { applyDelta, type WorkdirSnapshot } from '../../../src/core/workdir';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { operation } from './operations';

const sandbox = new LiteSandbox();
afterAll(() => sandbox.dispose());

async function reset(): Promise<void> {
  await sandbox.restore({ files: [], dirs: [] });
  await sandbox.exec('cd /home/project');
}

describe('incremental checkpoints (real lite sandbox)', () => {
  it('equal a full rescan after random operation sequences, with and without excludes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(operation, { maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.boolean(), async (steps, exclude) => {
        await reset();
        const excludes = exclude ? ['node_modules'] : [];
        let first = await sandbox.snapshotSince({ excludes });
        expect(first.roots).toEqual(['']);
        let state: WorkdirSnapshot = first;
        for (const step of steps) {
          for (const command of step) await sandbox.exec(command);
          const changes = await sandbox.snapshotSince({ since: first.cursor, excludes });
          state = applyDelta(state, changes);
          const { files, dirs } = await sandbox.snapshot({ excludes });
          expect({ files: state.files, dirs: state.dirs }).toEqual({ files, dirs });
          first = changes;
        }
      }),
      { numRuns: 30, seed: 15 },
    );
  });

  it('reads only what changed: one file written in a big tree is one root, one file', async () => {
    await reset();
    await sandbox.exec('mkdir -p src/d1 src/d2 && for i in $(seq 1 50); do echo $i > src/d1/f$i.txt; done');
    const start = await sandbox.snapshotSince({});
    await sandbox.exec("sed -i 's/7/seven/' src/d1/f7.txt");
    const changes = await sandbox.snapshotSince({ since: start.cursor });
    expect({ roots: changes.roots, files: changes.files, dirs: changes.dirs }).toEqual({
      roots: ['src/d1/f7.txt'],
      files: [{ path: 'src/d1/f7.txt', data: new TextEncoder().encode('seven\n'), mode: 0o644 }],
      dirs: ['src', 'src/d1'],
    });
    const nothing = await sandbox.snapshotSince({ since: changes.cursor });
    expect({ roots: nothing.roots, files: nothing.files, dirs: nothing.dirs }).toEqual({ roots: [], files: [], dirs: [] });
  });

  it('reads everything after a link is made, and for a cursor of another sandbox', async () => {
    await reset();
    await sandbox.exec('echo x > target.txt');
    const start = await sandbox.snapshotSince({});
    const other = new LiteSandbox();
    try {
      expect((await other.snapshotSince({ since: start.cursor })).roots).toEqual(['']);
    } finally {
      await other.dispose();
    }
    await sandbox.exec('ln -s target.txt link.txt');
    const after = await sandbox.snapshotSince({ since: start.cursor });
    expect(after.roots).toEqual(['']);
    await sandbox.exec('echo y > target.txt');
    expect((await sandbox.snapshotSince({ since: after.cursor })).roots).toEqual(['']);
  });
});

describe('ChangeLog', () => {
  it('keeps the outermost roots', () => {
    expect(minimalRoots(['a/b', 'a', 'a.txt', 'a/b/c', 'b/c', 'b/cd'])).toEqual(['a', 'a.txt', 'b/c', 'b/cd']);
    expect(minimalRoots(['x', ''])).toEqual(['']);
  });

  it('answers from a cursor, compacts repeated paths, and goes blind past its limit', () => {
    const log = new ChangeLog({ limit: 6 });
    const start = log.cursor;
    log.note('a');
    const middle = log.cursor;
    log.note('b');
    log.note('b'); // the same path again: no new entry
    expect(log.since(start)).toEqual(['a', 'b']);
    expect(log.since(middle)).toEqual(['b']);
    expect(log.since(log.cursor)).toEqual([]);
    for (const path of ['a', 'b', 'a', 'b', 'a']) log.note(path); // seven entries: compacted to one per path
    expect(log.since(middle)).toEqual(['a', 'b']);
    for (const path of ['c', 'd', 'e', 'f', 'g']) log.note(path); // more distinct paths than the log keeps
    expect(log.since(middle)).toBeUndefined();
    const after = log.cursor;
    log.note('h/i');
    log.note('h');
    expect(log.since(after)).toEqual(['h']);
    expect(log.since(undefined)).toBeUndefined();
    expect(log.since('another:1')).toBeUndefined();
  });
});
