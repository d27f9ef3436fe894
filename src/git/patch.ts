/**
 * Unified diffs and diffstats in git's format, from two versions of a file (line diffs from the changes room,
 * jsdiff's Myers diff; git's hunks can differ where a change is ambiguous, as git's indent heuristic shifts them).
 */
import { lineDiff } from '../changes/line-diff';

/** One side of a file pair; undefined content means the file does not exist on that side. */
export interface Side {
  oid: string;
  mode: number;
  bytes: Uint8Array;
}

/** A changed file: old and new side (one may be missing for additions and deletions). */
export interface FilePair {
  path: string;
  from?: string;
  old?: Side;
  new?: Side;
}

const ZERO = '0000000';
const decoder = new TextDecoder();

/** Whether git would call these bytes binary (a NUL in the first 8000 bytes). */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

function modeText(mode: number): string {
  return mode.toString(8).padStart(6, '0');
}

/** The hunks of a text change (the changes room's line diff, git's context of 3). */
function hunks(oldText: string, newText: string) {
  return lineDiff(oldText, newText, 3).hunks.map((hunk) => ({
    oldStart: hunk.old_start,
    oldLines: hunk.old_lines,
    newStart: hunk.new_start,
    newLines: hunk.new_lines,
    lines: hunk.lines,
  }));
}

function range(start: number, count: number): string {
  if (count === 0) return `${start === 0 ? 0 : start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** git's default "function name" for a hunk: the nearest line above it that starts with a letter, _ or $. */
function funcname(lines: string[], before: number): string {
  for (let i = before - 1; i >= 0; i--) {
    if (/^[A-Za-z_$]/.test(lines[i])) return ` ${lines[i].slice(0, 80).trimEnd()}`;
  }
  return '';
}

/** The `diff --git` section of one file. */
export function filePatch(pair: FilePair): string {
  const oldPath = pair.from ?? pair.path;
  let out = `diff --git a/${oldPath} b/${pair.path}\n`;
  const oldOid = pair.old ? pair.old.oid.slice(0, 7) : ZERO;
  const newOid = pair.new ? pair.new.oid.slice(0, 7) : ZERO;
  if (!pair.old && pair.new) out += `new file mode ${modeText(pair.new.mode)}\nindex ${oldOid}..${newOid}\n`;
  else if (pair.old && !pair.new) out += `deleted file mode ${modeText(pair.old.mode)}\nindex ${oldOid}..${newOid}\n`;
  else if (pair.old && pair.new) {
    if (pair.from) out += `similarity index 100%\nrename from ${pair.from}\nrename to ${pair.path}\n`;
    if (pair.old.mode !== pair.new.mode) out += `old mode ${modeText(pair.old.mode)}\nnew mode ${modeText(pair.new.mode)}\n`;
    if (pair.old.oid === pair.new.oid) return out;
    out += pair.old.mode === pair.new.mode ? `index ${oldOid}..${newOid} ${modeText(pair.old.mode)}\n` : `index ${oldOid}..${newOid}\n`;
  }
  const oldBytes = pair.old?.bytes ?? new Uint8Array();
  const newBytes = pair.new?.bytes ?? new Uint8Array();
  if (isBinary(oldBytes) || isBinary(newBytes)) {
    return `${out}Binary files ${pair.old ? `a/${oldPath}` : '/dev/null'} and ${pair.new ? `b/${pair.path}` : '/dev/null'} differ\n`;
  }
  const oldText = decoder.decode(oldBytes);
  const newText = decoder.decode(newBytes);
  if (oldText === newText) return out;
  out += `--- ${pair.old ? `a/${oldPath}` : '/dev/null'}\n+++ ${pair.new ? `b/${pair.path}` : '/dev/null'}\n`;
  const oldLines = oldText.split('\n');
  for (const hunk of hunks(oldText, newText)) {
    out += `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@${funcname(oldLines, hunk.oldStart - 1)}\n`;
    for (const line of hunk.lines) out += `${line}\n`;
  }
  return out;
}

/** Lines added and removed (undefined for binary files). */
export function lineCounts(pair: FilePair): { added: number; removed: number } | undefined {
  const oldBytes = pair.old?.bytes ?? new Uint8Array();
  const newBytes = pair.new?.bytes ?? new Uint8Array();
  if (isBinary(oldBytes) || isBinary(newBytes)) return undefined;
  let added = 0;
  let removed = 0;
  for (const hunk of hunks(decoder.decode(oldBytes), decoder.decode(newBytes))) {
    for (const line of hunk.lines) {
      if (line[0] === '+') added++;
      else if (line[0] === '-') removed++;
    }
  }
  return { added, removed };
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** git's summary line: " 2 files changed, 3 insertions(+), 1 deletion(-)". */
export function summaryLine(files: number, added: number, removed: number): string {
  let out = ` ${plural(files, 'file changed', 'files changed')}`;
  if (added || !removed) out += `, ${plural(added, 'insertion(+)', 'insertions(+)')}`;
  if (removed || !added) out += `, ${plural(removed, 'deletion(-)', 'deletions(-)')}`;
  return `${out}\n`;
}

/** `--stat` output: one line per file with a +/- bar, then the summary. */
export function diffStat(pairs: readonly FilePair[], width = 80): string {
  if (pairs.length === 0) return '';
  const rows = pairs.map((pair) => ({
    name: pair.from ? `${pair.from} => ${pair.path}` : pair.path,
    counts: lineCounts(pair),
    pair,
  }));
  const nameWidth = Math.max(...rows.map((r) => r.name.length));
  const maxChange = Math.max(0, ...rows.map((r) => (r.counts ? r.counts.added + r.counts.removed : 0)));
  const numberWidth = Math.max(String(maxChange).length, rows.some((r) => !r.counts) ? 3 : 0);
  const graphRoom = Math.max(6, width - nameWidth - numberWidth - 6);
  const scale = (n: number) => (maxChange <= graphRoom || n === 0 ? n : 1 + Math.floor(((n) * (graphRoom - 1)) / maxChange));
  let out = '';
  let added = 0;
  let removed = 0;
  for (const row of rows) {
    if (!row.counts) {
      const before = row.pair.old?.bytes.length ?? 0;
      const after = row.pair.new?.bytes.length ?? 0;
      out += ` ${row.name.padEnd(nameWidth)} | ${'Bin'.padStart(numberWidth)} ${before} -> ${after} bytes\n`;
      continue;
    }
    added += row.counts.added;
    removed += row.counts.removed;
    const total = row.counts.added + row.counts.removed;
    const plus = scale(row.counts.added);
    const minus = scale(row.counts.removed);
    const bar = '+'.repeat(plus) + '-'.repeat(minus);
    out += ` ${row.name.padEnd(nameWidth)} | ${String(total).padStart(numberWidth)}${bar ? ` ${bar}` : ''}\n`;
  }
  return out + summaryLine(rows.length, added, removed);
}
