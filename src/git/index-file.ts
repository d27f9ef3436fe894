/**
 * A reader for git's index file (versions 2 and 3): each entry's path, blob id, mode and the stat data git
 * caches, so `status` can skip hashing files whose size and mtime did not change.
 */

/** One staged file. */
export interface IndexEntry {
  path: string;
  oid: string;
  mode: number;
  size: number;
  mtimeSeconds: number;
  mtimeNanoseconds: number;
  /** Merge stage (0 for a normal entry). */
  stage: number;
  /** Where the entry starts in the file (for refreshing its stat data in place). */
  offset: number;
}

const decoder = new TextDecoder();

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) out += HEX[bytes[i]];
  return out;
}

/** The entries of an index file, in index order (sorted by path). */
export function parseIndex(bytes: Uint8Array): IndexEntry[] {
  if (bytes.length < 12) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (decoder.decode(bytes.subarray(0, 4)) !== 'DIRC') throw new Error('index file has a bad signature');
  const version = view.getUint32(4);
  if (version !== 2 && version !== 3) throw new Error(`index version ${version} is not supported`);
  const count = view.getUint32(8);
  const entries: IndexEntry[] = [];
  let offset = 12;
  for (let i = 0; i < count; i++) {
    const start = offset;
    const flags = view.getUint16(start + 60);
    let pathStart = start + 62;
    if (version === 3 && flags & 0x4000) pathStart += 2;
    let pathEnd = pathStart;
    while (bytes[pathEnd] !== 0) pathEnd++;
    entries.push({
      mtimeSeconds: view.getUint32(start + 8),
      mtimeNanoseconds: view.getUint32(start + 12),
      mode: view.getUint32(start + 24),
      size: view.getUint32(start + 36),
      oid: hex(bytes, start + 40, start + 60),
      stage: (flags >> 12) & 0x3,
      path: decoder.decode(bytes.subarray(pathStart, pathEnd)),
      offset: start,
    });
    // Entries are NUL-padded to a multiple of 8 bytes (at least one NUL).
    const length = pathEnd - start + 1;
    offset = start + Math.ceil(length / 8) * 8;
  }
  return entries;
}

/** New stat data for one entry. */
export interface StatUpdate {
  offset: number;
  mtimeMs: number;
  ctimeMs: number;
  size: number;
}

/**
 * The index with these entries' cached stat data replaced (content unchanged, only the stat went stale),
 * and its trailing SHA-1 recomputed — what `git status` does to keep the next status fast.
 */
export async function refreshedIndex(bytes: Uint8Array, updates: readonly StatUpdate[]): Promise<Uint8Array> {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  const split = (ms: number): [number, number] => {
    const seconds = Math.floor(ms / 1000);
    return [seconds % 2 ** 32, Math.round((ms - seconds * 1000) * 1e6) % 1e9];
  };
  for (const update of updates) {
    const [cs, cn] = split(update.ctimeMs);
    const [ms, mn] = split(update.mtimeMs);
    view.setUint32(update.offset, cs);
    view.setUint32(update.offset + 4, cn);
    view.setUint32(update.offset + 8, ms);
    view.setUint32(update.offset + 12, mn);
    view.setUint32(update.offset + 36, update.size % 2 ** 32);
  }
  return withChecksum(copy);
}

/**
 * The index with these entries smudged: their cached size set to 0, so every reader (the real git included)
 * compares their content instead of trusting the stat — git's answer to racily clean entries.
 */
export async function smudgedIndex(bytes: Uint8Array, offsets: readonly number[]): Promise<Uint8Array> {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  for (const offset of offsets) view.setUint32(offset + 36, 0);
  return withChecksum(copy);
}

/** The index's trailing SHA-1 recomputed over everything before it (in place). */
async function withChecksum(copy: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const body = copy.subarray(0, copy.length - 20);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', body));
  copy.set(digest, copy.length - 20);
  return copy;
}
