/** Line diffs of text files: the one module that imports the `diff` package. */
import { structuredPatch } from 'diff';
import type { Hunk } from './types';

/** Lines of context around each change, as git shows. */
export const CONTEXT_LINES = 3;

/** Past this many edits the diff stops looking for the shortest script and shows the file replaced whole. */
const MAX_EDIT_LENGTH = 20_000;

/** The hunks turning `before` into `after`, with how many lines were added and deleted. */
export function lineDiff(before: string, after: string, context = CONTEXT_LINES): { hunks: Hunk[]; additions: number; deletions: number } {
  if (before === after) return { hunks: [], additions: 0, deletions: 0 };
  if (before === '' || after === '') {
    // an added or deleted file: every line is one side's, no search needed (a 1 MB file would take a long task)
    const hunk = replacedWhole(before, after);
    return { hunks: [hunk], additions: hunk.new_lines, deletions: hunk.old_lines };
  }
  const patch = structuredPatch('a', 'b', before, after, undefined, undefined, { context, maxEditLength: MAX_EDIT_LENGTH });
  const hunks: Hunk[] = patch
    ? patch.hunks.map((hunk) => ({
        old_start: hunk.oldStart,
        old_lines: hunk.oldLines,
        new_start: hunk.newStart,
        new_lines: hunk.newLines,
        lines: hunk.lines,
      }))
    : [replacedWhole(before, after)];
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
