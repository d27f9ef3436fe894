import { afterAll, describe, expect, it } from 'vitest';
import { diffTrees, formatTotals, totalsOf, type FileChange } from '../../../src/changes';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';

const sandbox = new LiteSandbox();
afterAll(() => sandbox.dispose());

/** What one shell command changed in the real lite sandbox, without contents. */
async function changesOf(command: string): Promise<Omit<FileChange, 'before' | 'after'>[]> {
  const before = await sandbox.snapshot();
  const result = await sandbox.exec(command);
  expect(result.exitCode).toBe(0);
  const after = await sandbox.snapshot();
  return diffTrees(before, after).map(({ before: _b, after: _a, ...rest }) => rest);
}

const text = { binary: false, old_mode: 0o100644, new_mode: 0o100644 };

describe('changes made by shell commands (real lite sandbox)', () => {
  it('sees a generated tree, sed -i, mv and rm -r', async () => {
    const generated = await changesOf('mkdir -p src/lib && for i in 1 2 3; do seq 1 10 > src/lib/f$i.txt; done && printf "a\\nb\\n" > notes.md');
    expect(generated.map((change) => [change.kind, change.path, change.additions, change.deletions])).toEqual([
      ['added', 'notes.md', 2, 0],
      ['added', 'src/lib/f1.txt', 10, 0],
      ['added', 'src/lib/f2.txt', 10, 0],
      ['added', 'src/lib/f3.txt', 10, 0],
    ]);
    expect(formatTotals(totalsOf(await changesOf('sed -i "s/^5$/five/; s/^7$/seven/" src/lib/f1.txt')))).toBe('1 file, +2 −2');

    expect(await changesOf('mv notes.md docs.md')).toEqual([
      { ...text, kind: 'renamed', path: 'docs.md', old_path: 'notes.md', similarity: 100, additions: 0, deletions: 0, old_size: 4, new_size: 4 },
    ]);
    const gone = { binary: false, old_mode: 0o100644, kind: 'deleted', additions: 0, deletions: 10, new_size: 0 };
    expect(await changesOf('rm -r src/lib && echo c >> docs.md')).toEqual([
      { ...text, kind: 'modified', path: 'docs.md', additions: 1, deletions: 0, old_size: 4, new_size: 6 },
      { ...gone, path: 'src/lib/f1.txt', old_size: 28 },
      { ...gone, path: 'src/lib/f2.txt', old_size: 21 },
      { ...gone, path: 'src/lib/f3.txt', old_size: 21 },
    ]);
  });

  it('finds a moved and edited file as a rename with its similarity', async () => {
    await sandbox.exec('seq 1 40 > big.txt');
    expect(await changesOf('mv big.txt moved.txt && sed -i "s/^3$/three/" moved.txt')).toEqual([
      { ...text, kind: 'renamed', path: 'moved.txt', old_path: 'big.txt', similarity: 94, additions: 1, deletions: 1, old_size: 111, new_size: 115 },
    ]);
  });
});
