/**
 * Pyodide's (Emscripten's) file system as a Tree: apply the host's changes, read the shared directories back,
 * and report each write, removal and rename as it happens, so a stopped run still hands over what it wrote.
 */
import type { FileChange, FileSync } from '../protocol';
import { emptyTree, underRoots, type Tree } from '../tree';
import type { PyodideFs } from './pyodide';

/** The FS calls used here (a subset of Emscripten's FS object). */
interface EmFs {
  readdir(path: string): string[];
  lstat(path: string): { mode: number };
  isDir(mode: number): boolean;
  isFile(mode: number): boolean;
  readFile(path: string): Uint8Array;
  writeFile(path: string, data: Uint8Array): void;
  mkdirTree(path: string): void;
  unlink(path: string): void;
  rmdir(path: string): void;
  analyzePath(path: string): { exists: boolean };
  close(stream: { path?: string; flags: number }): void;
  rename(from: string, to: string): void;
}

function em(fs: PyodideFs): EmFs {
  return fs as unknown as EmFs;
}

function removeTree(fs: EmFs, path: string): void {
  if (!fs.analyzePath(path).exists) return;
  if (!fs.isDir(fs.lstat(path).mode)) return fs.unlink(path);
  for (const name of fs.readdir(path)) if (name !== '.' && name !== '..') removeTree(fs, `${path}/${name}`);
  fs.rmdir(path);
}

function parent(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

/** Apply the host's changes to Pyodide's file system. */
export function applyToFs(pyFs: PyodideFs, sync: FileSync, roots: readonly string[]): void {
  const fs = em(pyFs);
  for (const path of sync.removed) removeTree(fs, path);
  for (const root of roots) fs.mkdirTree(root);
  for (const dir of sync.dirs) fs.mkdirTree(dir);
  for (const file of sync.files) {
    fs.mkdirTree(parent(file.path));
    fs.writeFile(file.path, file.data);
  }
}

/** The shared directories as they are in Pyodide's file system now. */
export function readFsTree(pyFs: PyodideFs, roots: readonly string[]): Tree {
  const fs = em(pyFs);
  const tree = emptyTree();
  const walk = (dir: string): void => {
    tree.dirs.add(dir);
    for (const name of fs.readdir(dir)) {
      if (name === '.' || name === '..') continue;
      const path = `${dir}/${name}`;
      const mode = fs.lstat(path).mode;
      if (fs.isDir(mode)) walk(path);
      else if (fs.isFile(mode)) tree.files.set(path, fs.readFile(path));
    }
  };
  for (const root of roots) if (fs.analyzePath(root).exists) walk(root);
  return tree;
}

/** Where changes are reported while a run is on. */
export interface ChangeReporter {
  roots(): readonly string[] | undefined;
  file(change: FileChange): void;
  removed(path: string): void;
}

const ACCESS_MODE = 3; // O_RDONLY 0, O_WRONLY 1, O_RDWR 2

/** Wrap FS.close, unlink and rename so each change under the shared roots is reported at once. */
export function reportChanges(pyFs: PyodideFs, reporter: ChangeReporter): void {
  const fs = em(pyFs);
  const close = fs.close.bind(fs);
  const unlink = fs.unlink.bind(fs);
  const rename = fs.rename.bind(fs);
  const shared = (path: string | undefined): path is string => {
    const roots = reporter.roots();
    return path !== undefined && roots !== undefined && underRoots(path, roots);
  };
  fs.close = (stream) => {
    close(stream);
    if ((stream.flags & ACCESS_MODE) !== 0 && shared(stream.path) && fs.analyzePath(stream.path).exists) {
      reporter.file({ path: stream.path, data: fs.readFile(stream.path) });
    }
  };
  fs.unlink = (path) => {
    unlink(path);
    if (shared(path)) reporter.removed(path);
  };
  fs.rename = (from, to) => {
    rename(from, to);
    if (shared(from)) reporter.removed(from);
    if (shared(to) && fs.isFile(fs.lstat(to).mode)) reporter.file({ path: to, data: fs.readFile(to) });
  };
}
