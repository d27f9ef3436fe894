import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffTrees, gitPatch, lineDiff } from '../../../src/changes';
import type { Hunk } from '../../../src/changes/types';
import { gitApply, readTree, removeTree, writeTree } from './git-tree';

const folder = mkdtempSync(join(tmpdir(), 'ap-line-diff-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The lines GNU `diff --minimal` adds and deletes (the shortest edit script) for each pair, in one shell. */
function gnuCounts(pairs: readonly (readonly [string, string])[]): { additions: number; deletions: number }[] {
  pairs.forEach(([before, after], i) => {
    writeFileSync(join(folder, `a${i}`), before);
    writeFileSync(join(folder, `b${i}`), after);
  });
  const script = `for i in $(seq 0 ${pairs.length - 1}); do diff --minimal a$i b$i; echo '###'; done`;
  const out = execFileSync('bash', ['-c', script], { cwd: folder, encoding: 'utf8' });
  return out.split('###\n').slice(0, pairs.length).map((text) => {
    const lines = text.split('\n');
    return { additions: lines.filter((line) => line.startsWith('> ')).length, deletions: lines.filter((line) => line.startsWith('< ')).length };
  });
}

/** `before` with the hunks applied (line by line; "\ No newline" after a kept or added line drops its line end). */
function applied(before: string, hunks: readonly Hunk[]): string {
  const old = before === '' ? [] : before.split(/(?<=\n)/);
  const out: string[] = [];
  let at = 0;
  for (const hunk of hunks) {
    const start = hunk.old_lines === 0 ? hunk.old_start : hunk.old_start - 1;
    while (at < start) out.push(old[at++]);
    hunk.lines.forEach((line, i) => {
      if (line.startsWith('\\')) {
        if (!hunk.lines[i - 1].startsWith('-')) out[out.length - 1] = out[out.length - 1].replace(/\n$/, '');
      } else if (line.startsWith('-')) at++;
      else {
        if (line.startsWith(' ')) at++;
        out.push(`${line.slice(1)}\n`);
      }
    });
  }
  while (at < old.length) out.push(old[at++]);
  return out.join('');
}

const numbered = (count: number, edited: (i: number) => boolean) =>
  Array.from({ length: count }, (_, i) => (edited(i) ? `const v${i} = f(${i}, 'changed');\n` : `const v${i} = f(${i});\n`)).join('');

describe('lineDiff', () => {
  it('finds the shortest edit script (as GNU diff --minimal) and its hunks rebuild the new text', () => {
    const text = fc
      .tuple(fc.array(fc.constantFrom('a', 'b', 'c', '}', '', 'x y'), { maxLength: 24 }), fc.boolean())
      .map(([lines, ended]) => (lines.length ? lines.join('\n') + (ended ? '\n' : '') : ''));
    const pairs = fc.sample(fc.tuple(text, text), { numRuns: 200, seed: 15 });
    const diffs = pairs.map(([before, after]) => lineDiff(before, after));
    expect(diffs.map(({ additions, deletions }) => ({ additions, deletions }))).toEqual(gnuCounts(pairs));
    expect(pairs.map(([before], i) => applied(before, diffs[i].hunks))).toEqual(pairs.map(([, after]) => after));
  });

  it('gives git-style hunks with 3 lines of context, merging changes 6 lines apart or closer', () => {
    const before = numbered(30, () => false);
    const after = numbered(30, (i) => i === 5 || i === 12 || i === 25);
    expect(lineDiff(before, after).hunks.map(({ lines: _l, ...range }) => range)).toEqual([
      { old_start: 3, old_lines: 14, new_start: 3, new_lines: 14 },
      { old_start: 23, old_lines: 7, new_start: 23, new_lines: 7 },
    ]);
  });

  it('takes milliseconds, not seconds, for a 5 000-line rewrite and 5 000 scattered changes, and git apply applies such hunks', async () => {
    const started = performance.now();
    const rewrite = lineDiff(numbered(5_000, () => false), numbered(5_000, () => true));
    const scattered = lineDiff(numbered(20_000, () => false), numbered(20_000, (i) => Math.floor(i / 10) % 4 === 0));
    const ms = performance.now() - started;
    expect({ hunks: rewrite.hunks.length, additions: rewrite.additions, deletions: rewrite.deletions }).toEqual({ hunks: 1, additions: 5_000, deletions: 5_000 });
    expect({ hunks: scattered.hunks.length, additions: scattered.additions, deletions: scattered.deletions }).toEqual({ hunks: 500, additions: 5_000, deletions: 5_000 });
    expect(ms).toBeLessThan(2_000); // a search over every line took 13 s and 38 s here
    const before = [{ path: 'big.ts', data: new TextEncoder().encode(numbered(4_000, () => false)) }];
    const after = [{ path: 'big.ts', data: new TextEncoder().encode(numbered(4_000, (i) => Math.floor(i / 10) % 4 === 0)), mode: 0o644 }];
    const root = writeTree(before);
    try {
      gitApply(root, await gitPatch(diffTrees({ files: before }, { files: after })));
      expect(readTree(root)).toEqual(after);
    } finally {
      removeTree(root);
    }
  });
});
