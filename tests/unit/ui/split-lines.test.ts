import { describe, expect, it } from 'vitest';
import { lineEdits } from '../../../src/changes/line-diff';
import { splitLines } from '../../../src/ui/changes/split-lines';

const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\n`).join('');

describe('splitLines', () => {
  it('marks the changed lines of each side, levels them with blank lines and folds the same kept stretches', () => {
    // lines 5–7 become one line; lines 18–20 are added at the end
    const before = numbered(1, 17);
    const after = numbered(1, 4) + 'lines 5 to 7\n' + numbered(8, 20);
    const split = splitLines(lineEdits(before, after), { margin: 3, minSize: 4 });
    expect({
      old: { changed: [...split.old.changed], spacers: split.old.spacers },
      new: { changed: [...split.new.changed], spacers: split.new.spacers },
      folds: split.folds,
    }).toEqual({
      old: { changed: [4, 5, 6], spacers: [{ before: 17, lines: 3 }] },
      new: { changed: [4, 15, 16, 17], spacers: [{ before: 5, lines: 2 }] },
      // old lines 11–14 / new 9–12: the kept lines 8–17 less 3 on each side
      folds: [{ old: [10, 13], new: [8, 11] }],
    });
  });
});
