/** What changed in a work dir: per-file changes with line counts, rename detection, git-style patches. */
export { diffTrees, formatTotals, gitMode, totalsOf, type FileSet } from './tree-diff';
export { gitPatch, filePatch, quotePath } from './git-patch';
export { lineDiff, splitLines } from './line-diff';
export { decodeText, formatSize, isBinary } from './content';
export type { ChangeKind, ChangeTotals, FileChange, Hunk, TreeFile } from './types';
