/** The changes between two states of a work dir, file by file. Pure and synchronous. */
import { decodeText, isBinary, sameBytes } from './content';
import { lineDiff } from './line-diff';
import { findRenames } from './renames';
import type { ChangeTotals, FileChange, TreeFile } from './types';

/** A work-dir state as the diff needs it: its files (directories do not matter to a diff). */
export interface FileSet {
  files: readonly TreeFile[];
}

/** A repository's own store (`.git/`, at any depth) is git's business, not a change to the project. */
function isGitStore(path: string): boolean {
  return path.startsWith('.git/') || path.includes('/.git/');
}

/** Every file that differs between `before` and `after`, sorted by path; renames detected; `.git/` left out. */
export function diffTrees(before: FileSet, after: FileSet): FileChange[] {
  const old = new Map(before.files.filter((file) => !isGitStore(file.path)).map((file) => [file.path, file]));
  const next = new Map(after.files.filter((file) => !isGitStore(file.path)).map((file) => [file.path, file]));
  const changes: FileChange[] = [];
  const deleted: TreeFile[] = [];
  const added: TreeFile[] = [];
  for (const [path, file] of next) {
    const was = old.get(path);
    if (!was) added.push(file);
    else if (!sameBytes(was.data, file.data) || modeOf(was) !== modeOf(file)) changes.push(describe('modified', was, file));
  }
  for (const [path, file] of old) if (!next.has(path)) deleted.push(file);
  const renames = findRenames(deleted, added);
  const renamedFrom = new Set(renames.map((pair) => pair.from.path));
  const renamedTo = new Set(renames.map((pair) => pair.to.path));
  for (const pair of renames) changes.push({ ...describe('renamed', pair.from, pair.to), similarity: pair.similarity });
  for (const file of added) if (!renamedTo.has(file.path)) changes.push(describe('added', undefined, file));
  for (const file of deleted) if (!renamedFrom.has(file.path)) changes.push(describe('deleted', file, undefined));
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The mode a file is stored with in git terms: executable or not. */
export function gitMode(file: { mode?: number } | undefined): number {
  return file?.mode !== undefined && (file.mode & 0o111) !== 0 ? 0o100755 : 0o100644;
}

function modeOf(file: TreeFile): number {
  return gitMode(file);
}

function describe(kind: FileChange['kind'], was: TreeFile | undefined, now: TreeFile | undefined): FileChange {
  const binary = (was !== undefined && isBinary(was.data)) || (now !== undefined && isBinary(now.data));
  const counts = binary ? { additions: 0, deletions: 0 } : lineDiff(text(was), text(now));
  const change: FileChange = {
    kind,
    path: (now ?? was)!.path,
    binary,
    additions: counts.additions,
    deletions: counts.deletions,
    old_size: was?.data.byteLength ?? 0,
    new_size: now?.data.byteLength ?? 0,
  };
  if (kind === 'renamed') change.old_path = was!.path;
  if (was) {
    change.before = was.data;
    change.old_mode = gitMode(was);
  }
  if (now) {
    change.after = now.data;
    change.new_mode = gitMode(now);
  }
  return change;
}

function text(file: TreeFile | undefined): string {
  return file ? (decodeText(file.data) ?? '') : '';
}

/** `3 files, +41 −7` in numbers. */
export function totalsOf(changes: readonly FileChange[]): ChangeTotals {
  return {
    files: changes.length,
    additions: changes.reduce((sum, change) => sum + change.additions, 0),
    deletions: changes.reduce((sum, change) => sum + change.deletions, 0),
  };
}

/** `3 files, +41 −7` (`1 file, +2 −0`). */
export function formatTotals(totals: ChangeTotals): string {
  return `${totals.files} ${totals.files === 1 ? 'file' : 'files'}, +${totals.additions} −${totals.deletions}`;
}
