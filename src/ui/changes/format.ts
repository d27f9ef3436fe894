/** Changes as the page shows them: kinds in words, counts, binary sizes. No diff code here (it loads lazily). */
import type { FileChange } from '../../changes/types';

/** A change as the diff view needs it. */
export type ShownChange = Pick<FileChange, 'kind' | 'path' | 'old_path' | 'binary' | 'additions' | 'deletions' | 'old_size' | 'new_size' | 'before' | 'after'>;

const decoder = new TextDecoder();

/** The bytes as text for the diff ('' for a side that does not exist). */
export function textOf(data: Uint8Array | undefined): string {
  return data ? decoder.decode(data) : '';
}

/** A size for people: 512 B, 12 KB, 2.3 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "binary, 12 KB → 14 KB" (or "binary, added, 14 KB"). */
export function describeBinary(change: Pick<FileChange, 'kind' | 'old_size' | 'new_size'>): string {
  if (change.kind === 'added') return `binary, added, ${formatSize(change.new_size)}`;
  if (change.kind === 'deleted') return `binary, deleted, ${formatSize(change.old_size)}`;
  return `binary, ${formatSize(change.old_size)} → ${formatSize(change.new_size)}`;
}

/** `3 files, +41 −7`. */
export function formatCounts(counts: { files: number; additions: number; deletions: number }): string {
  return `${counts.files} ${counts.files === 1 ? 'file' : 'files'}, +${counts.additions} −${counts.deletions}`;
}

/** One file's line in a list: its counts or its binary sizes. */
export function describeCounts(change: ShownChange): string {
  return change.binary ? describeBinary(change) : `+${change.additions} −${change.deletions}`;
}

/** The kind as a short word, with where a renamed file came from. */
export function describeKind(change: ShownChange): string {
  return change.kind === 'renamed' ? `renamed from ${change.old_path}` : change.kind;
}
