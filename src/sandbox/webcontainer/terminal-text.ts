/** Turning raw terminal output into the plain text the model reads. */

// One escape sequence: OSC (to BEL or ST), CSI (parameters, final byte), charset selection, or two bytes.
// eslint-disable-next-line no-control-regex
const ESCAPE = /^(?:\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[([0-?]*)[ -/]*([@-~])|\x1b[()][0-9A-Za-z]|\x1b[@-Z\\-_=>78])/;

/**
 * What one line shows once drawn: a tiny line emulator for carriage returns, backspaces and the cursor and
 * erase sequences line editors and progress bars redraw with — cursor to column (`ESC[nG`), back and forward
 * (`ESC[nD`, `ESC[nC`), save and restore (`ESC[s`/`ESC[u`, `ESC 7`/`ESC 8`), erase in line and below
 * (`ESC[K`, `ESC[J`, `ESC[nX`), delete and insert (`ESC[nP`, `ESC[n@`); other escapes (colours) are dropped.
 */
export function renderLine(raw: string): string {
  const cells: string[] = [];
  let column = 0;
  let saved = 0;
  for (let i = 0; i < raw.length; ) {
    const char = raw[i];
    if (char === '\x1b') {
      const match = ESCAPE.exec(raw.slice(i));
      i += match ? match[0].length : 1;
      if (!match) continue;
      if (match[0] === '\x1b7') saved = column;
      else if (match[0] === '\x1b8') column = saved;
      else if (match[2]) ({ column, saved } = applyCsi(cells, column, saved, match[1], match[2]));
      continue;
    }
    const code = raw.codePointAt(i) ?? 0;
    const glyph = String.fromCodePoint(code);
    i += glyph.length;
    if (char === '\r') column = 0;
    else if (char === '\b') column = Math.max(0, column - 1);
    else if (char === '\t' || code >= 0x20) {
      while (cells.length < column) cells.push(' ');
      cells[column++] = glyph;
    }
  }
  return cells.join('').trimEnd();
}

/** One CSI sequence's effect on the line's cells and cursor (sequences that leave the line are ignored). */
function applyCsi(cells: string[], column: number, saved: number, params: string, final: string): { column: number; saved: number } {
  const n = Math.max(1, Number.parseInt(params || '1', 10) || 1);
  switch (final) {
    case 'G':
      return { column: n - 1, saved };
    case 'D':
      return { column: Math.max(0, column - n), saved };
    case 'C':
      return { column: column + n, saved };
    case 's':
      return { column, saved: column };
    case 'u':
      return { column: saved, saved };
    case 'K':
    case 'J':
      if (params === '2') cells.length = 0;
      else if (params === '1') cells.fill(' ', 0, Math.min(cells.length, column + 1));
      else cells.length = Math.min(cells.length, column);
      return { column, saved };
    case 'X':
      for (let k = column; k < Math.min(cells.length, column + n); k++) cells[k] = ' ';
      return { column, saved };
    case 'P':
      if (column < cells.length) cells.splice(column, n);
      return { column, saved };
    case '@':
      if (column < cells.length) cells.splice(column, 0, ...Array<string>(n).fill(' '));
      return { column, saved };
    default:
      return { column, saved };
  }
}

/** Remove escape sequences and control characters from text that has no cursor movement worth keeping. */
export function stripEscapes(text: string): string {
  return text.split('\n').map(renderLine).join('\n');
}

/**
 * The model's copy of a command's output: each line as drawn (escapes removed, overwrites settled), the
 * echo of the command line dropped, blank lines at the start and end trimmed.
 */
export function cleanOutput(raw: string, command: string): string {
  const rawLines = raw.split('\n');
  const echo = echoLine(rawLines.slice(0, -1), command);
  const lines = rawLines.slice(echo + 1).map(renderLine);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** True when `line` (raw, one line) is jsh echoing `command` as it was typed. */
export function isEcho(line: string, command: string): boolean {
  const echoed = command.trim();
  return echoed !== '' && renderLine(line.replace(/\n$/, '')).trim().endsWith(echoed);
}

/**
 * The echo is looked for among this many first lines: the rest of a prompt drawn just before the command
 * was typed (its path line, the ❯ line) can come first.
 */
const ECHO_SEARCH_LINES = 4;
/** A long command's echo may be broken over this many lines where the line editor wraps it itself. */
const ECHO_WRAP_LINES = 4;

/**
 * Index of the last line of the echo among complete `lines`, or -1 when none of the first few is the echo.
 * An echo the line editor broke over several lines (`\r\n` at the terminal's width) counts when its lines,
 * drawn and joined, end with the command.
 */
export function echoLine(lines: string[], command: string): number {
  const limit = Math.min(lines.length, ECHO_SEARCH_LINES);
  for (let i = 0; i < limit; i++) if (isEcho(lines[i], command)) return i;
  // compared without blanks: a piece that ended in the space where the editor wrapped was drawn without it
  const squash = (text: string) => text.replace(/\s+/g, '');
  const echoed = squash(command);
  if (echoed === '' || command.trim().includes('\n')) return -1;
  for (let start = 0; start < limit; start++) {
    let joined = squash(renderLine(lines[start]));
    for (let end = start + 1; end < Math.min(lines.length, start + ECHO_WRAP_LINES); end++) {
      joined += squash(renderLine(lines[end]));
      if (joined.endsWith(echoed)) return end;
    }
  }
  return -1;
}

/** Line ends for `onOutput`: `\r\n` becomes `\n` (a lone `\r`, as progress bars use, is kept). */
export class LineEnds {
  #heldReturn = false;

  /** Convert one chunk; a trailing `\r` is held until the next chunk shows what follows it. */
  push(chunk: string): string {
    let text = (this.#heldReturn ? '\r' : '') + chunk;
    this.#heldReturn = text.endsWith('\r');
    if (this.#heldReturn) text = text.slice(0, -1);
    return text.replace(/\r\n/g, '\n');
  }
}

/** The most output held back while looking for the echo. */
const MAX_ECHO_HOLD = 64 * 1024;

/**
 * The live copy of a command's output for `onOutput`, as it arrives: the echoed command line (and any prompt
 * text before it) dropped, since the terminal draws its own; escapes kept for the terminal.
 */
export class LiveOutput {
  readonly #command: string;
  readonly #emit: (chunk: string) => void;
  readonly #lineEnds = new LineEnds();
  #held: string | undefined = '';

  constructor(command: string, emit: (chunk: string) => void) {
    this.#command = command;
    this.#emit = emit;
  }

  /** Text of the command's output (no markers). */
  push(text: string): void {
    if (this.#held === undefined) return this.#send(text);
    this.#held += text;
    const lines = this.#held.split('\n');
    const complete = lines.slice(0, -1);
    const echo = echoLine(complete, this.#command);
    if (echo === -1 && complete.length < ECHO_SEARCH_LINES && this.#held.length < MAX_ECHO_HOLD) return;
    const held = this.#held;
    this.#held = undefined;
    this.#send(echo === -1 ? held : lines.slice(echo + 1).join('\n'));
  }

  /** The command ended: whatever is still held back is output (all of it when no echo was seen). */
  end(): void {
    if (this.#held === undefined || this.#held === '') return;
    const lines = this.#held.split('\n');
    const echo = echoLine(lines, this.#command);
    this.#held = undefined;
    this.#send(lines.slice(echo + 1).join('\n'));
  }

  #send(text: string): void {
    const converted = this.#lineEnds.push(text);
    if (converted !== '') this.#emit(converted);
  }
}
