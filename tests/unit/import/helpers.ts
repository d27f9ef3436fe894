import { zipSync, type Zippable } from 'fflate';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import type { Sandbox, WorkdirSnapshot } from '../../../src/sandbox/sandbox';

/** One entry of a test zip: text or bytes, with optional Unix mode and type bits. */
export interface TestEntry {
  data?: string | Uint8Array;
  mode?: number;
  /** Stored (no compression) instead of deflate. */
  stored?: boolean;
}

const UNIX = 3;

/** A zip built with fflate: names ending in "/" are folders; a mode without type bits is a regular file. */
export function makeZip(entries: Record<string, TestEntry | string>): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, raw] of Object.entries(entries)) {
    const entry = typeof raw === 'string' ? { data: raw } : raw;
    const data = typeof entry.data === 'string' ? new TextEncoder().encode(entry.data) : (entry.data ?? new Uint8Array());
    const options: { level?: 0; os?: number; attrs?: number } = entry.stored ? { level: 0 } : {};
    if (entry.mode !== undefined) {
      const type = entry.mode & 0o170000 ? 0 : name.endsWith('/') ? 0o040000 : 0o100000;
      options.os = UNIX;
      options.attrs = ((type | entry.mode) << 16) >>> 0;
    }
    zippable[name] = [data, options];
  }
  return zipSync(zippable);
}

/** A fresh lite sandbox. */
export function liteSandbox(): LiteSandbox {
  return new LiteSandbox();
}

/** The snapshot with files sorted by path and data as text where it decodes (for whole-value asserts). */
export async function tree(sandbox: Sandbox): Promise<Record<string, string>> {
  const snapshot = await sandbox.snapshot();
  return Object.fromEntries(
    [...snapshot.files].sort((a, b) => a.path.localeCompare(b.path)).map((file) => [file.path, new TextDecoder().decode(file.data)]),
  );
}

/** Each file's mode, by path. */
export function modes(snapshot: WorkdirSnapshot): Record<string, number | undefined> {
  return Object.fromEntries(snapshot.files.map((file) => [file.path, file.mode]));
}

/** Bytes 0..255 twice: not valid UTF-8, so any text round trip would change them. */
export const BINARY = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
