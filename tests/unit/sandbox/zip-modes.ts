/** Read a zip's central directory: each entry's name and the Unix mode in its external attributes. */
export function zipModes(zip: Uint8Array): Record<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const modes: Record<string, number> = {};
  for (let at = 0; at + 46 <= zip.length; ) {
    if (view.getUint32(at, true) !== 0x02014b50) {
      at++;
      continue;
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const attributes = view.getUint32(at + 38, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    modes[name] = attributes >>> 16;
    at += 46 + nameLength + extraLength + commentLength;
  }
  return modes;
}
