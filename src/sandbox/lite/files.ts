/** The lite sandbox's file operations on just-bash's file system; paths are checked against the work dir. */
import { SandboxError } from '../../core/errors';
import { parentOf, relativeToWorkdir, resolveInWorkdir } from '../paths';
import { ancestorsOf, type ChangeLog } from '../../changes/change-log';
import type { WorkdirChanges } from '../../core/workdir';
import { WORKDIR, type FileEntry, type WorkdirSnapshot } from '../sandbox';
import { isExcluded } from '../zip';
import type { IFileSystem } from './engine';

const decoder = new TextDecoder();

/** Run a file-system call, turning its Node-style error into a SandboxError that names the path. */
async function attempt<T>(action: string, path: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof SandboxError) throw error;
    throw new SandboxError(`Could not ${action} ${JSON.stringify(path)}: ${describeFsError(error)}`);
  }
}

function describeFsError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('ENOENT')) return 'no such file or directory.';
  if (message.startsWith('EISDIR')) return 'it is a directory.';
  if (message.startsWith('ENOTDIR')) return 'a parent of it is a file, not a directory.';
  if (message.startsWith('EEXIST')) return 'something already exists there.';
  if (message.startsWith('ENOTEMPTY')) return 'the directory is not empty (remove it with recursive: true).';
  return message;
}

const byPath = (a: FileEntry, b: FileEntry): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** File operations of the lite sandbox. */
export class LiteFiles {
  constructor(private readonly fs: IFileSystem) {}

  async readFile(path: string): Promise<Uint8Array> {
    const absolute = resolveInWorkdir(path);
    // just-bash hands out its own buffer: copy it so callers cannot change the file by accident
    return attempt('read', path, async () => (await this.fs.readFileBuffer(absolute)).slice());
  }

  async readTextFile(path: string): Promise<string> {
    const absolute = resolveInWorkdir(path);
    return decoder.decode(await attempt('read', path, () => this.fs.readFileBuffer(absolute)));
  }

  async writeFile(path: string, content: string | Uint8Array): Promise<void> {
    const absolute = resolveInWorkdir(path);
    if (absolute === WORKDIR) throw new SandboxError(`Cannot write to the work dir itself: name a file in it.`);
    await attempt('write', path, async () => {
      await this.fs.mkdir(parentOf(absolute), { recursive: true });
      await this.fs.writeFile(absolute, typeof content === 'string' ? content : content.slice());
    });
  }

  async exists(path: string): Promise<boolean> {
    return this.fs.exists(resolveInWorkdir(path));
  }

  async remove(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    const absolute = resolveInWorkdir(path);
    if (absolute === WORKDIR) throw new SandboxError('Refusing to remove the work dir itself: remove what is in it.');
    await attempt('remove', path, () => this.fs.rm(absolute, { recursive: options.recursive ?? false }));
  }

  async rename(from: string, to: string): Promise<void> {
    const source = resolveInWorkdir(from);
    const target = resolveInWorkdir(to);
    if (source === WORKDIR || target === WORKDIR) throw new SandboxError('Cannot rename the work dir itself.');
    await attempt('rename', from, async () => {
      if (!(await this.fs.exists(source))) throw new Error('ENOENT');
      await this.fs.mkdir(parentOf(target), { recursive: true });
      await this.fs.mv(source, target);
    });
  }

  async list(path = '', options: { recursive?: boolean } = {}): Promise<FileEntry[]> {
    const absolute = resolveInWorkdir(path);
    const entries: FileEntry[] = [];
    await attempt('list', path || '.', () => this.#walk(absolute, options.recursive ?? true, entries));
    return entries.sort(byPath);
  }

  /** Entries under `dir`; what `skip` says is neither listed nor entered. */
  async #walk(dir: string, recursive: boolean, into: FileEntry[], skip?: (path: string) => boolean): Promise<void> {
    for (const name of await this.fs.readdir(dir)) {
      const absolute = `${dir}/${name}`;
      if (skip?.(relativeToWorkdir(absolute))) continue;
      const stat = await this.fs.stat(absolute).catch(() => undefined); // a dangling link: list it as a file
      const path = relativeToWorkdir(absolute);
      if (stat?.isDirectory) {
        into.push({ path, type: 'dir' });
        const isLink = (await this.fs.lstat(absolute)).isSymbolicLink;
        if (recursive && !isLink) await this.#walk(absolute, recursive, into, skip);
      } else {
        into.push({ path, type: 'file', size: stat?.size ?? 0 });
      }
    }
  }

