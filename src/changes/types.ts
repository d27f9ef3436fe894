/** What changed in a work dir between two states: per file, with line counts, for people and for patches. */

/** One file of a work-dir state (a snapshot's file). */
export interface TreeFile {
  path: string;
  data: Uint8Array;
  mode?: number;
}

/** How a file changed. */
export type ChangeKind = 'added' | 'modified' | 'deleted' | 'renamed';

/** One hunk of a text diff: git's `@@ -old_start,old_lines +new_start,new_lines @@` and its lines (' ', '+', '-', '\\'). */
export interface Hunk {
  old_start: number;
  old_lines: number;
  new_start: number;
  new_lines: number;
  lines: string[];
}

/**
 * One changed file. `path` is where it is after the change (where it was, for a deleted one); a renamed
 * file says where it came from (`old_path`) and how alike the two are (`similarity`, 0–100).
 * `before`/`after` are the contents (absent for an added/deleted side). Binary files have no line counts.
 */
export interface FileChange {
  kind: ChangeKind;
  path: string;
  old_path?: string;
  similarity?: number;
  binary: boolean;
  additions: number;
  deletions: number;
  old_size: number;
  new_size: number;
  old_mode?: number;
  new_mode?: number;
  before?: Uint8Array;
  after?: Uint8Array;
}

/** The counts of a set of changes: `3 files, +41 −7`. */
export interface ChangeTotals {
  files: number;
  additions: number;
  deletions: number;
}
