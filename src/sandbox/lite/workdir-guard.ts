/**
 * What keeps the work dir alive in the lite sandbox: no command may remove, move away or replace the work
 * dir or any directory above it. The file system asks this guard before every `rm` and `mv`, so the rule
 * holds for every command at once (rm, mv, find -delete, rmdir, ours). A command's own cwd is kept by our
 * rm, mv and find (they know it: `protectedBy`); should it go anyway, the shell moves back to the work dir
 * and says so. The home dir may be removed, as on a real system; it comes back empty.
 */
import { normalizePosix } from '../paths';
import { WORKDIR } from '../sandbox';

/** HOME in the lite sandbox: outside the work dir, as on every real system, so `rm -rf ~` cannot reach the project. */
export const LITE_HOME = '/home/user';

/** The message a refused removal or move carries (GNU's for a busy mount point or cwd). */
export const BUSY = 'Device or resource busy';

/** Thrown by the file system when an operation would take a protected directory away. */
export class ProtectedPathError extends Error {
  constructor(readonly path: string) {
    super(BUSY);
    this.name = 'ProtectedPathError';
  }
}

/** True when `path` is `inner` itself or a directory above it. */
export function isSameOrAbove(path: string, inner: string): boolean {
  if (path === '/') return true;
  return inner === path || inner.startsWith(`${path}/`);
}

/** The directories no command may take away, and the check against them. */
export class WorkdirGuard {
  /** Directories kept for the sandbox's whole life. */
  readonly #fixed: readonly string[];

  constructor(fixed: readonly string[] = [WORKDIR]) {
    this.#fixed = fixed.map(normalizePosix);
  }

  /** The protected directory that taking `path` away would take with it, if any. */
  protectedUnder(path: string): string | undefined {
    const target = normalizePosix(path);
    return this.#fixed.find((kept) => isSameOrAbove(target, kept));
  }

  /** Throw a ProtectedPathError when removing (or replacing) `path` would take a protected directory. */
  check(path: string): void {
    if (this.protectedUnder(path) !== undefined) throw new ProtectedPathError(normalizePosix(path));
  }
}

/**
 * The protected directory that removing `absolute` would take with it, seen from a command running in
 * `cwd`: the work dir, the command's cwd, or any directory above one of them.
 */
export function protectedBy(absolute: string, cwd: string): string | undefined {
  const target = normalizePosix(absolute);
  return [WORKDIR, normalizePosix(cwd)].find((kept) => isSameOrAbove(target, kept));
}
