/**
 * A unified diff as one document for the view: every kept, deleted and added line is a line of the document
 * (so the editor draws only those on screen, however many there are), with its kind, its numbers in the old
 * and the new file, and the stretches of kept lines to fold away.
 */
import type { Edit } from '../../changes/line-hunks';

/** What a line of the unified document is. */
export type LineKind = 'kept' | 'deleted' | 'added';

/** The document and, per line (0-based), its kind and its numbers in the old and new files (0: not there). */
export interface UnifiedLines {
  text: string;
  kinds: LineKind[];
  oldNumbers: number[];
  newNumbers: number[];
  /** Stretches of kept lines to fold: first and last line (0-based, inclusive). */
  folds: [number, number][];
}

const KIND = { ' ': 'kept', '-': 'deleted', '+': 'added' } as const;

/** The unified document of an edit script; kept stretches longer than `minSize` fold, leaving `margin` lines around changes. */
export function unifiedLines(edits: readonly Edit[], options: { margin: number; minSize: number }): UnifiedLines {
  const lines: string[] = [];
  const kinds: LineKind[] = [];
  const oldNumbers: number[] = [];
  const newNumbers: number[] = [];
  let oldAt = 0;
  let newAt = 0;
  for (const [sign, line] of edits) {
    lines.push(line.endsWith('\n') ? line.slice(0, -1) : line);
    kinds.push(KIND[sign]);
    oldNumbers.push(sign === '+' ? 0 : ++oldAt);
    newNumbers.push(sign === '-' ? 0 : ++newAt);
  }
  return { text: lines.join('\n'), kinds, oldNumbers, newNumbers, folds: keptStretches(kinds, options) };
}

/** The kept stretches to fold: all but `margin` lines next to a change, when at least `minSize` would fold. */
function keptStretches(kinds: readonly LineKind[], { margin, minSize }: { margin: number; minSize: number }): [number, number][] {
  const folds: [number, number][] = [];
  for (let start = 0; start < kinds.length; ) {
    if (kinds[start] !== 'kept') {
      start++;
      continue;
    }
    let end = start;
    while (end + 1 < kinds.length && kinds[end + 1] === 'kept') end++;
    const from = start === 0 ? 0 : start + margin;
    const to = end === kinds.length - 1 ? end : end - margin;
    if (to - from + 1 >= minSize) folds.push([from, to]);
    start = end + 1;
  }
  return folds;
}
