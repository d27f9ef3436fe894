import { SandboxError } from '../core/errors';
import { WORKDIR } from './sandbox';

/** Normalise a POSIX path: resolve `.` and `..`, collapse slashes. `..` above `/` stays at `/`. */
export function normalizePosix(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** True when `absolute` is the work dir or inside it. */
export function isInsideWorkdir(absolute: string): boolean {
  return absolute === WORKDIR || absolute.startsWith(`${WORKDIR}/`);
}

/**
 * The absolute path of `path` (relative to `base`, default the work dir, or absolute), refused with a
 * SandboxError when it leaves the work dir.
 */
export function resolveInWorkdir(path: string, base: string = WORKDIR): string {
  if (path.includes('\0')) throw new SandboxError(`The path ${JSON.stringify(path)} contains a NUL byte.`);
  const absolute = normalizePosix(path.startsWith('/') ? path : `${base}/${path}`);
  if (!isInsideWorkdir(absolute)) {
    throw new SandboxError(
      `The path ${JSON.stringify(path)} is outside the work dir ${WORKDIR}: use a path inside it, ` +
        `relative to it (e.g. "src/main.ts") or starting with ${WORKDIR}/.`,
    );
  }
  return absolute;
}

/** `absolute` relative to the work dir ('' for the work dir itself). */
export function relativeToWorkdir(absolute: string): string {
  return absolute === WORKDIR ? '' : absolute.slice(WORKDIR.length + 1);
}

/** The parent directory of an absolute path. */
export function parentOf(absolute: string): string {
  const cut = absolute.lastIndexOf('/');
  return cut <= 0 ? '/' : absolute.slice(0, cut);
}
