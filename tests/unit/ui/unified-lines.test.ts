import { describe, expect, it } from 'vitest';
import { lineEdits } from '../../../src/changes/line-diff';
import { unifiedLines } from '../../../src/ui/changes/unified-lines';

const numbered = (count: number, changed: readonly number[] = []) =>
  Array.from({ length: count }, (_, i) => (changed.includes(i + 1) ? `line ${i + 1} changed\n` : `line ${i + 1}\n`)).join('');

describe('unifiedLines', () => {
  it('puts kept, deleted and added lines in one document with their old and new numbers, and folds long kept stretches', () => {
    const lines = unifiedLines(lineEdits(numbered(20), numbered(20, [10]).replace('line 20\n', 'line 20\nline 21\n')), { margin: 3, minSize: 4 });
    expect(lines.text.split('\n').slice(5, 13)).toEqual(['line 6', 'line 7', 'line 8', 'line 9', 'line 10', 'line 10 changed', 'line 11', 'line 12']);
    expect({
      lines: lines.kinds.length,
      kinds: lines.kinds.slice(8, 11),
      old: lines.oldNumbers.slice(8, 11),
      now: lines.newNumbers.slice(8, 11),
      last: [lines.kinds.at(-1), lines.oldNumbers.at(-1), lines.newNumbers.at(-1)],
      folds: lines.folds,
    }).toEqual({
      lines: 22,
      kinds: ['kept', 'deleted', 'added'],
      old: [9, 10, 0],
      now: [9, 0, 10],
      last: ['added', 0, 21],
      // old lines 1–6 (3 kept before the change), and 14–17 (3 kept after it, 3 before the added line)
      folds: [[0, 5], [14, 17]],
    });
  });

  it('keeps a 5 000-line rewrite as 10 000 lines with nothing to fold', () => {
    const lines = unifiedLines(lineEdits(numbered(5_000), numbered(5_000, Array.from({ length: 5_000 }, (_, i) => i + 1))), { margin: 3, minSize: 4 });
    expect([lines.kinds.length, lines.kinds.filter((kind) => kind === 'deleted').length, lines.folds]).toEqual([10_000, 5_000, []]);
  });
});
