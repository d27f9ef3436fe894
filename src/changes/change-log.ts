/**
 * Which paths of a work dir changed, and since when. The lite file system notes here every write, removal,
 * rename and mode change; the WebContainer adapter notes what `fs.watch` reports. A reader keeps the cursor
 * of its last read and asks for the roots changed since, so a checkpoint reads and hashes only those.
 * When the log cannot answer path by path — it overflowed, it was told it cannot know (a link was made, the
 * watcher failed), or the cursor is another log's — it answers `undefined`: read the whole work dir.
 * Pure: no file system, no clock.
 */

/** Tuning of a change log. */
export interface ChangeLogOptions {
  /** Entries kept before the log compacts itself; past twice this many distinct paths it goes blind. Default 20 000. */
  limit?: number;
}

interface Entry {
  seq: number;
  path: string;
}

let logs = 0;

/** Changed paths (work-dir-relative; `''` is the whole work dir) in the order they changed. */
export class ChangeLog {
  /** Tells this log's cursors from another's (a restarted sandbox starts a new log). */
  readonly #epoch = `${Date.now().toString(36)}.${(++logs).toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
  readonly #limit: number;
  #entries: Entry[] = [];
  #seq = 0;
  /** Changes numbered up to here are not known path by path. */
  #blindUntil = 0;
  /** Set for good: every answer is "read everything" (e.g. links exist, so a write can change another path). */
  #alwaysBlind = false;

  constructor(options: ChangeLogOptions = {}) {
    this.#limit = Math.max(1, options.limit ?? 20_000);
  }

  /** Where the log is now; read the work dir after taking it, so a change made meanwhile is read again next time. */
  get cursor(): string {
    return `${this.#epoch}:${this.#seq}`;
  }

  /** `path` (or everything under it) changed. */
  note(path: string): void {
    const last = this.#entries.at(-1);
    this.#seq++;
    if (last?.path === path) {
      last.seq = this.#seq; // a loop appending to one file adds no entries
      return;
    }
    this.#entries.push({ seq: this.#seq, path });
    if (this.#entries.length > this.#limit) this.#compact();
  }

  /** Something changed that cannot be told path by path: the next read of every reader reads everything. */
  noteAll(): void {
    this.#seq++;
    this.#blindUntil = this.#seq;
    this.#entries = [];
  }

  /** From now on every read reads everything (changes can no longer be told path by path). */
  blind(): void {
    this.#alwaysBlind = true;
    this.noteAll();
  }

  /** The roots changed since `cursor` (none: nothing changed), or undefined: read everything. */
  since(cursor: string | undefined): string[] | undefined {
    const seq = this.#seqOf(cursor);
    if (seq === undefined || this.#alwaysBlind || seq < this.#blindUntil) return undefined;
    return minimalRoots(this.#entries.slice(firstAfter(this.#entries, seq)).map((entry) => entry.path));
  }

  #seqOf(cursor: string | undefined): number | undefined {
    if (cursor === undefined) return undefined;
    const cut = cursor.lastIndexOf(':');
    if (cursor.slice(0, cut) !== this.#epoch) return undefined;
    const seq = Number(cursor.slice(cut + 1));
    return Number.isInteger(seq) && seq >= 0 && seq <= this.#seq ? seq : undefined;
  }

  /** Keeps one entry per path (its last change); with too many distinct paths, forgets them all. */
  #compact(): void {
    const last = new Map<string, number>();
    for (const entry of this.#entries) last.set(entry.path, entry.seq);
    if (last.size > this.#limit / 2) return this.noteAll();
    this.#entries = [...last].map(([path, seq]) => ({ seq, path })).sort((a, b) => a.seq - b.seq);
  }
}

/** The index of the first entry numbered after `seq` (entries are in ascending order). */
function firstAfter(entries: readonly Entry[], seq: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entries[middle].seq <= seq) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The paths without those inside another of them, sorted (`['']` when the whole work dir is one). */
export function minimalRoots(paths: readonly string[]): string[] {
  if (paths.includes('')) return [''];
  const roots = new Set<string>();
  // a path sorts after every path it is inside of, so its ancestors are decided first
  for (const path of [...new Set(paths)].sort()) {
    if (!ancestorsOf(path).some((ancestor) => roots.has(ancestor))) roots.add(path);
  }
  return [...roots];
}

/** The directories above a relative path: `a/b/c` → `a`, `a/b`. */
export function ancestorsOf(path: string): string[] {
  const ancestors: string[] = [];
  for (let cut = path.indexOf('/'); cut !== -1; cut = path.indexOf('/', cut + 1)) ancestors.push(path.slice(0, cut));
  return ancestors;
}
