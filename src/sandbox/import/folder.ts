/**
 * Turning what a browser hands over — an <input webkitdirectory> file list, a drop's entries, a
 * File System Access directory handle — into an ImportSource. Heavy folders are not descended into
 * (a drop or a handle can list node_modules' 100 000 files otherwise). Typed structurally, so tests
 * pass plain objects.
 */
import { skipMatch } from './paths';
import { DEFAULT_IMPORT_OPTIONS, ImportError, type ImportNote, type ImportSource, type PickedFile } from './types';

/** A File with the path the browser gives folder picks (`myproject/src/a.ts`). */
export type FolderFile = Blob & { name: string; webkitRelativePath?: string };

/** The part of the File and Directory Entries API a drop gives. */
export type DropEntry =
  | { isFile: true; isDirectory: false; name: string; file(ok: (file: File) => void, fail: (error: unknown) => void): void }
  | {
      isFile: false;
      isDirectory: true;
      name: string;
      createReader(): { readEntries(ok: (entries: DropEntry[]) => void, fail: (error: unknown) => void): void };
    };

/** The part of the File System Access API `showDirectoryPicker` gives. */
export type DirectoryHandle = {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<DirectoryHandle | { kind: 'file'; name: string; getFile(): Promise<File> }>;
};

/** How the walk decides what to leave out. */
export interface WalkOptions {
  skip?: readonly string[];
  /** Stop walking past this many files (the import cap says the rest). */
  maxFiles?: number;
}

/** The source for an `<input type="file" webkitdirectory>` pick: the picked folder's name is the root. */
export function sourceFromFileList(files: ArrayLike<FolderFile>): ImportSource | undefined {
  const list = Array.from(files);
  if (list.length === 0) return undefined;
  const paths = list.map((file) => (file.webkitRelativePath || file.name).replace(/\\/g, '/'));
  const tops = new Set(paths.map((path) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '')));
  const root = tops.size === 1 && !tops.has('') ? [...tops][0] : undefined;
  const picked = list.map((file, index) => ({
    path: root === undefined ? paths[index] : paths[index].slice(root.length + 1),
    data: file,
  }));
  return { kind: 'files', name: root ?? 'files', files: picked, ...(root !== undefined ? { root } : {}) };
}

/** True when `file` looks like a zip archive (by its name or type). */
export function isZipFile(file: { name: string; type?: string }): boolean {
  return /\.zip$/i.test(file.name) || file.type === 'application/zip' || file.type === 'application/x-zip-compressed';
}

/**
 * The source for dropped entries. One zip → a zip source; one folder → its contents (the folder is
 * the root); several items → each under its own name. Undefined when nothing usable was dropped.
 */
export async function sourceFromDrop(entries: readonly DropEntry[], options: WalkOptions = {}): Promise<ImportSource | undefined> {
  if (entries.length === 0) return undefined;
  const [first] = entries;
  if (entries.length === 1 && first.isFile && isZipFile(first)) {
    return { kind: 'zip', name: first.name, data: await fileOf(first) };
  }
  const walk = new Walk(options);
  if (entries.length === 1 && first.isDirectory) {
    await walk.dropDirectory(first, '');
    return { kind: 'files', name: first.name, root: first.name, files: walk.files, skipped: walk.skipped };
  }
  for (const entry of entries) await walk.dropEntry(entry, '');
  return { kind: 'files', name: 'dropped files', files: walk.files, skipped: walk.skipped };
}

/** The source for a `showDirectoryPicker()` handle: the folder is the root. */
export async function sourceFromDirectoryHandle(handle: DirectoryHandle, options: WalkOptions = {}): Promise<ImportSource> {
  const walk = new Walk(options);
  await walk.handle(handle, '');
  return { kind: 'files', name: handle.name, root: handle.name, files: walk.files, skipped: walk.skipped };
}

class Walk {
  files: PickedFile[] = [];
  skipped: ImportNote[] = [];
  #skip: readonly string[];
  #maxFiles: number;
  constructor(options: WalkOptions) {
    this.#skip = options.skip ?? DEFAULT_IMPORT_OPTIONS.skip;
    this.#maxFiles = options.maxFiles ?? DEFAULT_IMPORT_OPTIONS.maxFiles;
  }

  /** False (and noted) when `path` is a folder to leave out. */
  #enter(path: string): boolean {
    const skip = skipMatch(path, this.#skip);
    if (skip && skip.path === path) {
      this.skipped.push({ path, why: skip.why });
      return false;
    }
    return true;
  }

  #add(path: string, data: Blob): void {
    // One past the cap is enough for the import to say the project is too big.
    if (this.files.length > this.#maxFiles) return;
    this.files.push({ path, data });
  }

  async dropEntry(entry: DropEntry, prefix: string): Promise<void> {
    const path = prefix + entry.name;
    if (entry.isFile) this.#add(path, await fileOf(entry));
    else if (this.#enter(path)) await this.dropDirectory(entry, `${path}/`);
  }

  async dropDirectory(entry: Extract<DropEntry, { isDirectory: true }>, prefix: string): Promise<void> {
    const reader = entry.createReader();
    // readEntries hands out a batch at a time (100 in Chromium) until it returns none.
    for (;;) {
      const batch = await new Promise<DropEntry[]>((ok, fail) => reader.readEntries(ok, fail)).catch((error) => {
        throw readFailed(prefix || entry.name, error);
      });
      if (batch.length === 0) return;
      for (const child of batch) await this.dropEntry(child, prefix);
    }
  }

  async handle(dir: DirectoryHandle, prefix: string): Promise<void> {
    for await (const child of dir.values()) {
      const path = prefix + child.name;
      if (child.kind === 'file') this.#add(path, await child.getFile().catch((error) => { throw readFailed(path, error); }));
      else if (this.#enter(path)) await this.handle(child, `${path}/`);
    }
  }
}

function fileOf(entry: Extract<DropEntry, { isFile: true }>): Promise<File> {
  return new Promise<File>((ok, fail) => entry.file(ok, fail)).catch((error) => {
    throw readFailed(entry.name, error);
  });
}

function readFailed(path: string, error: unknown): ImportError {
  return new ImportError(
    'read_failed',
    `Reading "${path}" from the dropped or picked folder failed (${error instanceof Error ? error.message : String(error)}). ` +
      'Nothing was imported: pick the folder again.',
  );
}
