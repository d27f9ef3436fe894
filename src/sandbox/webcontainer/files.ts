/**
 * Files through the WebContainer `fs` (paths relative to the work dir). It has no stat, lstat or unlink:
 * whether a path exists and what it is comes from reading its parent directory with file types.
 */
import { SandboxError } from '../../core/errors';
import { parentOf, relativeToWorkdir, resolveInWorkdir } from '../paths';
import { WORKDIR, type FileEntry, type WorkdirSnapshot } from '../sandbox';
import type { WcDirent, WcFileSystem, WcTree } from './port';
import { REBUILDABLE_FOLDERS } from '../rebuildable';

/** The fs path (relative to the work dir, `.` for the work dir) of a port path. */
export function fsPath(path: string): string {
  return relativeToWorkdir(resolveInWorkdir(path)) || '.';
}

/** What is at `path`: a file, a directory, or nothing. */
export async function kindOf(fs: WcFileSystem, path: string): Promise<'file' | 'dir' | undefined> {
  const absolute = resolveInWorkdir(path);
  const relative = relativeToWorkdir(absolute);
  if (relative === '') return 'dir';
  const parent = relativeToWorkdir(parentOf(absolute)) || '.';
  const name = absolute.slice(absolute.lastIndexOf('/') + 1);
  let entries: WcDirent[];
  try {
    entries = await fs.readdir(parent, { withFileTypes: true });
  } catch {
    return undefined; // the parent does not exist (or is a file): neither does the path
  }
  const entry = entries.find((candidate) => candidate.name === name);
  if (!entry) return undefined;
  return entry.isDirectory() ? 'dir' : 'file';
}

/** Write a file, creating its parent directories. */
export async function writeFileAt(fs: WcFileSystem, path: string, content: string | Uint8Array): Promise<void> {
  const absolute = resolveInWorkdir(path);
  const parent = relativeToWorkdir(parentOf(absolute));
  await wrap(`write ${path}`, async () => {
    if (parent !== '') await fs.mkdir(parent, { recursive: true });
    await fs.writeFile(relativeToWorkdir(absolute), content);
  });
}

/**
 * Entries under `path`, depth first, directories before their contents, names sorted. Folders are read in
 * parallel (one readdir round trip per folder, all of a level at once); rebuildable folders (node_modules) are
 * listed but not entered unless the listing starts inside one; files are not read, so entries carry no size
 * (the WebContainer fs has no stat).
 */
export async function listEntries(fs: WcFileSystem, path: string, recursive: boolean): Promise<FileEntry[]> {
  const kind = await kindOf(fs, path);
  if (kind === undefined) throw new SandboxError(`${path} does not exist: list a directory that does.`);
  const start = relativeToWorkdir(resolveInWorkdir(path));
  if (kind === 'file') return [{ path: start, type: 'file' }];
  return walk(fs, start, recursive);
}

async function walk(fs: WcFileSystem, dir: string, recursive: boolean): Promise<FileEntry[]> {
  const entries = await wrap(`list ${dir || '.'}`, () => fs.readdir(dir || '.', { withFileTypes: true }));
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const parts = await Promise.all(
    sorted.map(async (entry): Promise<FileEntry[]> => {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (!entry.isDirectory()) return [{ path, type: 'file' }];
      const enter = recursive && !(entry.name in REBUILDABLE_FOLDERS);
      return [{ path, type: 'dir' }, ...(enter ? await walk(fs, path, recursive) : [])];
    }),
  );
  return parts.flat();
}

/** Remove a file or directory; a directory needs `recursive` unless it is empty. */
export async function removeAt(fs: WcFileSystem, path: string, recursive: boolean): Promise<void> {
  const kind = await kindOf(fs, path);
  if (kind === undefined) throw new SandboxError(`${path} does not exist: nothing was removed.`);
  if (fsPath(path) === '.') throw new SandboxError('The work dir itself cannot be removed: remove what is inside it.');
  if (kind === 'dir' && !recursive && (await fs.readdir(fsPath(path), { withFileTypes: true })).length > 0) {
    throw new SandboxError(`${path} is a directory that is not empty: remove it with recursive: true.`);
  }
  await wrap(`remove ${path}`, () => fs.rm(fsPath(path), { recursive: kind === 'dir' }));
}

