/** Types of the project import: what can be imported, how, and what came of it. */
import { REBUILDABLE_FOLDERS } from '../rebuildable';

/** A file picked from a folder (input, drop or directory handle); `path` is relative to the project root. */
export interface PickedFile {
  path: string;
  data: Blob | Uint8Array | string;
  /** Unix permission bits, when the source knows them (folders picked in a browser do not). */
  mode?: number;
}

/** Something to import into the work dir. */
export type ImportSource =
  /** A zip archive; a single top folder shared by every entry (as GitHub zips have) is stripped. */
  | { kind: 'zip'; name: string; data: Blob | Uint8Array }
  /**
   * Files of a picked folder, paths already relative to it. `root` names the folder whose contents these
   * are (for the summary); `skipped` lists what the walk left out (heavy folders it did not descend into).
   */
  | { kind: 'files'; name: string; files: PickedFile[]; root?: string; skipped?: ImportNote[] };

/** One path left out, and why. */
export interface ImportNote {
  path: string;
  why: string;
}

/** What an import did. Paths are relative to the work dir (skipped/refused: as named in the source). */
export interface ImportSummary {
  /** What was imported: the zip's file name, the folder's name, or "files". */
  source: string;
  /** Files written. */
  imported: number;
  /** Bytes written. */
  bytes: number;
  /** Of the files written, how many replaced a file that was already in the work dir. */
  overwritten: number;
  /** Empty folders created. */
  dirs: number;
  /** The single top folder whose contents were imported (stripped from every path), if any. */
  root?: string;
  /** Left out on purpose (heavy folders, big files, system clutter). */
  skipped: ImportNote[];
  /** Refused as unsafe or unsupported (paths leaving the work dir, links, encrypted entries, …). */
  refused: ImportNote[];
  /** Things that did not fully work but did not stop the import (e.g. executable bits not set). */
  warnings: string[];
}

/** Limits and rules of an import; every field has a default (see DEFAULT_IMPORT_OPTIONS). */
export interface ImportOptions {
  /**
   * Folders (and files) left out: a name without a slash matches at any depth ("node_modules"), one with
   * a slash matches that run of path segments at any depth (".git/objects").
   */
  skip?: readonly string[];
  /** At most this many files; more fails the whole import before anything is written. */
  maxFiles?: number;
  /** At most this many bytes in all; more fails the whole import before anything is written. */
  maxTotalBytes?: number;
  /** A single file bigger than this is skipped (and named in the summary). */
  maxFileBytes?: number;
  /** Strip a single top folder shared by every zip entry (default true). */
  stripSingleRoot?: boolean;
  signal?: AbortSignal;
  /** Told how far the import got (often: throttled where it runs in a worker). */
  onProgress?: (progress: ProjectImportProgress) => void;
}

/**
 * Where a project import is: reading the zip or the folder's files, unpacking the zip's entries (bytes of all
 * the files to import), or writing files into the work dir (files of all). Reading and unpacking happen off the
 * page's thread where workers exist.
 */
export type ProjectImportProgress = { phase: 'reading' | 'unpacking' | 'writing'; done: number; total: number };

/** Why an import failed as a whole. */
export type ImportErrorCode =
  | 'corrupt_archive'
  | 'unsupported_archive'
  | 'too_many_files'
  | 'too_large'
  | 'read_failed'
  | 'write_failed';

/** An import that failed as a whole; the work dir is as it was before. `message` says what to do. */
export class ImportError extends Error {
  override name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Heavy folders skipped by default, with the reason shown in the summary. */
export const DEFAULT_SKIP_REASONS: Readonly<Record<string, string>> = {
  ...REBUILDABLE_FOLDERS,
  '.git/objects': 'git object store (history is not imported)',
  dist: 'build output',
  build: 'build output',
  '.next': 'Next.js build output',
  '.nuxt': 'Nuxt build output',
  '.svelte-kit': 'SvelteKit build output',
  '.cache': 'cache',
  target: 'build output (Rust/Java)',
  __pycache__: 'Python bytecode cache',
  '.venv': 'Python virtual environment',
};

/** System clutter always left out: macOS resource forks and Finder/Explorer metadata. */
export const CLUTTER: Readonly<Record<string, string>> = {
  __MACOSX: 'macOS resource forks',
  '.DS_Store': 'macOS Finder metadata',
  'Thumbs.db': 'Windows Explorer metadata',
};

export const DEFAULT_IMPORT_OPTIONS = {
  skip: Object.keys(DEFAULT_SKIP_REASONS),
  maxFiles: 5000,
  maxTotalBytes: 50 * 1024 * 1024,
  maxFileBytes: 10 * 1024 * 1024,
  stripSingleRoot: true,
} as const;

/** Options with every default filled in. */
export type ResolvedImportOptions = Required<Omit<ImportOptions, 'signal' | 'onProgress'>> & {
  signal?: AbortSignal;
  onProgress?: (progress: ProjectImportProgress) => void;
};

export function resolveImportOptions(options: ImportOptions = {}): ResolvedImportOptions {
  return {
    skip: options.skip ?? DEFAULT_IMPORT_OPTIONS.skip,
    maxFiles: options.maxFiles ?? DEFAULT_IMPORT_OPTIONS.maxFiles,
    maxTotalBytes: options.maxTotalBytes ?? DEFAULT_IMPORT_OPTIONS.maxTotalBytes,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_IMPORT_OPTIONS.maxFileBytes,
    stripSingleRoot: options.stripSingleRoot ?? DEFAULT_IMPORT_OPTIONS.stripSingleRoot,
    signal: options.signal,
    onProgress: options.onProgress,
  };
}

/** "12.3 MB", "512 B": sizes for messages. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
