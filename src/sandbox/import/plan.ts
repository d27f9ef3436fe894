/**
 * Planning an import: every path checked, clutter and heavy folders left out, a single zip root
 * stripped, caps enforced and every byte read — all before anything is written.
 */
import { clutterMatch, safePath, singleRoot, skipMatch } from './paths';
import { formatBytes, ImportError, type ImportNote, type ResolvedImportOptions } from './types';

/** One entry of a source, before checks; `path` is as the source names it. */
export interface SourceEntry {
  path: string;
  kind: 'file' | 'dir' | 'symlink';
  size: number;
  mode?: number;
  /** Why it cannot be imported whatever its path (encrypted, unknown compression), if so. */
  unsupported?: string;
  read(): Promise<Uint8Array>;
}

/** A file ready to write. */
export interface PlannedFile {
  path: string;
  data: Uint8Array;
  mode?: number;
}

/** The outcome of planning: what to write, and what was left out. */
export interface ImportPlan {
  files: PlannedFile[];
  /** Folders that hold no imported file (created empty). */
  emptyDirs: string[];
  root?: string;
  skipped: ImportNote[];
  refused: ImportNote[];
}

interface Checked {
  entry: SourceEntry;
  path: string;
  dir: boolean;
}

/** Check, filter and read a source's entries. Throws ImportError for caps and damaged data. */
export async function planImport(
  entries: readonly SourceEntry[],
  options: ResolvedImportOptions & {
    stripRoot: boolean;
    skipHeavy: boolean;
    /** Told after each file is read: bytes read so far, of all the files to read. */
    onRead?: (done: number, total: number) => void;
  },
): Promise<ImportPlan> {
  const notes = new Notes();
  let checked = checkPaths(entries, notes);
  const root = options.stripRoot ? singleRoot(checked) : undefined;
  if (root !== undefined) {
    checked = checked
      .map((item) => ({ ...item, path: item.path === root ? '' : item.path.slice(root.length + 1) }))
      .filter((item) => item.path !== '');
  }
  const kept = checked.filter((item) => {
    const skip = options.skipHeavy ? skipMatch(item.path, options.skip) : undefined;
    if (skip) notes.skip(skip.path, skip.why);
    return !skip;
  });
  const files = kept.filter((item) => !item.dir && keepFile(item, options.maxFileBytes, notes));
  enforceCaps(files, options);
  const dirs = kept.filter((item) => item.dir).map((item) => item.path);
  const planned = await readAll(files, options.signal, options.onRead);
  const parents = new Set([...planned.map((file) => file.path), ...dirs].flatMap(parentsOf));
  const emptyDirs = [...new Set(dirs)].filter((dir) => !parents.has(dir));
  return { files: planned, emptyDirs: emptyDirs.sort(), root, ...notes.result() };
}

function checkPaths(entries: readonly SourceEntry[], notes: Notes): Checked[] {
  const out: Checked[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const safe = safePath(entry.path);
    if (!safe.ok) {
      notes.refuse(entry.path, safe.why);
      continue;
    }
    if (safe.path === '') continue;
    const clutter = clutterMatch(safe.path);
    if (clutter) notes.skip(clutter.path, clutter.why);
    else if (entry.kind === 'symlink') notes.refuse(entry.path, 'symbolic link (links are not imported: they could point outside the work dir)');
    else if (entry.unsupported) notes.refuse(entry.path, entry.unsupported);
    else if (seen.has(safe.path)) notes.refuse(entry.path, 'the archive holds this path twice; the first one was kept');
    else {
      seen.add(safe.path);
      out.push({ entry, path: safe.path, dir: safe.dir || entry.kind === 'dir' });
    }
  }
  return dropFileDirClashes(out, notes);
}

/** A file whose path is also a folder of other entries cannot be written: refuse the file. */
function dropFileDirClashes(items: Checked[], notes: Notes): Checked[] {
  const folders = new Set(items.flatMap((item) => [...parentsOf(item.path), ...(item.dir ? [item.path] : [])]));
  return items.filter((item) => {
    if (item.dir || !folders.has(item.path)) return true;
    notes.refuse(item.entry.path, 'a file and a folder have this same path');
    return false;
  });
}

function keepFile(item: Checked, maxFileBytes: number, notes: Notes): boolean {
  if (item.entry.size <= maxFileBytes) return true;
  notes.skip(item.path, `${formatBytes(item.entry.size)}, over the ${formatBytes(maxFileBytes)} limit for one file`);
  return false;
}

function enforceCaps(files: readonly Checked[], options: ResolvedImportOptions): void {
  if (files.length > options.maxFiles) {
    throw new ImportError(
      'too_many_files',
      `The project has ${files.length} files to import (after skipping heavy folders); the limit is ` +
        `${options.maxFiles}. Nothing was imported: import a smaller folder, or add folders to the skip list.`,
    );
  }
  const total = files.reduce((sum, item) => sum + item.entry.size, 0);
  if (total > options.maxTotalBytes) throw tooLarge(total, options.maxTotalBytes);
}

function tooLarge(total: number, cap: number): ImportError {
  return new ImportError(
    'too_large',
    `The project holds ${formatBytes(total)} to import (after skipping heavy folders); the limit is ` +
      `${formatBytes(cap)}. Nothing was imported: import a smaller folder, or add folders to the skip list.`,
  );
}

async function readAll(
  files: readonly Checked[],
  signal?: AbortSignal,
  onRead: (done: number, total: number) => void = () => {},
): Promise<PlannedFile[]> {
  const out: PlannedFile[] = [];
  const total = files.reduce((sum, item) => sum + item.entry.size, 0);
  let done = 0;
  onRead(done, total);
  for (const item of files) {
    signal?.throwIfAborted();
    out.push({ path: item.path, data: await item.entry.read(), mode: item.entry.mode });
    done += item.entry.size;
    onRead(done, total);
  }
  return out;
}

/** Every folder above `path`: "a/b/c" → ["a", "a/b"]. */
export function parentsOf(path: string): string[] {
  const out: string[] = [];
  for (let cut = path.indexOf('/'); cut > 0; cut = path.indexOf('/', cut + 1)) out.push(path.slice(0, cut));
  return out;
}

/** Skipped and refused paths, each named once (a skipped folder stands for everything under it). */
class Notes {
  #skipped = new Map<string, string>();
  #refused = new Map<string, string>();
  skip(path: string, why: string): void {
    if (!this.#skipped.has(path)) this.#skipped.set(path, why);
  }
  refuse(path: string, why: string): void {
    if (!this.#refused.has(path)) this.#refused.set(path, why);
  }
  result(): { skipped: ImportNote[]; refused: ImportNote[] } {
    const list = (map: Map<string, string>) => [...map].map(([path, why]) => ({ path, why }));
    return { skipped: list(this.#skipped), refused: list(this.#refused) };
  }
}