/** Rename (move) a file or directory, creating the target's parent directories. */
export async function renameAt(fs: WcFileSystem, from: string, to: string): Promise<void> {
  if ((await kindOf(fs, from)) === undefined) throw new SandboxError(`${from} does not exist: nothing was renamed.`);
  const parent = relativeToWorkdir(parentOf(resolveInWorkdir(to)));
  await wrap(`rename ${from} to ${to}`, async () => {
    if (parent !== '') await fs.mkdir(parent, { recursive: true });
    await fs.rename(fsPath(from), fsPath(to));
  });
}

/** Empty the work dir (before a restore). */
export async function clearWorkdir(fs: WcFileSystem): Promise<void> {
  const entries = await wrap('list the work dir', () => fs.readdir('.', { withFileTypes: true }));
  for (const entry of entries) await wrap(`remove ${entry.name}`, () => fs.rm(entry.name, { recursive: true, force: true }));
}

/** A `json` export of the work dir as the portable snapshot. Symlinks are not kept (the port has no place for them). */
export function treeToSnapshot(tree: WcTree): WorkdirSnapshot {
  const snapshot: WorkdirSnapshot = { files: [], dirs: [] };
  const visit = (node: WcTree, prefix: string) => {
    for (const name of Object.keys(node).sort()) {
      const entry = node[name];
      const path = prefix === '' ? name : `${prefix}/${name}`;
      if ('directory' in entry) {
        snapshot.dirs.push(path);
        visit(entry.directory, path);
      } else if ('contents' in entry.file) {
        const contents = entry.file.contents;
        snapshot.files.push({ path, data: typeof contents === 'string' ? new TextEncoder().encode(contents) : contents });
      }
    }
  };
  visit(tree, '');
  return snapshot;
}

/** The portable snapshot as a tree to `mount`. */
export function snapshotToTree(snapshot: WorkdirSnapshot): WcTree {
  const root: WcTree = {};
  const dirOf = (path: string): WcTree => {
    let node = root;
    for (const part of path.split('/').filter(Boolean)) {
      const existing = node[part];
      if (existing === undefined || !('directory' in existing)) node[part] = { directory: {} };
      node = (node[part] as { directory: WcTree }).directory;
    }
    return node;
  };
  for (const dir of snapshot.dirs) dirOf(dir);
  for (const file of snapshot.files) {
    const cut = file.path.lastIndexOf('/');
    dirOf(cut === -1 ? '' : file.path.slice(0, cut))[file.path.slice(cut + 1)] = { file: { contents: file.data } };
  }
  return root;
}

/**
 * Excludes as globs for WebContainer's `export`, which leaves the matches unread. Its docs say only "globbing
 * patterns" (api.md, ExportOptions); whether they match paths relative to the exported folder or absolute ones,
 * and whether `*`/`**` match names that start with a dot, is not said, and the matcher runs inside StackBlitz's
 * iframe. So the globs cover both readings without ever matching more than meant — relative forms, and the
 * same anchored at the work dir; dot entries inside an excluded folder named explicitly — and the adapter
 * filters what comes back itself (`isExcluded`), so a reading these miss only costs transfer, never a leak.
 * A bare name matches at any depth, a path with a slash is a prefix at the work dir's top.
 */
export function excludeGlobs(excludes: string[]): string[] {
  return excludes.flatMap((exclude) => {
    const trimmed = exclude.replace(/^\.?\/+|\/+$/g, '');
    if (trimmed === '') return [];
    if (/[*?[\]{}]/.test(trimmed)) return [trimmed];
    const under = (base: string) => [base, `${base}/**`, `${base}/**/.*`, `${base}/**/.*/**`];
    if (trimmed.includes('/')) return [...under(trimmed), ...under(`${WORKDIR}/${trimmed}`)];
    return [...under(trimmed), ...under(`**/${trimmed}`)];
  });
}

async function wrap<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof SandboxError) throw error;
    throw new SandboxError(`Could not ${what}: ${(error as Error).message ?? String(error)}`);
  }
}
