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

/**
 * The snapshot as a zip archive (paths relative to the work dir). Permission bits, the executable bit
 * included, are kept in each entry's external attributes; empty directories get their own entries.
 */
export function zipSnapshot(
  snapshot: WorkdirSnapshot,
  options: { excludes?: readonly string[] } = {},
): Uint8Array {
  const excludes = options.excludes ?? DEFAULT_ZIP_EXCLUDES;
  const entries: Zippable = {};
  const files = snapshot.files.filter((file) => !isExcluded(file.path, excludes));
  const dirs = snapshot.dirs.filter((dir) => dir !== '' && !isExcluded(dir, excludes));
  const hasChildren = new Set<string>();
  for (const path of [...files.map((file) => file.path), ...dirs]) markParents(path, hasChildren);
  for (const file of files) {
    entries[file.path] = [file.data, { os: UNIX, attrs: unixAttributes(FILE_TYPE, file.mode ?? 0o644) }];
  }
  for (const dir of dirs) {
    if (hasChildren.has(dir)) continue;
    entries[`${dir}/`] = [new Uint8Array(0), { os: UNIX, attrs: unixAttributes(DIR_TYPE, 0o755) }];
  }
  return zipSync(entries, { level: 6 });
}

function markParents(path: string, into: Set<string>): void {
  for (let cut = path.lastIndexOf('/'); cut > 0; cut = path.lastIndexOf('/', cut - 1)) {
    into.add(path.slice(0, cut));
  }
}
