/** What a git patch needs of git's object format: blob ids (SHA-1), zlib deflate and git's base85. */

/** The id git gives a blob of these bytes: SHA-1 of `blob <size>\0` + bytes, lower-case hex. */
export async function blobId(data: Uint8Array): Promise<string> {
  const header = new TextEncoder().encode(`blob ${data.byteLength}\0`);
  const whole = new Uint8Array(header.byteLength + data.byteLength);
  whole.set(header);
  whole.set(data, header.byteLength);
  const digest = await crypto.subtle.digest('SHA-1', whole);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The id of no blob (a side that does not exist). */
export const NULL_ID = '0'.repeat(40);

/** The bytes compressed as a zlib stream (what git's binary patches carry), with the platform's compressor. */
export async function zlibDeflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const BASE85 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';

/** One line of git's base85: a length letter (A–Z: 1–26, a–z: 27–52) and 5 digits per 4 bytes (zero-padded). */
function base85Line(chunk: Uint8Array): string {
  const length = chunk.byteLength;
  let line = length <= 26 ? String.fromCharCode(64 + length) : String.fromCharCode(96 + length - 26);
  for (let offset = 0; offset < length; offset += 4) {
    let word = 0;
    for (let index = 0; index < 4; index++) word = word * 256 + (chunk[offset + index] ?? 0);
    let digits = '';
    for (let index = 0; index < 5; index++) {
      digits = BASE85[word % 85] + digits;
      word = Math.floor(word / 85);
    }
    line += digits;
  }
  return line;
}

/** Bytes as git's base85 lines (52 bytes a line). */
export function base85Lines(data: Uint8Array): string[] {
  const lines: string[] = [];
  for (let offset = 0; offset < data.byteLength; offset += 52) lines.push(base85Line(data.subarray(offset, offset + 52)));
  return lines;
}
