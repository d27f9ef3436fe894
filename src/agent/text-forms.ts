/**
 * Things some models write into the text instead of the proper fields: `<think>…</think>` reasoning, and tool
 * calls as text (`<tool_call>{…}</tool_call>`, LM Studio's `[TOOL_REQUEST]{…}[END_TOOL_REQUEST]` and
 * `<|tool_call_start|>[fn(arg="…")]<|tool_call_end|>`).
 */
import type { ModelDelta } from './delta';

const OPEN = '<think>';
const CLOSE = '</think>';
/** Where tool calls written as text begin: from there on the text is kept but not shown as it streams. */
const CALL_MARKERS = ['<tool_call>', '[TOOL_REQUEST]', '<|tool_call_start|>'];

/** Length of the longest end of `text` that is a beginning of `tag` (a tag cut between two chunks). */
function partialTagAtEnd(text: string, tag: string): number {
  for (let k = Math.min(tag.length - 1, text.length); k > 0; k--) {
    if (text.endsWith(tag.slice(0, k))) return k;
  }
  return 0;
}

/**
 * Splits streamed content into text and `<think>` reasoning, even when a tag is cut between chunks; text
 * from a tool-call marker on is kept (for extraction) but not reported as it streams.
 */
export class ThinkSplitter {
  text = '';
  reasoning = '';
  #buffer = '';
  #inThink = false;
  #muted = false;

  constructor(private readonly onDelta: (delta: ModelDelta) => void) {}

  push(piece: string): void {
    this.#buffer += piece;
    this.#drain(false);
  }

  /** The stream ended: whatever is held back is text (or reasoning, inside an unclosed tag). */
  flush(): void {
    this.#drain(true);
  }

  #drain(final: boolean): void {
    while (this.#buffer) {
      const tags = this.#inThink ? [CLOSE] : this.#muted ? [OPEN] : [OPEN, ...CALL_MARKERS];
      const found = tags
        .map((tag) => ({ tag, at: this.#buffer.indexOf(tag) }))
        .filter((hit) => hit.at >= 0)
        .sort((a, b) => a.at - b.at)[0];
      if (found?.tag === OPEN || found?.tag === CLOSE) {
        this.#emit(this.#buffer.slice(0, found.at));
        this.#buffer = this.#buffer.slice(found.at + found.tag.length);
        this.#inThink = !this.#inThink;
        continue;
      }
      if (found) {
        this.#emit(this.#buffer.slice(0, found.at));
        this.#buffer = this.#buffer.slice(found.at);
        this.#muted = true;
        continue;
      }
      const keep = final ? 0 : Math.max(...tags.map((tag) => partialTagAtEnd(this.#buffer, tag)));
      this.#emit(this.#buffer.slice(0, this.#buffer.length - keep));
      this.#buffer = this.#buffer.slice(this.#buffer.length - keep);
      return;
    }
  }

  #emit(piece: string): void {
    if (!piece) return;
    if (this.#inThink) {
      this.reasoning += piece;
      this.onDelta({ type: 'reasoning', text: piece });
    } else {
      this.text += piece;
      if (!this.#muted) this.onDelta({ type: 'text', text: piece });
    }
  }
}

/** A tool call found in text; its id is left empty for the caller to assign. */
export interface TextToolCall {
  id: string;
  name: string;
  arguments: string;
}

const BLOCKS = [
  /<tool_call>([\s\S]*?)(?:<\/tool_call>|$)/g,
  /\[TOOL_REQUEST\]([\s\S]*?)(?:\[END_TOOL_REQUEST\]|$)/g,
  /<\|tool_call_start\|>([\s\S]*?)(?:<\|tool_call_end\|>|$)/g,
];

/** Tool calls written as text, and the text without them. Unparseable blocks are left in the text. */
export function extractTextToolCalls(text: string): { text: string; calls: TextToolCall[] } {
  const calls: TextToolCall[] = [];
  let rest = text;
  for (const pattern of BLOCKS) {
    rest = rest.replace(pattern, (whole, inner: string) => {
      const found = parseJsonCalls(inner.trim()) ?? parsePythonicCalls(inner.trim());
      if (!found) return whole;
      calls.push(...found);
      return '';
    });
  }
  return { text: calls.length ? rest.trim() : text, calls };
}

function parseJsonCalls(inner: string): TextToolCall[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(inner);
  } catch {
    return undefined;
  }
  const items = Array.isArray(value) ? value : [value];
  const calls: TextToolCall[] = [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null || typeof item.name !== 'string') return undefined;
    const args = item.arguments ?? item.parameters ?? {};
    calls.push({ id: '', name: item.name, arguments: typeof args === 'string' ? args : JSON.stringify(args) });
  }
  return calls.length ? calls : undefined;
}

/** `[name(a="x", b=2), other()]`: the pythonic form some small models use. Undefined unless it all parses. */
function parsePythonicCalls(inner: string): TextToolCall[] | undefined {
  const scanner = new PyScanner(inner.trim().replace(/^\[/, '').replace(/\]$/, ''));
  const calls: TextToolCall[] = [];
  while (!scanner.done()) {
    const name = scanner.match(/[A-Za-z_][\w.-]*/y);
    if (!name || !scanner.match(/\s*\(/y)) return undefined;
    const args: Record<string, unknown> = {};
    while (!scanner.match(/\s*\)/y)) {
      const key = scanner.match(/\s*([A-Za-z_]\w*)\s*=\s*/y);
      const value = key === undefined ? undefined : scanner.literal();
      if (key === undefined || value === undefined) return undefined;
      args[key.replace(/[\s=]/g, '')] = value.value;
      scanner.match(/\s*,/y);
    }
    calls.push({ id: '', name, arguments: JSON.stringify(args) });
    scanner.match(/\s*,?\s*/y);
  }
  return calls.length ? calls : undefined;
}

/** A tiny scanner over Python call syntax: names, `=`, and literal values. */
class PyScanner {
  #at = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.#at >= this.text.length;
  }

  /** The text matched by a sticky pattern at the current position, consumed; undefined if it does not match. */
  match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.#at;
    const found = pattern.exec(this.text);
    if (!found) return undefined;
    this.#at = pattern.lastIndex;
    return found[0];
  }

  /** A string, number, True/False/None; undefined when there is none here. */
  literal(): { value: unknown } | undefined {
    const quoted = this.match(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/y);
    if (quoted) return { value: pythonString(quoted) };
    const word = this.match(/-?\d+(?:\.\d+)?|True|False|None/y);
    if (word === undefined) return undefined;
    return { value: word === 'True' ? true : word === 'False' ? false : word === 'None' ? null : Number(word) };
  }
}

function pythonString(literal: string): string {
  const body = literal.slice(1, -1);
  const asJson = literal.startsWith("'") ? body.replace(/\\'/g, "'").replace(/"/g, '\\"') : body;
  try {
    return JSON.parse(`"${asJson}"`) as string;
  } catch {
    return body;
  }
}
