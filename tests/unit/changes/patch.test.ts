import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffTrees, gitPatch, totalsOf } from '../../../src/changes';
import type { WorkdirSnapshot } from '../../../src/sandbox/sandbox';
import { gitApply, normalised, readTree, removeTree, writeTree } from './git-tree';

const text = (value: string) => new TextEncoder().encode(value);
const file = (path: string, content: string | Uint8Array, mode?: number) => ({
  path,
  data: typeof content === 'string' ? text(content) : content,
  ...(mode !== undefined && { mode }),
});
const lines = (count: number, tag = 'line') => Array.from({ length: count }, (_, i) => `${tag} ${i + 1}\n`).join('');
const bytes = (count: number, seed: number) => Uint8Array.from({ length: count }, (_, i) => (i * 31 + seed * 7) % 256);

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach(removeTree));

/** Applies the patch of before → after with the real git and expects exactly `after`. */
async function roundTrip(before: WorkdirSnapshot['files'], after: WorkdirSnapshot['files']): Promise<string> {
  const patch = await gitPatch(diffTrees({ files: before }, { files: after }));
  const root = writeTree(before);
  roots.push(root);
  gitApply(root, patch);
  expect(readTree(root)).toEqual(normalised(after));
  return patch;
}

describe('gitPatch with the real git apply', () => {
  it('adds, modifies, deletes, renames and changes modes, text and binary, byte for byte', async () => {
    const before = [
      file('README.md', lines(20)),
      file('src/a.ts', 'export const a = 1;\n'),
      file('src/gone.txt', 'bye\n'),
      file('old/name.txt', lines(30, 'keep')),
      file('img/logo.png', bytes(12_000, 1)),
      file('bin/run.sh', '#!/bin/sh\necho hi\n'),
      file('no-newline.txt', 'one\ntwo'),
      file('empty.txt', ''),
      file('moved-bin.dat', bytes(3_000, 5)),
    ];
    const after = [
      file('README.md', lines(20).replace('line 7\n', 'line seven\n') + 'added\n'),
      file('src/a.ts', 'export const a = 2;\n'),
      file('src/new dir/b ü.ts', 'export const b = "quoted path";\n'),
      file('new/name.txt', lines(30, 'keep').replace('keep 3\n', 'kept 3\n')),
      file('img/logo.png', bytes(14_000, 2)),
      file('bin/run.sh', '#!/bin/sh\necho hi\n', 0o755),
      file('no-newline.txt', 'one\ntwo\nthree'),
      file('empty.txt', ''),
      file('made-empty.txt', ''),
      file('elsewhere/moved-bin.dat', bytes(3_000, 5)),
      file('crlf.txt', 'a\r\nb\r\n'),
    ];
    const patch = await roundTrip(before, after);
    expect(patch).toContain('diff --git a/old/name.txt b/new/name.txt\nsimilarity index 96%\nrename from old/name.txt\nrename to new/name.txt\n');
    expect(patch).toContain('diff --git a/moved-bin.dat b/elsewhere/moved-bin.dat\nsimilarity index 100%\n');
    expect(patch).toContain('diff --git a/bin/run.sh b/bin/run.sh\nold mode 100644\nnew mode 100755\n');
    expect(patch).toContain('diff --git a/src/gone.txt b/src/gone.txt\ndeleted file mode 100644\n');
    expect(patch).toContain('diff --git "a/src/new dir/b \\303\\274.ts" "b/src/new dir/b \\303\\274.ts"\nnew file mode 100644\n');
    expect(patch).toContain('GIT binary patch\nliteral 14000\n');
  });

  it('deletes and adds binary and empty files', async () => {
    await roundTrip([file('a.bin', bytes(100, 3)), file('e', '')], [file('b.bin', bytes(200, 4)), file('f', '')]);
  });

  it('counts lines as git does: +41 −7 over the changed files', () => {
    const changes = diffTrees(
      { files: [file('a.txt', lines(10)), file('b.txt', lines(7)), file('pic.png', bytes(10, 1))] },
      { files: [file('a.txt', lines(10) + lines(41, 'new')), file('pic.png', bytes(20, 2))] },
    );
    expect(changes.map(({ before: _b, after: _a, ...rest }) => rest)).toEqual([
      { kind: 'modified', path: 'a.txt', binary: false, additions: 41, deletions: 0, old_size: 71, new_size: 349, old_mode: 0o100644, new_mode: 0o100644 },
      { kind: 'deleted', path: 'b.txt', binary: false, additions: 0, deletions: 7, old_size: 49, new_size: 0, old_mode: 0o100644 },
      { kind: 'modified', path: 'pic.png', binary: true, additions: 0, deletions: 0, old_size: 10, new_size: 20, old_mode: 0o100644, new_mode: 0o100644 },
    ]);
    expect(totalsOf(changes)).toEqual({ files: 3, additions: 41, deletions: 7 });
  });

  it('round-trips random trees through git apply', async () => {
    const name = fc.constantFrom('a', 'b', 'c', 'd/e', 'd/f', 'g/h/i');
    const content = fc.oneof(
      fc.array(fc.constantFrom('x\n', 'y\n', 'z\n', 'w', '\n', '\r\n'), { maxLength: 12 }).map((parts) => text(parts.join(''))),
      fc.uint8Array({ maxLength: 64 }),
    );
    const tree = fc.dictionary(name, fc.tuple(content, fc.boolean()), { maxKeys: 6 }).map((entries) =>
      Object.entries(entries)
        // a file and a folder cannot share a name
        .filter(([path], _, all) => !all.some(([other]) => other.startsWith(`${path}/`)))
        .map(([path, [data, exec]]) => file(path, data, exec ? 0o755 : 0o644)),
    );
    await fc.assert(fc.asyncProperty(tree, tree, async (before, after) => void (await roundTrip(before, after))), { numRuns: 12 });
  });
});
