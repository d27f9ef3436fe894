/** Path rules of the import: what a source path may be, and which paths are left out. */
import { CLUTTER, DEFAULT_SKIP_REASONS } from './types';

/** A source path made safe (relative, `/`-separated, no `.` or `..`), or why it was refused. */
export type SafePath =
  | { ok: true; path: string; dir: boolean }
  | { ok: false; why: string };

const MAX_PATH_CHARS = 1024;
const MAX_SEGMENT_CHARS = 255;

/**
 * Check and normalise a path from an archive or a folder. Backslashes count as separators (Windows
 * tools write them), so `..\evil` is caught like `../evil`. An empty result (the root itself) is
 * `{ok: true, path: ''}`.
 */
export function safePath(raw: string): SafePath {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) return { ok: false, why: 'the name holds control characters' };
  const slashed = raw.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return { ok: false, why: 'absolute path (it would land outside the work dir)' };
  if (/^[A-Za-z]:/.test(slashed)) return { ok: false, why: 'Windows drive path (it would land outside the work dir)' };
  const dir = slashed.endsWith('/');
  const segments = slashed.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) return { ok: false, why: 'the path climbs out with ".." (zip-slip)' };
  if (segments.some((segment) => segment.length > MAX_SEGMENT_CHARS)) {
    return { ok: false, why: `a name in the path is longer than ${MAX_SEGMENT_CHARS} characters` };
  }
  const path = segments.join('/');
  if (path.length > MAX_PATH_CHARS) return { ok: false, why: `the path is longer than ${MAX_PATH_CHARS} characters` };
  return { ok: true, path, dir };
}

/** Shell-quote one argument for a POSIX shell. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The folder (or file) that makes `path` skipped, with the reason; undefined when it is kept. */
export function skipMatch(path: string, patterns: readonly string[]): { path: string; why: string } | undefined {
  const segments = path.split('/');
  for (const raw of patterns) {
    const pattern = raw.replace(/^\.?\/+/, '').replace(/\/+$/, '').split('/').filter(Boolean);
    if (pattern.length === 0) continue;
    const at = findRun(segments, pattern);
    if (at < 0) continue;
    const matched = segments.slice(0, at + pattern.length).join('/');
    const name = pattern.join('/');
    const reason = DEFAULT_SKIP_REASONS[name] ?? 'in the skip list';
    return { path: matched, why: `${name}: ${reason}, skipped by default` };
  }
  return undefined;
}

/** Clutter (macOS resource forks, Finder metadata) at any depth, with the reason. */
export function clutterMatch(path: string): { path: string; why: string } | undefined {
  const segments = path.split('/');
  const at = segments.findIndex((segment) => segment in CLUTTER);
  if (at < 0) return undefined;
  return { path: segments.slice(0, at + 1).join('/'), why: CLUTTER[segments[at]] };
}

function findRun(segments: readonly string[], run: readonly string[]): number {
  for (let at = 0; at + run.length <= segments.length; at++) {
    if (run.every((part, offset) => segments[at + offset] === part)) return at;
  }
  return -1;
}

/**
 * The single top folder every entry lives in (a GitHub-style zip root), or undefined when there is
 * none: a file at the top level, or more than one top folder. `entries` are safe paths.
 */
export function singleRoot(entries: readonly { path: string; dir: boolean }[]): string | undefined {
  let root: string | undefined;
  for (const entry of entries) {
    const cut = entry.path.indexOf('/');
    if (cut < 0 && !entry.dir) return undefined;
    const top = cut < 0 ? entry.path : entry.path.slice(0, cut);
    if (root !== undefined && root !== top) return undefined;
    root = top;
  }
  return root;
}
