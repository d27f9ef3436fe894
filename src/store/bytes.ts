/** Bytes helpers of the store: content hashes, compact copies, base64 for exports. */

/** SHA-256 of the content, lower-case hex: the key of a blob. */
export async function contentHash(data: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The bytes in a buffer of their own. Structured clone (what IndexedDB stores) copies a view's whole
 * underlying buffer, so a small slice of a large buffer would otherwise be stored at the large size.
 */
export function compactBytes(data: Uint8Array): Uint8Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
}

const CHUNK = 0x8000;

/** Bytes as base64 (for trajectory JSON). */
export function toBase64(data: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < data.length; start += CHUNK) {
    binary += String.fromCharCode(...data.subarray(start, start + CHUNK));
  }
  return btoa(binary);
}

/** Base64 back to bytes; throws on text that is not base64. */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const data = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) data[index] = binary.charCodeAt(index);
  return data;
}
