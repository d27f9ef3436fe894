/** A runtime's view of the shared directories: file bytes by path and the directories, with diffs between two views. */
import type { FileSync } from './protocol';

/** Files and directories by absolute path. */
export interface Tree {
  files: Map<string, Uint8Array>;
  dirs: Set<string>;
}

/** An empty tree. */
export function emptyTree(): Tree {
  return { files: new Map(), dirs: new Set() };
}

/** True when both byte arrays hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What turns `before` into `after`: changed and new files, removed files and directories, new directories. */
export function diffTrees(before: Tree, after: Tree): FileSync {
  const files = [...after.files]
    .filter(([path, data]) => {
      const old = before.files.get(path);
      return old === undefined || !sameBytes(old, data);
    })
    .map(([path, data]) => ({ path, data }));
  const removed = [
    ...[...before.files.keys()].filter((path) => !after.files.has(path)),
    ...[...before.dirs].filter((dir) => !after.dirs.has(dir)),
  ];
  const dirs = [...after.dirs].filter((dir) => !before.dirs.has(dir)).sort();
  return { files, removed, dirs };
}

/** Apply a sync to a tree in place: removals first (a removed directory takes what is under it), then the rest. */
export function applyToTree(tree: Tree, sync: FileSync): void {
  for (const path of sync.removed) {
    tree.files.delete(path);
    tree.dirs.delete(path);
    const prefix = `${path}/`;
    for (const file of [...tree.files.keys()]) if (file.startsWith(prefix)) tree.files.delete(file);
    for (const dir of [...tree.dirs]) if (dir.startsWith(prefix)) tree.dirs.delete(dir);
  }
  for (const dir of sync.dirs) tree.dirs.add(dir);
  for (const file of sync.files) tree.files.set(file.path, file.data);
}

/** True when `path` is one of `roots` or inside one. */
export function underRoots(path: string, roots: readonly string[]): boolean {
  return roots.some((root) => path === root || path.startsWith(`${root}/`));
}
