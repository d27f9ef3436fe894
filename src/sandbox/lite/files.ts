/** The lite sandbox's file operations on just-bash's file system; paths are checked against the work dir. */
import { SandboxError } from '../../core/errors';
import { parentOf, relativeToWorkdir, resolveInWorkdir } from '../paths';
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
    const snapshot: WorkdirSnapshot = { files: [], dirs: [] };
    const entries: FileEntry[] = [];
    const skip = (path: string) => isExcluded(path, excludes);
    await attempt('list', '.', () => this.#walk(WORKDIR, true, entries, skip));
    for (const entry of entries.sort(byPath)) {
      const absolute = `${WORKDIR}/${entry.path}`;
      if (entry.type === 'dir') {
        snapshot.dirs.push(entry.path);
        continue;
      }
      const stat = await this.fs.stat(absolute).catch(() => undefined);
      if (!stat?.isFile) continue; // dangling links carry no data
      const data = (await this.fs.readFileBuffer(absolute)).slice();
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
