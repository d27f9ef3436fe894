/**
 * The JSON of streamed chunks, parsed without parsing most of them. A server streams thousands of chunks that
 * differ from the one before only in one string (the 4 characters of text or arguments they carry): the id, the
 * model, the choice and the tool-call index repeat. `JSON.parse` of each costs about 1 µs — the largest part of
 * a fast stream's cost in Node (bench/findings.md). So the shape is learnt once: the text before and after the
 * string that changed, checked by parsing it with a marker in that string's place. A chunk that starts and ends
 * with the same text is the same object but for that string, which is read straight from between them. Anything
 * else is parsed in full, and may teach a new shape.
 *
 * Why it is exact: if `before + S + after` parses to an object whose one string is S, then for any text `m` that
 * is a whole JSON string body on its own (`"m"` parses), `before + m + after` lexes to the same tokens but that
 * string's, so it parses to the same object with that string read from `m`.
 */

/** A string leaf of a parsed chunk: its parent and key. */
interface Leaf {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
}

interface Shape {
  before: string;
  after: string;
  /** The object this shape parses to; the leaf is overwritten for each chunk that fits. */
  object: unknown;
  leaf: Leaf;
}

/** Give up learning shapes after this many failed tries in a row (a server whose chunks all differ). */
const MAX_MISSES = 16;
/** A string no other leaf may hold (checked), written escaped: outside a string it is not JSON, so a wrong quote fails. */
const MARKER = '\u0001chunk-json-marker\u0001';
const MARKER_JSON = '\\u0001chunk-json-marker\\u0001';
const NEEDS_DECODING = /["\\\u0000-\u001f]/;

/**
 * Parses one stream's chunks in order. The value `parse` returns may be the same object as the last one, with
 * one string changed: read it before the next call, and keep strings from it, not objects.
 */
export class ChunkJson {
  #shape: Shape | undefined;
  #previous: string | undefined;
  #misses = 0;

  parse(data: string): unknown {
    const shape = this.#shape;
    const value = shape && fitting(shape, data);
    if (shape && value !== undefined) {
      this.#previous = data;
      setLeaf(shape.leaf, value);
      return shape.object;
    }
    const parsed: unknown = JSON.parse(data);
    const previous = this.#previous;
    this.#previous = data;
    if (previous !== undefined && this.#misses < MAX_MISSES) {
      const learnt = learn(previous, data, parsed);
      // an odd chunk (the last one, with finish_reason) keeps the shape the others have
      this.#shape = learnt ?? this.#shape;
      this.#misses = learnt ? 0 : this.#misses + 1;
    }
    return parsed;
  }
}

/** The string `data` holds where the shape has its leaf; undefined when `data` is not of this shape. */
function fitting({ before, after }: Shape, data: string): string | undefined {
  const end = data.length - after.length;
  // slices compared, not startsWith: that ran ten times slower in V8 here (bench/findings.md)
  if (end < before.length || data.slice(0, before.length) !== before || data.slice(end) !== after) return undefined;
  return stringBody(data.slice(before.length, end));
}

/** What JSON text `m` means as the body of a string (between its quotes); undefined when it is not one. */
function stringBody(m: string): string | undefined {
  if (!NEEDS_DECODING.test(m)) return m;
  try {
    return JSON.parse(`"${m}"`) as string;
  } catch {
    return undefined; // an unescaped quote, a bad escape, a raw control character: not one string
  }
}

/** The shape two chunks share, when they differ inside one string only and `data` parses to `parsed` by it. */
function learn(previous: string, data: string, parsed: unknown): Shape | undefined {
  let start = 0;
  const most = Math.min(previous.length, data.length);
  while (start < most && previous.charCodeAt(start) === data.charCodeAt(start)) start++;
  if (start === data.length && start === previous.length) return undefined; // the same chunk: nothing to learn from
  let end = 0;
  while (end < most - start && previous.charCodeAt(previous.length - 1 - end) === data.charCodeAt(data.length - 1 - end)) end++;
  const open = data.lastIndexOf('"', start - 1);
  const close = data.indexOf('"', data.length - end);
  if (open < 0 || close < 0 || close <= open) return undefined;
  const before = data.slice(0, open + 1);
  const after = data.slice(close);
  const value = stringBody(data.slice(open + 1, close));
  if (value === undefined) return undefined;
  let object: unknown;
  try {
    object = JSON.parse(before + MARKER_JSON + after);
  } catch {
    return undefined; // the quote found was not where a string begins
  }
  const leaves: Leaf[] = [];
  if (!markers(object, leaves) || leaves.length !== 1) return undefined;
  const leaf = leaves[0];
  setLeaf(leaf, value);
  if (JSON.stringify(object) !== JSON.stringify(parsed)) return undefined;
  return { before, after, object, leaf };
}

/** Gathers the string leaves equal to MARKER; false when a key is MARKER (the marker is not a value then). */
function markers(value: unknown, found: Leaf[]): boolean {
  if (typeof value !== 'object' || value === null) return true;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
  for (const [key, item] of entries) {
    if (key === MARKER) return false;
    if (item === MARKER) found.push({ parent: value as Leaf['parent'], key });
    else if (!markers(item, found)) return false;
  }
  return true;
}

function setLeaf(leaf: Leaf, value: string): void {
  (leaf.parent as Record<string | number, unknown>)[leaf.key] = value;
}
