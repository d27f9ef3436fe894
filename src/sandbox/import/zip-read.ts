/**
 * Reading a zip archive's structure: the central directory, with each entry's Unix mode (fflate's
 * unzip does not expose external attributes, so the directory is read here; data is inflated by the
 * platform's DecompressionStream). Every offset is checked against the archive's bounds.
 */
import { crc32, damaged, inflateRaw } from './inflate';
import { ImportError } from './types';

/** One entry of the central directory. */
export interface ZipEntry {
  /** The name as stored (not yet checked: see safePath). */
  name: string;
  kind: 'file' | 'dir' | 'symlink';
  /** Permission bits from Unix external attributes, if the archive was made on a Unix-like system. */
  mode?: number;
  size: number;
  /** Why this entry cannot be read (encryption, unknown compression), if so. */
  unsupported?: string;
  /** The entry's bytes, inflated and CRC-checked; a damaged entry throws a `corrupt_archive` ImportError. */
  read(): Promise<Uint8Array>;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const UNIX_HOSTS = new Set([3, 19]); // Unix, OS X
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/** Central directories with more entries than this are refused before a single entry is read. */
export const MAX_ZIP_ENTRIES = 50_000;

/**
 * The entry count an archive's end record declares, read from its last bytes only (the end record sits in
 * the last 64 KiB); undefined when the tail holds no end record or the count is in a zip64 record.
 */
export function declaredEntryCount(tail: Uint8Array): number | undefined {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  const eocd = locateEnd(tail, view);
  if (eocd < 0) return undefined;
  const count = view.getUint16(eocd + 10, true);
  return count === 0xffff ? undefined : count;
}

/** Refuses an archive whose directory lists more than `max` entries, before reading any of them. */
export function checkEntryCount(count: number, max = MAX_ZIP_ENTRIES): void {
  if (count <= max) return;
  throw new ImportError(
    'too_many_files',
    `The archive lists ${count} entries; the limit is ${max}. Nothing was read or imported: zip a smaller ` +
      'folder (leave node_modules and build output out).',
  );
}

/** The entries of a zip archive; a damaged directory throws a `corrupt_archive` ImportError, one with too many entries `too_many_files`. */
export function readZipDirectory(bytes: Uint8Array, maxEntries = MAX_ZIP_ENTRIES): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEnd(bytes, view);
  checkEntryCount(end.count, maxEntries);
  const entries: ZipEntry[] = [];
  let at = end.offset;
  for (let index = 0; index < end.count; index++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) {
      throw corrupt(`central directory entry ${index + 1} of ${end.count} is missing`);
    }
    const next = at + 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > bytes.length) throw corrupt(`central directory entry ${index + 1} runs past the end`);
    entries.push(readEntry(bytes, view, at));
    at = next;
  }
  return entries;
}

/** Where the end-of-central-directory record starts, searching back over the longest comment; -1 if none. */
function locateEnd(bytes: Uint8Array, view: DataView): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  return -1;
}

function findEnd(bytes: Uint8Array, view: DataView): { offset: number; count: number } {
  const eocd = locateEnd(bytes, view);
  if (eocd < 0) {
    throw new ImportError(
      'corrupt_archive',
      'This is not a zip archive, or it is cut short (no end-of-archive record). Nothing was imported; ' +
        'download or create the zip again.',
    );
  }
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0) {
    throw new ImportError('unsupported_archive', 'Split (multi-part) zip archives are not supported: join the parts into one zip.');
  }
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) ({ count, offset } = zip64End(view, eocd));
  if (offset > bytes.length) throw corrupt('the central directory lies past the end of the file');
  return { offset, count };
}

function zip64End(view: DataView, eocd: number): { offset: number; count: number } {
  const locator = eocd - 20;
  if (locator < 0 || view.getUint32(locator, true) !== EOCD64_LOCATOR) throw corrupt('the zip64 locator is missing');
  const record = Number(view.getBigUint64(locator + 8, true));
  if (record + 56 > view.byteLength || view.getUint32(record, true) !== EOCD64) throw corrupt('the zip64 record is missing');
  return { count: Number(view.getBigUint64(record + 32, true)), offset: Number(view.getBigUint64(record + 48, true)) };
}

function readEntry(bytes: Uint8Array, view: DataView, at: number): ZipEntry {
  const host = view.getUint8(at + 5);
  const flags = view.getUint16(at + 8, true);
  const method = view.getUint16(at + 10, true);
  const crc = view.getUint32(at + 16, true);
  const nameLength = view.getUint16(at + 28, true);
  const extraLength = view.getUint16(at + 30, true);
  const external = view.getUint32(at + 38, true);
  const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
  const sizes = entrySizes(view, at, at + 46 + nameLength, extraLength);
  const unixMode = UNIX_HOSTS.has(host) ? external >>> 16 : 0;
  const type = unixMode & S_IFMT;
  const kind = type === S_IFLNK ? 'symlink' : type === S_IFDIR || name.endsWith('/') || external & 0x10 ? 'dir' : 'file';
  const unsupported =
    flags & 1 ? 'encrypted (password-protected) entries are not supported'
    : method !== 0 && method !== 8 ? `compression method ${method} is not supported (only stored and deflate)`
    : undefined;
  return {
    name,
    kind,
    mode: unixMode ? unixMode & 0o777 : undefined,
    size: sizes.size,
    unsupported,
    read: () => readData(bytes, view, { name, method, crc, ...sizes }),
  };
}

interface Sizes {
  size: number;
  compressed: number;
  local: number;
}

/** Sizes and the local header offset, from the zip64 extra field where the 32-bit ones overflow. */
function entrySizes(view: DataView, at: number, extraStart: number, extraLength: number): Sizes {
  const sizes = {
    compressed: view.getUint32(at + 20, true),
    size: view.getUint32(at + 24, true),
    local: view.getUint32(at + 42, true),
  };
  for (let x = extraStart; x + 4 <= extraStart + extraLength && x + 4 <= view.byteLength; ) {
    const id = view.getUint16(x, true);
    const length = view.getUint16(x + 2, true);
    if (id === 0x0001) {
      let field = x + 4;
      for (const key of ['size', 'compressed', 'local'] as const) {
        if (sizes[key] !== 0xffffffff || field + 8 > x + 4 + length) continue;
        sizes[key] = Number(view.getBigUint64(field, true));
        field += 8;
      }
    }
    x += 4 + length;
  }
  return sizes;
}

async function readData(
  bytes: Uint8Array,
  view: DataView,
  entry: Sizes & { name: string; method: number; crc: number },
): Promise<Uint8Array> {
  const { name, local } = entry;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) throw damaged(name, 'its local header is missing');
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  if (start + entry.compressed > bytes.length) throw damaged(name, 'its data runs past the end of the archive');
  const raw = bytes.subarray(start, start + entry.compressed);
  let data: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressed !== entry.size) throw damaged(name, 'its stored size does not match');
    data = raw.slice();
  } else {
    data = await inflateRaw(raw, entry.size, name);
  }
  if (crc32(data) !== entry.crc) throw damaged(name, 'its checksum does not match its contents');
  return data;
}

function corrupt(detail: string): ImportError {
  return new ImportError(
    'corrupt_archive',
    `The archive is damaged: ${detail}. Nothing was imported; download or create the zip again.`,
  );
}
