/**
 * The file system git works on, in the promise shape isomorphic-git takes, and an adapter from the lite
 * sandbox's file system (just-bash's IFileSystem, seen here only by its shape) to it. Node's `fs` fits as is.
 */
import type { PromiseFsClient } from './iso';

/** A file system git can use: Node's `fs`, or `fromBashFs(...)`. */
export type GitFs = PromiseFsClient;

/** The part of just-bash's IFileSystem the adapter needs. */
export interface BashLikeFs {
  readFileBuffer(path: string): Promise<Uint8Array>;
  writeFile(path: string, content: string | Uint8Array): Promise<void>;
  stat(path: string): Promise<BashStat>;
  lstat(path: string): Promise<BashStat>;
  mkdir(path: string, options?: { recursive?: boolean }): Promise<void>;
  readdir(path: string): Promise<string[]>;
  rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void>;
  readlink(path: string): Promise<string>;
  symlink(target: string, linkPath: string): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  /** Every path on the file system (just-bash's readdir scans them all, so one pass beats a walk). */
  getAllPaths?(): string[];
}

/** What just-bash's stat returns. */
export interface BashStat {
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
  mode: number;
  size: number;
  mtime: Date;
}

/** A Node-like stat, as isomorphic-git reads it. */
export interface NodeLikeStat {
  mode: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  dev: number;
  uid: number;
  gid: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/** just-bash's errors carry their code only in the message ("ENOENT: …"); isomorphic-git reads `code`. */
function withCode(error: unknown): never {
  if (error instanceof Error && !('code' in error)) {
    const code = /^([A-Z]+):/.exec(error.message)?.[1];
    if (code) Object.assign(error, { code });
  }
  throw error;
}

async function coded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    return withCode(error);
  }
}

/** A stat call with one promise, not three: a status of 10 000 files makes 10 000 of them. */
function statWith(call: (path: string) => Promise<BashStat>): (path: string) => Promise<NodeLikeStat> {
  return (path) => {
    try {
      return call(path).then(toNodeStat, withCode);
    } catch (error) {
      return Promise.reject(error).catch(withCode);
    }
  };
}

/** A Node-like stat over just-bash's (its methods on a shared prototype: no closures per file). */
class LiteStat implements NodeLikeStat {
  readonly mode: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino = 0;
  readonly dev = 0;
  readonly uid = 0;
  readonly gid = 0;
  readonly #type: number;
  constructor(stat: BashStat) {
    this.#type = stat.isSymbolicLink ? S_IFLNK : stat.isDirectory ? S_IFDIR : S_IFREG;
    this.mode = this.#type | (stat.mode & 0o7777);
    this.size = stat.size;
    this.mtimeMs = this.ctimeMs = stat.mtime.getTime();
  }
  isFile(): boolean {
    return this.#type === S_IFREG;
  }
  isDirectory(): boolean {
    return this.#type === S_IFDIR;
  }
  isSymbolicLink(): boolean {
    return this.#type === S_IFLNK;
  }
}

function toNodeStat(stat: BashStat): NodeLikeStat {
  return new LiteStat(stat);
}

const decoder = new TextDecoder();

/** A file system that can list every path at once (the lite one): walks use it instead of readdir. */
export interface AllPaths {
  allPaths(): string[];
}

/** A file system that can stat every path at once (the lite one): the status walk looks stats up. */
export interface AllStats {
  allStats(): ((path: string) => NodeLikeStat | undefined) | undefined;
}

/** The one-pass stats, when the file system has them. */
export function allStatsOf(fs: GitFs): AllStats | undefined {
  const promises = fs.promises as unknown as Partial<AllStats>;
  return typeof promises.allStats === 'function' ? (promises as AllStats) : undefined;
}

/** The one-pass listing, when the file system has it. */
export function allPathsOf(fs: GitFs): AllPaths | undefined {
  const promises = fs.promises as unknown as Partial<AllPaths>;
  return typeof promises.allPaths === 'function' ? (promises as AllPaths) : undefined;
}

/**
 * isomorphic-git's fs over the lite sandbox's file system; `allStats`, when given, answers every path's lstat
 * at once (from the sandbox's memory), which the status walk uses instead of one call per file.
 */
export function fromBashFs(fs: BashLikeFs, options: { allStats?: () => Map<string, BashStat> | undefined } = {}): GitFs {
  const promises = {
    async readFile(path: string, options?: { encoding?: string } | string): Promise<Uint8Array | string> {
      const bytes = await coded(() => fs.readFileBuffer(path));
      const encoding = typeof options === 'string' ? options : options?.encoding;
      return encoding === 'utf8' || encoding === 'utf-8' ? decoder.decode(bytes) : bytes;
    },
    async writeFile(path: string, data: Uint8Array | string, options?: { mode?: number } | string): Promise<void> {
      await coded(() => fs.writeFile(path, data));
      const mode = typeof options === 'object' ? options?.mode : undefined;
      if (mode !== undefined) await coded(() => fs.chmod(path, mode));
    },
    unlink: (path: string) => coded(() => fs.rm(path)),
    readdir: (path: string) => coded(() => fs.readdir(path)),
    async mkdir(path: string): Promise<void> {
      await coded(() => fs.mkdir(path));
    },
    rmdir: (path: string) => coded(() => fs.rm(path)),
    stat: statWith((path) => fs.stat(path)),
    lstat: statWith((path) => fs.lstat(path)),
    readlink: (path: string) => coded(() => fs.readlink(path)),
    symlink: (target: string, path: string) => coded(() => fs.symlink(target, path)),
    chmod: (path: string, mode: number) => coded(() => fs.chmod(path, mode)),
    ...(fs.getAllPaths ? { allPaths: () => fs.getAllPaths!() } : {}),
    ...(options.allStats && {
      allStats: () => {
        const stats = options.allStats!();
        return stats && ((path: string) => {
          const stat = stats.get(path);
          return stat && toNodeStat(stat);
        });
      },
    }),
  };
  return { promises } as unknown as GitFs;
}
