/** Decompressing one zip entry with the platform's DecompressionStream, bounded and checked. */
import { ImportError } from './types';

let crcTable: Uint32Array | undefined;

function table(): Uint32Array {
  if (crcTable) return crcTable;
  crcTable = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crcTable[n] = c >>> 0;
  }
  return crcTable;
}

/** CRC-32 (the zip/gzip polynomial) of `data`. */
export function crc32(data: Uint8Array): number {
  const t = table();
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = t[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Inflate raw deflate data that should come to exactly `size` bytes. More than `size` stops at once
 * (a zip bomb cannot grow past what its directory declared); a stream that is damaged, shorter or
 * longer is a `corrupt_archive` ImportError naming `name`.
 */
export async function inflateRaw(data: Uint8Array, size: number, name: string): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  let at = 0;
  const input = new Blob([data as Uint8Array<ArrayBuffer>]).stream();
  const reader = input.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (at + value.length > size) {
        throw damaged(name, `it inflates to more than the ${size} bytes its header declares`);
      }
      out.set(value, at);
      at += value.length;
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    if (error instanceof ImportError) throw error;
    throw damaged(name, `its compressed data is invalid (${error instanceof Error ? error.message : String(error)})`);
  }
  if (at !== size) throw damaged(name, `it inflates to ${at} bytes, not the ${size} its header declares`);
  return out;
}

/** The error for a damaged entry. */
export function damaged(name: string, detail: string): ImportError {
  return new ImportError(
    'corrupt_archive',
    `The archive is damaged: entry "${name}" cannot be read (${detail}). Nothing was imported; ` +
      'download or create the zip again.',
  );
}
