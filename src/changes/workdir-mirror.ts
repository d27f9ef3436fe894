/**
 * A copy of a work dir kept up to date by deltas (`WorkdirDelta`): applying one costs what it holds, plus a
 * scan of the copy only for a root that is (or was) a directory. Used where a whole copy must stay at hand —
 * the lite worker's last state for a restart, each run's last committed state for its step diffs.
 */
import { isAtOrUnder, type WorkdirDelta, type WorkdirSnapshot } from '../core/workdir';

type File = WorkdirSnapshot['files'][number];

/** A work dir's files by path and its directories. */
export class WorkdirMirror {
  readonly #files = new Map<string, File>();
  readonly #dirs = new Set<string>();

  constructor(snapshot?: WorkdirSnapshot) {
    if (snapshot) this.apply({ ...snapshot, roots: [''] });
  }

  /** The files the mirror holds at or under the roots (a file root is one lookup, a directory root a scan). */
  filesUnder(roots: readonly string[]): File[] {
    const found = new Map<string, File>();
    for (const root of roots) {
      const file = this.#files.get(root);
      if (file) found.set(root, file);
      if (root !== '' && !this.#dirs.has(root)) continue;
      for (const [path, entry] of this.#files) if (isAtOrUnder(path, root)) found.set(path, entry);
    }
    return [...found.values()];
  }

  /** Applies the delta; returns the files it replaced (what was at or under its roots before). */
  apply(delta: WorkdirDelta): File[] {
    const before = this.filesUnder(delta.roots);
    for (const file of before) this.#files.delete(file.path);
    for (const file of delta.files) this.#files.set(file.path, file);
    if (delta.roots.length > 0) {
      for (const dir of this.#dirs) if (delta.roots.some((root) => isAtOrUnder(dir, root))) this.#dirs.delete(dir);
    }
    for (const dir of delta.dirs) this.#dirs.add(dir);
    return before;
  }

  /** The mirror as a snapshot, sorted by path. */
  snapshot(): WorkdirSnapshot {
    const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return {
      files: [...this.#files.values()].sort((a, b) => byPath(a.path, b.path)),
      dirs: [...this.#dirs].sort(byPath),
    };
  }
}
