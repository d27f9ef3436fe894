/**
 * A side-by-side diff as two documents for the view: the old and the new file as they are, which of their lines
 * changed, where one side needs blank lines so the sides stay level (a stretch of 3 deleted lines against 1
 * added leaves 2 on the new side), and the kept stretches to fold, the same on both sides.
 */
import type { Edit } from '../../changes/line-hunks';

/** One side: its changed lines (0-based) and its spacers (blank lines before line `before`; the line count puts them at the end). */
export interface SplitSide {
  changed: Set<number>;
  spacers: { before: number; lines: number }[];
}

/** Both sides, and the kept stretches to fold: [first, last] line (0-based, inclusive) on the old and the new side. */
export interface SplitLines {
  old: SplitSide;
  new: SplitSide;
  folds: { old: [number, number]; new: [number, number] }[];
}

/** The side-by-side layout of an edit script; kept stretches longer than `minSize` fold, leaving `margin` lines around changes. */
export function splitLines(edits: readonly Edit[], { margin, minSize }: { margin: number; minSize: number }): SplitLines {
  const split: SplitLines = { old: { changed: new Set(), spacers: [] }, new: { changed: new Set(), spacers: [] }, folds: [] };
  let oldAt = 0;
  let newAt = 0;
  for (let i = 0; i < edits.length; ) {
    let end = i;
    if (edits[i][0] === ' ') {
      while (end < edits.length && edits[end][0] === ' ') end++;
      const from = i === 0 ? 0 : margin;
      const to = end === edits.length ? end - i - 1 : end - i - 1 - margin;
      if (to - from + 1 >= minSize) split.folds.push({ old: [oldAt + from, oldAt + to], new: [newAt + from, newAt + to] });
      oldAt += end - i;
      newAt += end - i;
    } else {
      let deleted = 0;
      let added = 0;
      for (; end < edits.length && edits[end][0] !== ' '; end++) {
        if (edits[end][0] === '-') split.old.changed.add(oldAt + deleted++);
        else split.new.changed.add(newAt + added++);
      }
      oldAt += deleted;
      newAt += added;
      if (deleted < added) split.old.spacers.push({ before: oldAt, lines: added - deleted });
      if (added < deleted) split.new.spacers.push({ before: newAt, lines: deleted - added });
    }
    i = end;
  }
  return split;
}
