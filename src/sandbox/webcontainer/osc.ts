/**
 * A streaming scanner for the OSC 654 markers that `jsh --osc` writes into its terminal output:
 * `ESC ] 654 ; interactive BEL`, `… ; prompt BEL`, `… ; exit=<pid>:<code> BEL`. Markers may be split across
 * chunks and several may arrive in one chunk; the scanner holds back an unfinished marker until it completes.
 */

/**
 * One marker jsh emitted. `exit` carries the exit code (the second number of `exit=<n>:<code>`) and, when
 * given, the first number as `id` (the command's process id), which tells a repeated or stale marker apart.
 */
export type JshMarker =
  | { kind: 'interactive' }
  | { kind: 'prompt' }
  | { kind: 'exit'; code: number; id?: number }
  | { kind: 'other'; payload: string };

/** A piece of the output stream: plain terminal text, or a marker (with its raw bytes). */
export type JshToken = { type: 'text'; text: string } | { type: 'marker'; marker: JshMarker; raw: string };

const START = '\x1b]654;';
const BEL = '\x07';
/** A marker longer than this is not one of ours: pass it through as text rather than hold it forever. */
const MAX_MARKER = 256;

/** Parse the payload between `ESC]654;` and BEL. */
export function parseMarker(payload: string): JshMarker {
  if (payload === 'interactive') return { kind: 'interactive' };
  if (payload === 'prompt') return { kind: 'prompt' };
  const exit = /^exit=(?:(-?\d+):)?(-?\d+)$/.exec(payload);
  if (exit) {
    const code = Number.parseInt(exit[2], 10);
    return exit[1] === undefined ? { kind: 'exit', code } : { kind: 'exit', code, id: Number.parseInt(exit[1], 10) };
  }
  return { kind: 'other', payload };
}

/** Length of the longest suffix of `text` that is a proper prefix of `START`. */
function partialStartLength(text: string): number {
  const max = Math.min(START.length - 1, text.length);
  for (let length = max; length > 0; length--) {
    if (START.startsWith(text.slice(text.length - length))) return length;
  }
  return 0;
}

/** Splits a chunked output stream into text and markers, the same tokens whatever the chunk boundaries. */
export class OscScanner {
  #pending = '';

  /** Feed one chunk; returns the tokens it completes. */
  push(chunk: string): JshToken[] {
    const tokens: JshToken[] = [];
    let buffer = this.#pending + chunk;
    this.#pending = '';
    while (buffer.length > 0) {
      const start = buffer.indexOf(START);
      if (start === -1) {
        const hold = partialStartLength(buffer);
        addText(tokens, buffer.slice(0, buffer.length - hold));
        this.#pending = buffer.slice(buffer.length - hold);
        break;
      }
      addText(tokens, buffer.slice(0, start));
      const end = buffer.indexOf(BEL, start + START.length);
      if (end === -1) {
        if (buffer.length - start > MAX_MARKER) {
          addText(tokens, buffer.slice(start, start + START.length));
          buffer = buffer.slice(start + START.length);
          continue;
        }
        this.#pending = buffer.slice(start);
        break;
      }
      const raw = buffer.slice(start, end + 1);
      tokens.push({ type: 'marker', marker: parseMarker(raw.slice(START.length, -1)), raw });
      buffer = buffer.slice(end + 1);
    }
    return tokens;
  }

  /** The end of the stream: whatever is held back is text. */
  flush(): JshToken[] {
    const tokens: JshToken[] = [];
    addText(tokens, this.#pending);
    this.#pending = '';
    return tokens;
  }
}

function addText(tokens: JshToken[], text: string): void {
  if (text === '') return;
  const last = tokens[tokens.length - 1];
  if (last?.type === 'text') last.text += text;
  else tokens.push({ type: 'text', text });
}

/** Merge adjacent text tokens (tokens from several pushes), for comparing token streams. */
export function mergeTokens(tokens: JshToken[]): JshToken[] {
  const merged: JshToken[] = [];
  for (const token of tokens) {
    if (token.type === 'text') addText(merged, token.text);
    else merged.push(token);
  }
  return merged;
}
