/**
 * A git-style unified patch of a set of changes: `diff --git a/… b/…` headers, new/deleted file modes, mode
 * changes, renames with their similarity, full blob ids, text hunks, and binary files as `GIT binary patch`
 * literals, so `git apply` on the start tree gives the end tree byte for byte (empty folders apart: git has none).
 */
import { decodeText } from './content';
import { base85Lines, blobId, NULL_ID, zlibDeflate } from './git-objects';
import { lineDiff } from './line-diff';
import type { FileChange } from './types';

/** The patch of every change, in order; '' when there is none. */
export async function gitPatch(changes: readonly FileChange[]): Promise<string> {
  const parts: string[] = [];
  for (const change of changes) parts.push(await filePatch(change));
  return parts.join('');
}

/** The patch of one file. */
export async function filePatch(change: FileChange): Promise<string> {
  const oldPath = change.old_path ?? change.path;
  const a = quotePath(`a/${oldPath}`);
  const b = quotePath(`b/${change.path}`);
  const lines = [`diff --git ${a} ${b}`];
  const oldId = change.before ? await blobId(change.before) : NULL_ID;
  const newId = change.after ? await blobId(change.after) : NULL_ID;
  if (change.kind === 'added') lines.push(`new file mode ${octal(change.new_mode)}`);
  if (change.kind === 'deleted') lines.push(`deleted file mode ${octal(change.old_mode)}`);
  if ((change.kind === 'modified' || change.kind === 'renamed') && change.old_mode !== change.new_mode) {
    lines.push(`old mode ${octal(change.old_mode)}`, `new mode ${octal(change.new_mode)}`);
  }
  if (change.kind === 'renamed') {
    lines.push(`similarity index ${change.similarity ?? 100}%`, `rename from ${quotePath(oldPath)}`, `rename to ${quotePath(change.path)}`);
  }
  if (oldId !== newId) {
    const sameMode = change.kind === 'modified' || change.kind === 'renamed' ? change.old_mode === change.new_mode : false;
    lines.push(`index ${oldId}..${newId}${sameMode ? ` ${octal(change.new_mode)}` : ''}`);
    lines.push(...(change.binary ? await binaryBody(change) : textBody(change, a, b)));
  }
  return lines.join('\n') + '\n';
}

function textBody(change: FileChange, a: string, b: string): string[] {
  const before = change.before ? (decodeText(change.before) ?? '') : '';
  const after = change.after ? (decodeText(change.after) ?? '') : '';
  const { hunks } = lineDiff(before, after);
  if (hunks.length === 0) return [];
  const lines = [`--- ${change.before ? a : '/dev/null'}`, `+++ ${change.after ? b : '/dev/null'}`];
  for (const hunk of hunks) {
    lines.push(`@@ -${range(hunk.old_start, hunk.old_lines)} +${range(hunk.new_start, hunk.new_lines)} @@`, ...hunk.lines);
  }
  return lines;
}

/** A hunk range as git writes it: `start,count`, or `start` alone when the count is 1. */
function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** The new content as a literal (zlib + base85), and the old one as the reverse literal. */
async function binaryBody(change: FileChange): Promise<string[]> {
  const after = change.after ?? new Uint8Array();
  const before = change.before ?? new Uint8Array();
  return [
    'GIT binary patch',
    `literal ${after.byteLength}`,
    ...base85Lines(await zlibDeflate(after)),
    '',
    `literal ${before.byteLength}`,
    ...base85Lines(await zlibDeflate(before)),
    '',
  ];
}

function octal(mode: number | undefined): string {
  return (mode ?? 0o100644).toString(8);
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\x07': '\\a' };

/** A path as git writes it: C-quoted (UTF-8 bytes in octal) when it holds quotes, backslashes, controls or non-ASCII. */
export function quotePath(path: string): string {
  if (!/["\\\x00-\x1f\x7f-\uffff]/.test(path)) return path;
  let out = '"';
  for (const byte of new TextEncoder().encode(path)) {
    const char = String.fromCharCode(byte);
    if (ESCAPES[char]) out += ESCAPES[char];
    else if (byte < 0x20 || byte >= 0x7f) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += char;
  }
  return `${out}"`;
}
