/**
 * Which work-dir paths changed in the WebContainer, heard through `fs.watch` (recursive), so a checkpoint reads
 * only those. Watch events come on their own time, so before each read a barrier file is written (in the
 * scratch folder, left out of snapshots) and its own event awaited: events are delivered in order, so every
 * change made before it has been heard. When watching is not possible, when an event names no path, or when
 * the barrier's event does not come back as the path written (e.g. the container reports bare names), the log
 * goes blind and every read is a full rescan, as before.
 */
import { ChangeLog } from '../../changes/change-log';
import { normalizePosix, relativeToWorkdir, isInsideWorkdir } from '../paths';
import { isAtOrUnder } from '../../core/workdir';
import { SCRIPT_DIR } from './command-line';
import type { WcFileSystem, WcWatcher } from './port';

/** How long a barrier's event may take before the reads go back to full rescans (ms). */
const BARRIER_TIMEOUT_MS = 2_000;

/** The change log of a WebContainer's work dir, fed by `fs.watch`. */
export class WatchedChanges {
  readonly log = new ChangeLog();
  readonly #fs: WcFileSystem;
  readonly #timeoutMs: number;
  #watcher: WcWatcher | undefined;
  #barriers = 0;
  readonly #waiting = new Map<string, () => void>();

  constructor(fs: WcFileSystem, options: { barrierTimeoutMs?: number } = {}) {
    this.#fs = fs;
    this.#timeoutMs = options.barrierTimeoutMs ?? BARRIER_TIMEOUT_MS;
    try {
      this.#watcher = fs.watch?.('.', { recursive: true }, (_event, filename) => this.#heard(filename));
    } catch {
      this.#watcher = undefined;
    }
    if (!this.#watcher) this.log.blind();
  }

  /** Resolves once every change made before the call has been heard (or the log went blind). */
  async settle(): Promise<void> {
    if (!this.#watcher) return;
    const name = `${SCRIPT_DIR}/watch-barrier-${++this.#barriers}`;
    const heard = new Promise<boolean>((resolve) => this.#waiting.set(name, () => resolve(true)));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), this.#timeoutMs)));
    try {
      await this.#fs.mkdir(SCRIPT_DIR, { recursive: true });
      await this.#fs.writeFile(name, '');
      if (!(await Promise.race([heard, late]))) this.#stop();
    } catch {
      this.#stop();
    } finally {
      clearTimeout(timer);
      this.#waiting.delete(name);
      await this.#fs.rm(name, { force: true }).catch(() => undefined);
    }
  }

  close(): void {
    this.#watcher?.close();
    this.#watcher = undefined;
  }

  #heard(filename: string | Uint8Array): void {
    const path = typeof filename === 'string' ? workdirRelative(filename) : undefined;
    if (path === undefined || path === '.') return this.log.noteAll();
    if (!isAtOrUnder(path, SCRIPT_DIR)) return this.log.note(path);
    this.#waiting.get(path)?.();
  }

  /** Watching cannot be trusted any more: stop, and read everything from now on. */
  #stop(): void {
    this.close();
    this.log.blind();
  }
}

/** A watch event's file name as a work-dir-relative path ('.' for the work dir; undefined when it names none). */
function workdirRelative(filename: string): string | undefined {
  if (filename === '') return undefined;
  const normal = normalizePosix(filename);
  if (normal.startsWith('/')) return isInsideWorkdir(normal) ? relativeToWorkdir(normal) || '.' : undefined;
  return normal.startsWith('..') ? undefined : normal;
}
