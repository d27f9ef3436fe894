/** File contents as the diff sees them: text (UTF-8 without NUL bytes) or binary. */

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Text bytes looked at to decide text or binary (as git looks at the first 8 000). */
const SNIFF_BYTES = 8000;

/** True when the bytes are not UTF-8 text (a NUL byte near the start, or invalid UTF-8). */
export function isBinary(data: Uint8Array): boolean {
  if (data.subarray(0, SNIFF_BYTES).includes(0)) return true;
  return decodeText(data) === undefined;
}

/** The bytes as text, or undefined when they are not UTF-8. */
export function decodeText(data: Uint8Array): string | undefined {
  try {
    return decoder.decode(data);
  } catch {
    return undefined;
  }
}

/** Whether two byte arrays hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.byteLength !== b.byteLength) return false;
  for (let index = 0; index < a.byteLength; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** A quick fingerprint of bytes (FNV-1a, 32 bits) with their length: equal bytes give equal keys. */
export function bytesKey(data: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < data.byteLength; index++) {
    hash ^= data[index];
    hash = Math.imul(hash, 0x01000193);
  }
  return `${data.byteLength}:${(hash >>> 0).toString(16)}`;
}

/** A size for people: 512 B, 12 KB, 2.3 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