  /** The work dir as data: every file's bytes and permission bits, every directory, but what `excludes` leave out. */
  async snapshot(excludes: readonly string[] = []): Promise<WorkdirSnapshot> {
    const entries: FileEntry[] = [];
    const skip = (path: string) => isExcluded(path, excludes);
    await attempt('list', '.', () => this.#walk(WORKDIR, true, entries, skip));
    return this.#read(entries);
  }

  /**
   * What changed since `since` (a cursor of `log`), read from the work dir: only the changed roots, or all of
   * it when the log cannot tell. The cursor is taken before reading, so a change made meanwhile is read again.
   */
  async changes(log: ChangeLog, since: string | undefined, excludes: readonly string[] = []): Promise<WorkdirChanges> {
    const cursor = log.cursor;
    const changed = log.since(since);
    if (changed === undefined) return { ...(await this.snapshot(excludes)), roots: [''], cursor };
    const roots = changed.filter((root) => !isExcluded(root, excludes));
    const skip = (path: string) => isExcluded(path, excludes);
    // an excluded root's new parents are not excluded (`touch a/node_modules` makes `a`)
    const dirsAbove = new Set<string>();
    for (const dir of new Set(changed.flatMap(ancestorsOf))) {
      if ((await this.fs.stat(`${WORKDIR}/${dir}`).catch(() => undefined))?.isDirectory) dirsAbove.add(dir);
    }
    const entries: FileEntry[] = [...dirsAbove].filter((dir) => !skip(dir)).map((path) => ({ path, type: 'dir' as const }));
    for (const root of roots) {
      // a path whose parents are not all there is not in the tree (just-bash can leave such an entry behind)
      if (!ancestorsOf(root).every((dir) => dirsAbove.has(dir))) continue;
      await attempt('list', root || '.', () => this.#walkRoot(root, entries, skip));
    }
    return { ...(await this.#read(entries)), roots, cursor };
  }

  /** `root` itself (when it exists) and, for a directory, everything under it. */
  async #walkRoot(root: string, into: FileEntry[], skip: (path: string) => boolean): Promise<void> {
    if (root === '') return this.#walk(WORKDIR, true, into, skip);
    const absolute = `${WORKDIR}/${root}`;
    const stat = await this.fs.stat(absolute).catch(() => undefined);
    if (!stat) return;
    if (!stat.isDirectory) return void into.push({ path: root, type: 'file', size: stat.size });
    into.push({ path: root, type: 'dir' });
    if (!(await this.fs.lstat(absolute)).isSymbolicLink) await this.#walk(absolute, true, into, skip);
  }

  /** The listed entries as snapshot data, sorted by path (dangling links carry no data and are left out). */
  async #read(entries: FileEntry[]): Promise<WorkdirSnapshot> {
    const snapshot: WorkdirSnapshot = { files: [], dirs: [] };
    for (const entry of entries.sort(byPath)) {
      const absolute = `${WORKDIR}/${entry.path}`;
      if (entry.type === 'dir') {
        snapshot.dirs.push(entry.path);
        continue;
      }
      const stat = await this.fs.stat(absolute).catch(() => undefined);
      if (!stat?.isFile) continue;
      // a copy in a buffer of its own: a Node-style Buffer (git writes them) slices to a view of the file
      // system's memory, which the lite worker would then transfer away
      const data = new Uint8Array(await this.fs.readFileBuffer(absolute));
      snapshot.files.push({ path: entry.path, data, mode: stat.mode & 0o7777 });
    }
    return snapshot;
  }

  /** Replace the work dir's contents with the snapshot's. */
  async restore(snapshot: WorkdirSnapshot): Promise<void> {
    for (const name of await this.fs.readdir(WORKDIR)) {
      await this.fs.rm(`${WORKDIR}/${name}`, { recursive: true, force: true });
    }
    for (const dir of snapshot.dirs) await this.fs.mkdir(resolveInWorkdir(dir), { recursive: true });
    for (const file of snapshot.files) {
      const absolute = resolveInWorkdir(file.path);
      await this.fs.mkdir(parentOf(absolute), { recursive: true });
      await this.fs.writeFile(absolute, file.data.slice());
      if (file.mode !== undefined) await this.fs.chmod(absolute, file.mode);
    }
  }
}
