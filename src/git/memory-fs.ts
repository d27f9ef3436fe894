/**
 * A small in-memory file system in the shape git needs, for building a repository on the page before it is
 * written into the sandbox in one go (so a failed open leaves nothing half-written).
 */
import type { GitFs } from './fs';

type Node = { kind: 'dir' } | { kind: 'file'; bytes: Uint8Array; mode: number; mtimeMs: number } | { kind: 'link'; target: string };

function fail(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}

/** `/a/./b/../c/` → `/a/c` (isomorphic-git asks for `dir/.` and the like). */
function norm(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A Map of paths with a GitFs face; `files()` lists what was written. */
export class MemoryFs {
  readonly #nodes = new Map<string, Node>([['/', { kind: 'dir' }]]);

  /** Every file (absolute path → bytes), symlinks left out. */
  files(): Map<string, Uint8Array> {
    const out = new Map<string, Uint8Array>();
    for (const [path, node] of this.#nodes) if (node.kind === 'file') out.set(path, node.bytes);
    return out;
  }

  /** Every folder (absolute path), the root left out. */
  dirs(): string[] {
    return [...this.#nodes].filter(([path, node]) => node.kind === 'dir' && path !== '/').map(([path]) => path);
  }

  /** The mode of a file (0o100644, 0o100755 …), undefined for what is not a file. */
  modeOf(path: string): number | undefined {
    const node = this.#nodes.get(path);
    return node?.kind === 'file' ? node.mode : undefined;
  }

  /** A file system holding `files` (paths relative to `root`) and `dirs`, e.g. a work dir's snapshot. */
  static from(root: string, files: readonly { path: string; data: Uint8Array; mode?: number }[], dirs: readonly string[] = []): MemoryFs {
    const memory = new MemoryFs();
    const mkdirs = (path: string) => {
      let current = '';
      for (const part of path.split('/').filter(Boolean)) {
        current += `/${part}`;
        if (!memory.#nodes.has(current)) memory.#nodes.set(current, { kind: 'dir' });
      }
    };
    mkdirs(root);
    for (const dir of dirs) mkdirs(`${root}/${dir}`);
    for (const file of files) {
      const full = `${root}/${file.path}`;
      mkdirs(full.slice(0, full.lastIndexOf('/')));
      const mode = file.mode !== undefined && (file.mode & 0o111) !== 0 ? 0o100755 : 0o100644;
      memory.#nodes.set(full, { kind: 'file', bytes: file.data, mode, mtimeMs: 0 });
    }
    return memory;
  }

  #get(path: string): Node {
    const node = this.#nodes.get(path);
    if (!node) throw fail('ENOENT', path);
    return node;
  }

  #stat(path: string) {
    const node = this.#get(path);
    const mode = node.kind === 'dir' ? 0o040755 : node.kind === 'link' ? 0o120000 : node.mode;
    const size = node.kind === 'file' ? node.bytes.length : node.kind === 'link' ? node.target.length : 0;
    const mtimeMs = node.kind === 'file' ? node.mtimeMs : 0;
    return {
      mode, size, mtimeMs, ctimeMs: mtimeMs, ino: 0, dev: 0, uid: 0, gid: 0,
      isFile: () => node.kind === 'file',
      isDirectory: () => node.kind === 'dir',
      isSymbolicLink: () => node.kind === 'link',
    };
  }

  /** The GitFs view. */
  get fs(): GitFs {
    const promises = {
      readFile: async (path: string, options?: { encoding?: string } | string) => {
        const node = this.#get(path);
        if (node.kind !== 'file') throw fail('EISDIR', path);
        const encoding = typeof options === 'string' ? options : options?.encoding;
        return encoding === 'utf8' ? decoder.decode(node.bytes) : node.bytes;
      },
      writeFile: async (path: string, data: Uint8Array | string, options?: { mode?: number } | string) => {
        if (this.#nodes.get(parentOf(path))?.kind !== 'dir') throw fail('ENOENT', path);
        const mode = typeof options === 'object' && options?.mode ? 0o100000 | options.mode : 0o100644;
        this.#nodes.set(path, { kind: 'file', bytes: typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data), mode, mtimeMs: Date.now() });
      },
      unlink: async (path: string) => {
        if (this.#get(path).kind === 'dir') throw fail('EISDIR', path);
        this.#nodes.delete(path);
      },
      readdir: async (path: string) => {
        if (this.#get(path).kind !== 'dir') throw fail('ENOTDIR', path);
        const prefix = path === '/' ? '/' : `${path}/`;
        return [...this.#nodes.keys()].filter((p) => p !== path && p.startsWith(prefix) && !p.slice(prefix.length).includes('/')).map((p) => p.slice(prefix.length));
      },
      mkdir: async (path: string) => {
        if (this.#nodes.has(path)) throw fail('EEXIST', path);
        if (this.#nodes.get(parentOf(path))?.kind !== 'dir') throw fail('ENOENT', path);
        this.#nodes.set(path, { kind: 'dir' });
      },
      rmdir: async (path: string) => {
        this.#get(path);
        this.#nodes.delete(path);
      },
      stat: async (path: string) => this.#stat(path),
      lstat: async (path: string) => this.#stat(path),
      readlink: async (path: string) => {
        const node = this.#get(path);
        if (node.kind !== 'link') throw fail('EINVAL', path);
        return node.target;
      },
      symlink: async (target: string, path: string) => {
        this.#nodes.set(path, { kind: 'link', target });
      },
      allPaths: () => [...this.#nodes.keys()],
      chmod: async (path: string, mode: number) => {
        const node = this.#get(path);
        if (node.kind === 'file') node.mode = 0o100000 | (mode & 0o777);
      },
    };
    const normalized = Object.fromEntries(
      Object.entries(promises).map(([name, method]) => [
        name,
        name === 'symlink'
          ? async (target: string, path: string) => promises.symlink(target, norm(path))
          : name === 'allPaths'
            ? method
            : // async: isomorphic-git tells a promise fs by calling readFile() with nothing and getting a promise
              async (path: string, ...rest: unknown[]) => (method as (path: string, ...rest: unknown[]) => unknown)(norm(String(path)), ...rest),
      ]),
    );
    return { promises: normalized } as unknown as GitFs;
  }
}
