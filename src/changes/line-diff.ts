/** Line diffs of text files: the one module that imports the `diff` package. */
import { diffArrays } from 'diff';
import { editsFromPairs, hunksOf, lineTokens, matchableLines, type Edit } from './line-hunks';
import type { Hunk } from './types';

/** Lines of context around each change, as git shows. */
export const CONTEXT_LINES = 3;

/** Past this many edits the diff stops looking for the shortest script and shows the file replaced whole. */
const MAX_EDIT_LENGTH = 20_000;
/**
 * The search (Myers) costs about (lines searched) × (edits) steps: it looks only at the lines both sides have
 * (see line-hunks.ts) and gives up past this many steps (tens of milliseconds). A 5 000-line rewrite or 5 000
 * scattered changes take milliseconds so, where a search over every line took 13 s and 38 s on the main thread.
 */
const SEARCH_STEPS = 500_000;

/** The hunks turning `before` into `after`, with how many lines were added and deleted. */
export function lineDiff(before: string, after: string, context = CONTEXT_LINES): { hunks: Hunk[]; additions: number; deletions: number } {
  if (before === after) return { hunks: [], additions: 0, deletions: 0 };
  if (before === '' || after === '') {
    // an added or deleted file: every line is one side's, no search needed (a 1 MB file would take a long task)
    const hunk = replacedWhole(before, after);
    return { hunks: [hunk], additions: hunk.new_lines, deletions: hunk.old_lines };
  }
  const edits = searchedEdits(lineTokens(before), lineTokens(after));
  const hunks = edits ? hunksOf(edits, context) : [replacedWhole(before, after)];
  let additions = 0;
  let deletions = 0;
  for (const hunk of hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) additions++;
      else if (line.startsWith('-')) deletions++;
    }
  }
  return { hunks, additions, deletions };
}

/** The edits a search over `lines` lines may try within the step budget. */
function editBudget(lines: number): number {
  return Math.min(MAX_EDIT_LENGTH, Math.max(64, Math.floor(SEARCH_STEPS / Math.max(1, lines))));
}

/**
 * The edit script turning `before` into `after`, line by line (each line with its line end): the shortest one,
 * or every old line deleted then every new one added when finding it would take too long (as `lineDiff`).
 */
export function lineEdits(before: string, after: string): Edit[] {
  const oldLines = lineTokens(before);
  const newLines = lineTokens(after);
  return (before && after && searchedEdits(oldLines, newLines)) || editsFromPairs(oldLines, newLines, []);
}

/**
 * The shortest edit script, searched over only the lines both sides have (the others are deleted or added
 * where they stand); undefined when the search would take too long.
 */
function searchedEdits(oldLines: readonly string[], newLines: readonly string[]): Edit[] | undefined {
  const { a, b, aAt, bAt } = matchableLines(oldLines, newLines);
  const script = diffArrays(a, b, { maxEditLength: editBudget(a.length + b.length) });
  if (!script) return undefined;
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  for (const part of script) {
    const count = part.count ?? part.value.length;
    if (part.removed) i += count;
    else if (part.added) j += count;
    else for (let k = 0; k < count; k++) pairs.push([aAt[i++], bAt[j++]]);
  }
  return editsFromPairs(oldLines, newLines, pairs);
}

/** One hunk that deletes every old line and adds every new one (a diff too big to search). */
function replacedWhole(before: string, after: string): Hunk {
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  const lines = [...side('-', oldLines, before), ...side('+', newLines, after)];
  return {
    old_start: oldLines.length ? 1 : 0,
    old_lines: oldLines.length,
    new_start: newLines.length ? 1 : 0,
    new_lines: newLines.length,
    lines,
  };
}

function side(sign: string, lines: string[], text: string): string[] {
  const out = lines.map((line) => sign + line);
  if (text.length > 0 && !text.endsWith('\n')) out.push('\\ No newline at end of file');
  return out;
}

/** The lines of a text, without their line ends (a last line without one counts). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}
