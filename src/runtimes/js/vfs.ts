/**
 * The JavaScript runtime's file system: the shared directories as a Tree in the worker, with Node-style
 * errors, and each change reported as it happens (so a stopped run keeps what it wrote).
 */
import type { FileChange } from '../protocol';
import type { Tree } from '../tree';

/** A Node-style file-system error. */
export class FsError extends Error {
  constructor(
    readonly code: string,
    readonly syscall: string,
    readonly path: string,
  ) {
    super(`${code}: ${DESCRIPTIONS[code] ?? 'error'}, ${syscall} '${path}'`);
  }
}

const DESCRIPTIONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'illegal operation on a directory',
  ENOTDIR: 'not a directory',
  EEXIST: 'file already exists',
  ENOTEMPTY: 'directory not empty',
};

/** Normalise an absolute POSIX path. */
export function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function parentOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

/** Where changes go while a run is on. */
export interface VfsReporter {
  file(change: FileChange): void;
  removed(path: string): void;
}

/** File operations over a Tree, relative paths resolved against `cwd`. */
export class Vfs {
  readonly #mtimes = new Map<string, number>();

  constructor(
    private readonly tree: Tree,
    private readonly cwd: string,
    private readonly report: VfsReporter,
  ) {}

  resolve(path: string): string {
    return normalize(path.startsWith('/') ? path : `${this.cwd}/${path}`);
  }

  #isDir(path: string): boolean {
    return path === '/' || this.tree.dirs.has(path) || [...this.tree.dirs].some((dir) => dir.startsWith(`${path}/`));
  }

  exists(path: string): boolean {
    const absolute = this.resolve(path);
    return this.tree.files.has(absolute) || this.#isDir(absolute);
  }

  read(path: string, syscall = 'open'): Uint8Array {
    const absolute = this.resolve(path);
    const data = this.tree.files.get(absolute);
    if (data !== undefined) return data;
    throw new FsError(this.#isDir(absolute) ? 'EISDIR' : 'ENOENT', syscall, path);
  }

  write(path: string, data: Uint8Array, append = false): void {
    const absolute = this.resolve(path);
    if (this.#isDir(absolute)) throw new FsError('EISDIR', 'open', path);
    if (!this.#isDir(parentOf(absolute))) throw new FsError('ENOENT', 'open', path);
    const old = append ? this.tree.files.get(absolute) : undefined;
    const next = old === undefined ? data.slice() : concat(old, data);
    this.tree.files.set(absolute, next);
    this.#mtimes.set(absolute, Date.now());
    this.report.file({ path: absolute, data: next });
  }

  stat(path: string): { type: 'file' | 'dir'; size: number; mtimeMs: number } {
    const absolute = this.resolve(path);
    const data = this.tree.files.get(absolute);
    const mtimeMs = this.#mtimes.get(absolute) ?? 0;
    if (data !== undefined) return { type: 'file', size: data.length, mtimeMs };
    if (this.#isDir(absolute)) return { type: 'dir', size: 4096, mtimeMs };
    throw new FsError('ENOENT', 'stat', path);
  }

  readdir(path: string): string[] {
    const absolute = this.resolve(path);
    if (this.tree.files.has(absolute)) throw new FsError('ENOTDIR', 'scandir', path);
    if (!this.#isDir(absolute)) throw new FsError('ENOENT', 'scandir', path);
    const prefix = absolute === '/' ? '/' : `${absolute}/`;
    const names = new Set<string>();
    for (const entry of [...this.tree.files.keys(), ...this.tree.dirs]) {
      if (entry.startsWith(prefix) && entry.length > prefix.length) names.add(entry.slice(prefix.length).split('/')[0]);
    }
    return [...names].sort();
  }

  mkdir(path: string, recursive: boolean): void {
    const absolute = this.resolve(path);
    if (this.tree.files.has(absolute)) throw new FsError('EEXIST', 'mkdir', path);
    if (this.#isDir(absolute)) {
      if (recursive) return;
      throw new FsError('EEXIST', 'mkdir', path);
    }
    if (!recursive && !this.#isDir(parentOf(absolute))) throw new FsError('ENOENT', 'mkdir', path);
    for (let dir = absolute; dir !== '/' && !this.tree.dirs.has(dir); dir = parentOf(dir)) this.tree.dirs.add(dir);
  }

  rm(path: string, options: { recursive: boolean; force: boolean; dirOnly?: boolean; fileOnly?: boolean }): void {
    const absolute = this.resolve(path);
    if (this.tree.files.has(absolute)) {
      if (options.dirOnly) throw new FsError('ENOTDIR', 'rmdir', path);
      this.tree.files.delete(absolute);
      this.report.removed(absolute);
      return;
    }
    if (!this.#isDir(absolute)) {
      if (options.force) return;
      throw new FsError('ENOENT', options.dirOnly ? 'rmdir' : options.fileOnly ? 'unlink' : 'rm', path);
    }
    if (options.fileOnly) throw new FsError('EISDIR', 'unlink', path);
    const inside = this.readdir(absolute);
    if (inside.length > 0 && !options.recursive) throw new FsError('ENOTEMPTY', 'rmdir', path);
    const prefix = `${absolute}/`;
    for (const file of [...this.tree.files.keys()]) if (file.startsWith(prefix)) this.tree.files.delete(file);
    for (const dir of [...this.tree.dirs]) if (dir === absolute || dir.startsWith(prefix)) this.tree.dirs.delete(dir);
    this.report.removed(absolute);
  }

  rename(from: string, to: string): void {
    const source = this.resolve(from);
    const data = this.tree.files.get(source);
    if (data === undefined) throw new FsError('ENOENT', 'rename', from);
    this.rm(from, { recursive: false, force: false, fileOnly: true });
    this.write(to, data);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
