/**
 * Line diffs in GNU diff's two common formats, over the project's one line-diff module (jsdiff's Myers diff):
 * the normal format (`2c2`, `< a`, `---`, `> b`), diff's default, and unified hunks (`@@ -1,3 +1,4 @@`).
 */
import { lineDiff } from '../../../changes/line-diff';

/** How lines are compared. */
export interface LineDiffOptions {
  ignoreCase?: boolean;
  ignoreAllSpace?: boolean;
  ignoreSpaceChange?: boolean;
}

const NO_NEWLINE = '\\ No newline at end of file\n';

/** Lines with their terminators, so a last line without `\n` differs from one with it, as in GNU. */
function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

/** The text as compared: each line folded as the options say (its line end kept). */
function comparable(text: string, options: LineDiffOptions): string {
  if (!options.ignoreCase && !options.ignoreAllSpace && !options.ignoreSpaceChange) return text;
  return splitLines(text)
    .map((line) => {
      const end = line.endsWith('\n') ? '\n' : '';
      let key = end ? line.slice(0, -1) : line;
      if (options.ignoreAllSpace) key = key.replace(/[ \t\r\f\v]+/g, '');
      else if (options.ignoreSpaceChange) key = key.replace(/[ \t\r\f\v]+/g, ' ').replace(/ $/, '');
      return (options.ignoreCase ? key.toLowerCase() : key) + end;
    })
    .join('');
}

function shown(prefix: string, line: string): string {
  return line.endsWith('\n') ? `${prefix}${line}` : `${prefix}${line}\n${NO_NEWLINE}`;
}

function range(start: number, count: number): string {
  return count <= 1 ? `${start}` : `${start},${start + count - 1}`;
}

/** GNU's normal format; '' when the texts are the same (under `options`). */
export function normalDiff(before: string, after: string, options: LineDiffOptions = {}): string {
  const a = splitLines(before);
  const b = splitLines(after);
  let out = '';
  for (const hunk of lineDiff(comparable(before, options), comparable(after, options), 0).hunks) {
    const removed = a.slice(hunk.old_start - 1, hunk.old_start - 1 + hunk.old_lines);
    const added = b.slice(hunk.new_start - 1, hunk.new_start - 1 + hunk.new_lines);
    if (hunk.old_lines > 0 && hunk.new_lines > 0) out += `${range(hunk.old_start, hunk.old_lines)}c${range(hunk.new_start, hunk.new_lines)}\n`;
    else if (hunk.old_lines > 0) out += `${range(hunk.old_start, hunk.old_lines)}d${Math.max(0, hunk.new_start - 1)}\n`;
    else out += `${Math.max(0, hunk.old_start - 1)}a${range(hunk.new_start, hunk.new_lines)}\n`;
    out += removed.map((line) => shown('< ', line)).join('');
    if (removed.length > 0 && added.length > 0) out += '---\n';
    out += added.map((line) => shown('> ', line)).join('');
  }
  return out;
}

/** Unified hunks (no `---`/`+++` header); '' when the texts are the same. Compares lines exactly. */
export function unifiedHunks(before: string, after: string, context: number): string {
  let out = '';
  for (const hunk of lineDiff(before, after, context).hunks) {
    const side = (start: number, count: number) => (count === 1 ? `${start}` : `${count === 0 ? Math.max(0, start - 1) : start},${count}`);
    out += `@@ -${side(hunk.old_start, hunk.old_lines)} +${side(hunk.new_start, hunk.new_lines)} @@\n`;
    for (const line of hunk.lines) out += line.startsWith('\\') ? NO_NEWLINE : `${line}\n`;
  }
  return out;
}
