import { zipSync, type Zippable } from 'fflate';
import { REBUILDABLE_EXCLUDES } from './rebuildable';
import type { WorkdirSnapshot } from './sandbox';

/** What a zip export leaves out when the caller names nothing: what can be rebuilt. */
export const DEFAULT_ZIP_EXCLUDES: readonly string[] = REBUILDABLE_EXCLUDES;

const UNIX = 3;
const FILE_TYPE = 0o100000;
const DIR_TYPE = 0o040000;

/**
 * True when `path` (relative to the work dir) is left out: an exclude with a slash is a path prefix
 * ("dist/", "dist/assets"), one without is a folder or file name matched at any depth ("node_modules").
 */
export function isExcluded(path: string, excludes: readonly string[]): boolean {
  const segments = path.split('/');
  return excludes.some((raw) => {
    const trimmed = raw.replace(/^\.?\/+/, '');
    const exclude = trimmed.replace(/\/+$/, '');
    if (exclude === '') return false;
    if (trimmed.includes('/')) return path === exclude || path.startsWith(`${exclude}/`);
    return segments.includes(exclude);
  });
}

/** Unix external attributes for a zip entry: type and permission bits in the high 16 bits. */
function unixAttributes(type: number, mode: number): number {
  return ((type | (mode & 0o7777)) << 16) >>> 0;
}

/** A work-dir name that had to change to be safe in a zip, and what it became. */
export interface RenamedEntry {
  from: string;
  to: string;
}

/** The file, at the top of a zip, that lists the names changed for safe extraction (only when there are some). */
export const RENAMED_NOTE = 'AUTOPILOT-RENAMED.txt';

/**
 * The snapshot as a zip archive (paths relative to the work dir). Permission bits, the executable bit
 * included, are kept in each entry's external attributes; empty directories get their own entries.
 * Names that some extractor would resolve outside its target folder are renamed (see `safeZipName`).
 */
export function zipSnapshot(snapshot: WorkdirSnapshot, options: { excludes?: readonly string[] } = {}): Uint8Array {
  return zipSnapshotReport(snapshot, options).bytes;
}

/** `zipSnapshot`, and the entries it renamed (also listed in `RENAMED_NOTE` inside the zip). */
export function zipSnapshotReport(
  snapshot: WorkdirSnapshot,
  options: { excludes?: readonly string[] } = {},
): { bytes: Uint8Array; renamed: RenamedEntry[] } {
  const excludes = options.excludes ?? DEFAULT_ZIP_EXCLUDES;
  const entries: Zippable = {};
  const files = snapshot.files.filter((file) => !isExcluded(file.path, excludes));
  const dirs = snapshot.dirs.filter((dir) => dir !== '' && !isExcluded(dir, excludes));
  const names = safeZipNames([...files.map((file) => file.path), ...dirs]);
  const hasChildren = new Set<string>();
  for (const path of [...files.map((file) => file.path), ...dirs]) markParents(names.get(path)!, hasChildren);
  for (const file of files) {
    entries[names.get(file.path)!] = [file.data, { os: UNIX, attrs: unixAttributes(FILE_TYPE, file.mode ?? 0o644) }];
  }
  for (const dir of dirs) {
    const name = names.get(dir)!;
    if (hasChildren.has(name)) continue;
    entries[`${name}/`] = [new Uint8Array(0), { os: UNIX, attrs: unixAttributes(DIR_TYPE, 0o755) }];
  }
  const renamed = [...names].filter(([from, to]) => from !== to).map(([from, to]) => ({ from, to }));
  if (renamed.length > 0) entries[uniqueName(RENAMED_NOTE, new Set(names.values()))] = [renamedNote(renamed), { os: UNIX, attrs: unixAttributes(FILE_TYPE, 0o644) }];
  return { bytes: zipSync(entries, { level: 6 }), renamed };
}

// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\\:\u0000-\u001f\u007f]/g;

/**
 * A zip entry name every common extractor keeps inside its target folder: `/`-separated, no leading `/`, and
 * no segment that a Windows or naive extractor reads as a climb or a drive — backslashes (a separator on
 * Windows), colons (drives, alternate streams) and control characters become `_`, and a segment that is
 * then `.` or `..` gets a leading `_`. A plain POSIX name comes back unchanged.
 */
export function safeZipName(path: string): string {
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      const plain = segment.replace(UNSAFE_CHARS, '_');
      return plain === '.' || plain === '..' ? `_${plain}` : plain;
    })
    .join('/');
}

/** Each path's safe name; names that would then collide with another get `~2`, `~3` … */
function safeZipNames(paths: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set(paths.filter((path) => safeZipName(path) === path));
  for (const path of paths) {
    const safe = safeZipName(path);
    if (safe === path) names.set(path, path);
    else {
      const name = uniqueName(safe, taken);
      taken.add(name);
      names.set(path, name);
    }
  }
  return names;
}

function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) if (!taken.has(`${name}~${n}`)) return `${name}~${n}`;
}

function renamedNote(renamed: readonly RenamedEntry[]): Uint8Array {
  const lines = renamed.map(({ from, to }) => `${JSON.stringify(from)} -> ${JSON.stringify(to)}`);
  const text =
    'These names in the work dir could be read by some unzip tools (Windows, or ones that treat "\\" as a\n' +
    'separator) as paths outside the folder you extract to, so they were renamed in this zip:\n\n' +
    `${lines.join('\n')}\n`;
  return new TextEncoder().encode(text);
}

function markParents(path: string, into: Set<string>): void {
  for (let cut = path.lastIndexOf('/'); cut > 0; cut = path.lastIndexOf('/', cut - 1)) {
    into.add(path.slice(0, cut));
  }
}
