/**
 * Rename detection between the files a change deleted and the ones it added: first by identical content,
 * then by similarity of text (as git: at least half of the larger file is shared, lines weighed by bytes).
 */
import { bytesKey, decodeText, isBinary, sameBytes } from './content';
import type { TreeFile } from './types';

/** Pairs at least this alike (0–100) count as a rename. */
export const RENAME_THRESHOLD = 50;
/** Similarity is only searched while deleted × added stays under this (exact matches are always found). */
const MAX_PAIRS = 2_500;

/** A deleted file found again under a new path. */
export interface RenamePair {
  from: TreeFile;
  to: TreeFile;
  similarity: number;
}

/** The renames among `deleted` and `added` (each file in at most one pair). */
export function findRenames(deleted: readonly TreeFile[], added: readonly TreeFile[]): RenamePair[] {
  const pairs = exactRenames(deleted, added);
  const usedFrom = new Set(pairs.map((pair) => pair.from.path));
  const usedTo = new Set(pairs.map((pair) => pair.to.path));
  const restFrom = deleted.filter((file) => !usedFrom.has(file.path) && file.data.byteLength > 0);
  const restTo = added.filter((file) => !usedTo.has(file.path) && file.data.byteLength > 0);
  if (restFrom.length * restTo.length > MAX_PAIRS) return pairs;
  return [...pairs, ...similarRenames(restFrom, restTo)];
}

function exactRenames(deleted: readonly TreeFile[], added: readonly TreeFile[]): RenamePair[] {
  const byKey = new Map<string, TreeFile[]>();
  for (const file of deleted) {
    if (file.data.byteLength === 0) continue; // an empty file is like any other empty file: not a rename
    const key = bytesKey(file.data);
    byKey.set(key, [...(byKey.get(key) ?? []), file]);
  }
  const pairs: RenamePair[] = [];
  for (const file of added) {
    const candidates = byKey.get(bytesKey(file.data));
    const index = candidates?.findIndex((candidate) => sameBytes(candidate.data, file.data)) ?? -1;
    if (!candidates || index < 0) continue;
    // the same name in another folder first, as git prefers
    const better = candidates.findIndex((candidate) => baseName(candidate.path) === baseName(file.path) && sameBytes(candidate.data, file.data));
    const [from] = candidates.splice(better >= 0 ? better : index, 1);
    pairs.push({ from, to: file, similarity: 100 });
  }
  return pairs;
}

function similarRenames(deleted: readonly TreeFile[], added: readonly TreeFile[]): RenamePair[] {
  const scored: RenamePair[] = [];
  const lines = new Map<TreeFile, Map<string, number> | null>();
  const linesOf = (file: TreeFile) => {
    if (!lines.has(file)) lines.set(file, lineCounts(file.data));
    return lines.get(file)!;
  };
  for (const from of deleted) {
    for (const to of added) {
      const small = Math.min(from.data.byteLength, to.data.byteLength);
      const large = Math.max(from.data.byteLength, to.data.byteLength);
      if ((small * 100) / large < RENAME_THRESHOLD) continue; // cannot share half of the larger one
      const a = linesOf(from);
      const b = linesOf(to);
      if (!a || !b) continue;
      const similarity = Math.floor((sharedBytes(a, b) * 100) / large);
      if (similarity >= RENAME_THRESHOLD) scored.push({ from, to, similarity });
    }
  }
  scored.sort((x, y) => y.similarity - x.similarity || x.to.path.localeCompare(y.to.path));
  const usedFrom = new Set<string>();
  const usedTo = new Set<string>();
  const pairs: RenamePair[] = [];
  for (const pair of scored) {
    if (usedFrom.has(pair.from.path) || usedTo.has(pair.to.path)) continue;
    usedFrom.add(pair.from.path);
    usedTo.add(pair.to.path);
    pairs.push(pair);
  }
  return pairs;
}

/** How often each line (with its line end) occurs; null for a binary file. */
function lineCounts(data: Uint8Array): Map<string, number> | null {
  if (isBinary(data)) return null;
  const counts = new Map<string, number>();
  for (const line of (decodeText(data) ?? '').split(/(?<=\n)/)) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

/** Bytes of the lines two files share (each occurrence matched once). */
function sharedBytes(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  for (const [line, count] of a) {
    const other = b.get(line);
    if (other) shared += Math.min(count, other) * new TextEncoder().encode(line).byteLength;
  }
  return shared;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
