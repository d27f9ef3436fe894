/**
 * Line diffs in GNU diff's two common formats, on jsdiff (the only module that imports `diff`): the normal
 * format (`2c2`, `< a`, `---`, `> b`), diff's default, and unified hunks (`@@ -1,3 +1,4 @@`).
 */
import { diffArrays, structuredPatch } from 'diff';

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

function comparable(line: string, options: LineDiffOptions): string {
  let key = line;
  if (options.ignoreAllSpace) key = key.replace(/[ \t\r\f\v]+/g, '');
  else if (options.ignoreSpaceChange) key = key.replace(/[ \t\r\f\v]+/g, ' ').replace(/ (?=\n|$)/, '');
  return options.ignoreCase ? key.toLowerCase() : key;
}

function shown(prefix: string, line: string): string {
  return line.endsWith('\n') ? `${prefix}${line}` : `${prefix}${line}\n${NO_NEWLINE}`;
}

function range(start: number, end: number): string {
  return start === end ? `${start}` : `${start},${end}`;
}

/** GNU's normal format; '' when the texts are the same (under `options`). */
export function normalDiff(before: string, after: string, options: LineDiffOptions = {}): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const changes = diffArrays(a, b, { comparator: (x, y) => comparable(x, options) === comparable(y, options) });
  let out = '';
  let i = 0; // lines of `a` passed
  let j = 0; // lines of `b` passed
  for (let k = 0; k < changes.length; k++) {
    if (!changes[k].added && !changes[k].removed) {
      i += changes[k].count ?? changes[k].value.length;
      j += changes[k].count ?? changes[k].value.length;
      continue;
    }
    let removed: string[] = [];
    let added: string[] = [];
    while (k < changes.length && (changes[k].added || changes[k].removed)) {
      if (changes[k].removed) removed = removed.concat(changes[k].value);
      else added = added.concat(changes[k].value);
      k++;
    }
    k--;
    if (removed.length > 0 && added.length > 0) out += `${range(i + 1, i + removed.length)}c${range(j + 1, j + added.length)}\n`;
    else if (removed.length > 0) out += `${range(i + 1, i + removed.length)}d${j}\n`;
    else out += `${i}a${range(j + 1, j + added.length)}\n`;
    out += removed.map((line) => shown('< ', line)).join('');
    if (removed.length > 0 && added.length > 0) out += '---\n';
    out += added.map((line) => shown('> ', line)).join('');
    i += removed.length;
    j += added.length;
  }
  return out;
}

/** Unified hunks (no `---`/`+++` header); '' when the texts are the same. Compares lines exactly. */
export function unifiedHunks(before: string, after: string, context: number): string {
  const patch = structuredPatch('a', 'b', before, after, '', '', { context });
  let out = '';
  for (const hunk of patch.hunks) {
    const side = (start: number, count: number) => (count === 1 ? `${start}` : `${count === 0 ? Math.max(0, start - 1) : start},${count}`);
    out += `@@ -${side(hunk.oldStart, hunk.oldLines)} +${side(hunk.newStart, hunk.newLines)} @@\n`;
    for (const line of hunk.lines) out += line.startsWith('\\') ? NO_NEWLINE : `${line}\n`;
  }
  return out;
}
