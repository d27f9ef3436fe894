/**
 * Folders the project's own files can rebuild, with how: the one list that zip exports, stored step snapshots
 * and imports leave out by default (imports skip more: see DEFAULT_SKIP_REASONS).
 */
export const REBUILDABLE_FOLDERS: Readonly<Record<string, string>> = {
  node_modules: 'installed dependencies (reinstall them with npm install)',
};

/** Their names, as the `excludes` of `exportZip` and `snapshot` (matched at any depth). */
export const REBUILDABLE_EXCLUDES: readonly string[] = Object.keys(REBUILDABLE_FOLDERS);
