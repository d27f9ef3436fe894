/**
 * The parts of a line diff that need no diff library: lines as tokens (with their line end, as jsdiff splits
 * them), dropping the lines one side has and the other has nowhere (as GNU diff and git's xdiff do before
 * searching: such a line can be in no common subsequence, so the shortest edit script stays the shortest), and
 * hunks with context from an edit script, in the layout jsdiff's structuredPatch gives.
 */
import type { Hunk } from './types';

/** A text's lines, each with its "\n" (the last one without, when the text does not end with one). */
export function lineTokens(text: string): string[] {
  const tokens: string[] = [];
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\n', at);
    const next = end < 0 ? text.length : end + 1;
    tokens.push(text.slice(at, next));
    at = next;
  }
  return tokens;
}

/** Both sides' lines as numbers (equal lines, equal numbers), and per side the lines the other side also has. */
export function matchableLines(before: readonly string[], after: readonly string[]): { a: number[]; b: number[]; aAt: number[]; bAt: number[] } {
  const ids = new Map<string, number>();
  const idOf = (line: string) => ids.get(line) ?? ids.set(line, ids.size).get(line)!;
  const aIds = before.map(idOf);
  const inA = ids.size;
  const bIds = after.map(idOf);
  const inB = new Set(bIds);
  const a: number[] = [];
  const aAt: number[] = [];
  aIds.forEach((id, i) => inB.has(id) && (a.push(id), aAt.push(i)));
  const b: number[] = [];
  const bAt: number[] = [];
  bIds.forEach((id, i) => id < inA && (b.push(id), bAt.push(i)));
  return { a, b, aAt, bAt };
}

/** One step of an edit script: a line kept (' '), deleted ('-') or added ('+'), with its text (line end included). */
export type Edit = readonly [' ' | '-' | '+', string];

/** The edit script from the pairs of equal lines (indices into before and after, ascending). */
export function editsFromPairs(before: readonly string[], after: readonly string[], pairs: readonly (readonly [number, number])[]): Edit[] {
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  for (const [ai, bj] of [...pairs, [before.length, after.length] as const]) {
    for (; i < ai; i++) edits.push(['-', before[i]]);
    for (; j < bj; j++) edits.push(['+', after[j]]);
    if (ai < before.length) edits.push([' ', before[ai]]);
    i = ai + 1;
    j = bj + 1;
  }
  return edits;
}

/** Hunks of `context` lines around the changes; changes closer than twice the context share a hunk. */
export function hunksOf(edits: readonly Edit[], context: number): Hunk[] {
  const hunks: Hunk[] = [];
  const changed = edits.map(([sign]) => sign !== ' ');
  let oldLine = 1;
  let newLine = 1;
  let at = 0;
  while (at < edits.length) {
    if (!changed[at]) {
      oldLine++;
      newLine++;
      at++;
      continue;
    }
    const start = Math.max(0, at - context);
    let end = at;
    for (let kept = 0; end < edits.length; end++) {
      kept = changed[end] ? 0 : kept + 1;
      if (kept > context * 2) break;
    }
    const stop = Math.min(edits.length, trimKept(changed, end) + context);
    const slice = edits.slice(start, stop);
    const before = at - start;
    const hunk: Hunk = { old_start: oldLine - before, old_lines: 0, new_start: newLine - before, new_lines: 0, lines: [] };
    for (const [sign, line] of slice) {
      if (sign !== '+') hunk.old_lines++;
      if (sign !== '-') hunk.new_lines++;
      const ended = line.endsWith('\n');
      hunk.lines.push(sign + (ended ? line.slice(0, -1) : line));
      if (!ended) hunk.lines.push('\\ No newline at end of file');
    }
    for (let k = at; k < stop; k++) {
      if (edits[k][0] !== '+') oldLine++;
      if (edits[k][0] !== '-') newLine++;
    }
    hunks.push(hunk);
    at = stop;
  }
  return hunks;
}

/** Where the last change before `end` ends (the kept lines after it are context, not part of the change). */
function trimKept(changed: readonly boolean[], end: number): number {
  let last = end;
  while (last > 0 && !changed[last - 1]) last--;
  return last;
}
