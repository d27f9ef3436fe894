/**
 * Line editing for the person's shell, over the keys a terminal sends: typing, backspace/delete, left/right,
 * home/end, up/down through history, Ctrl-C, Ctrl-U, Ctrl-L, Enter. Pure: keys in, bytes and actions out.
 */

/** What the shell must do after some keys: write bytes, run a line, interrupt, clear the screen. */
export type EditorAction =
  | { type: 'write'; data: string }
  | { type: 'submit'; line: string }
  | { type: 'interrupt' }
  | { type: 'clear-screen' };

/** Escape sequences the editor understands, by their final bytes. */
const KEYS: Record<string, string> = {
  '\x1b[A': 'up',
  '\x1b[B': 'down',
  '\x1b[C': 'right',
  '\x1b[D': 'left',
  '\x1b[H': 'home',
  '\x1b[F': 'end',
  '\x1bOA': 'up',
  '\x1bOB': 'down',
  '\x1bOC': 'right',
  '\x1bOD': 'left',
  '\x1bOH': 'home',
  '\x1bOF': 'end',
  '\x1b[1~': 'home',
  '\x1b[4~': 'end',
  '\x1b[3~': 'delete',
};

/** One line being typed, with history. */
export class LineEditor {
  #line = '';
  #cursor = 0;
  #prompt = '';
  #history: string[] = [];
  /** Index into history while browsing it; history.length means "the line being typed". */
  #browse = 0;
  #draft = '';
  readonly #maxHistory: number;

  constructor(options: { maxHistory?: number } = {}) {
    this.#maxHistory = options.maxHistory ?? 500;
  }

  get line(): string {
    return this.#line;
  }

  get history(): readonly string[] {
    return this.#history;
  }

  /** Start a fresh line after `prompt` (written by the caller). */
  begin(prompt: string): void {
    this.#prompt = prompt;
    this.#line = '';
    this.#cursor = 0;
    this.#browse = this.#history.length;
    this.#draft = '';
  }

  /** Feed keys; returns what to do, in order. */
  feed(data: string): EditorAction[] {
    const actions: EditorAction[] = [];
    let text = '';
    const flushText = () => {
      if (text) actions.push(...this.#insert(text));
      text = '';
    };
    for (let i = 0; i < data.length; i++) {
      const char = data[i];
      if (char === '\x1b') {
        flushText();
        const sequence = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])?/.exec(data.slice(i))![0];
        i += sequence.length - 1;
        actions.push(...this.#key(KEYS[sequence]));
      } else if (char >= ' ' && char !== '\x7f') text += char;
      else {
        flushText();
        actions.push(...this.#control(char, data[i + 1]));
        if (char === '\r' && data[i + 1] === '\n') i++;
      }
    }
    flushText();
    return actions.filter((action) => action.type !== 'write' || action.data !== '');
  }

  #control(char: string, _next: string | undefined): EditorAction[] {
    switch (char) {
      case '\r':
      case '\n':
        return this.#submit();
      case '\x7f':
      case '\b':
        return this.#backspace();
      case '\x03':
        return [{ type: 'write', data: '^C\r\n' }, { type: 'interrupt' }];
      case '\x15': // Ctrl-U
        return this.#replace('');
      case '\x0c': // Ctrl-L
        return [{ type: 'clear-screen' }, { type: 'write', data: this.#prompt + this.#line + left(this.#line.length - this.#cursor) }];
      case '\x01':
        return this.#key('home');
      case '\x05':
        return this.#key('end');
      default:
        return []; // Tab and other control keys do nothing here
    }
  }

  #key(name: string | undefined): EditorAction[] {
    switch (name) {
      case 'left':
        return this.#moveTo(this.#cursor - 1);
      case 'right':
        return this.#moveTo(this.#cursor + 1);
      case 'home':
        return this.#moveTo(0);
      case 'end':
        return this.#moveTo(this.#line.length);
      case 'delete':
        if (this.#cursor === this.#line.length) return [];
        return this.#edit(this.#line.slice(0, this.#cursor) + this.#line.slice(this.#cursor + 1), this.#cursor);
      case 'up':
        return this.#browseTo(this.#browse - 1);
      case 'down':
        return this.#browseTo(this.#browse + 1);
      default:
        return [];
    }
  }

  #insert(text: string): EditorAction[] {
    const line = this.#line.slice(0, this.#cursor) + text + this.#line.slice(this.#cursor);
    if (this.#cursor === this.#line.length) {
      this.#line = line;
      this.#cursor = line.length;
      return [{ type: 'write', data: text }];
    }
    return this.#edit(line, this.#cursor + text.length);
  }

  #backspace(): EditorAction[] {
    if (this.#cursor === 0) return [];
    if (this.#cursor === this.#line.length) {
      this.#line = this.#line.slice(0, -1);
      this.#cursor--;
      return [{ type: 'write', data: '\b \b' }];
    }
    return this.#edit(this.#line.slice(0, this.#cursor - 1) + this.#line.slice(this.#cursor), this.#cursor - 1);
  }

  #submit(): EditorAction[] {
    const line = this.#line;
    if (line.trim() !== '' && this.#history.at(-1) !== line) {
      this.#history.push(line);
      if (this.#history.length > this.#maxHistory) this.#history.shift();
    }
    this.#line = '';
    this.#cursor = 0;
    return [{ type: 'write', data: '\r\n' }, { type: 'submit', line }];
  }

  #browseTo(index: number): EditorAction[] {
    if (index < 0 || index > this.#history.length) return [];
    if (this.#browse === this.#history.length) this.#draft = this.#line;
    this.#browse = index;
    return this.#replace(index === this.#history.length ? this.#draft : this.#history[index]);
  }

  #replace(line: string): EditorAction[] {
    return this.#edit(line, line.length);
  }

  /** Redraw the line (it is assumed to fit on one row) and put the cursor at `cursor`. */
  #edit(line: string, cursor: number): EditorAction[] {
    this.#line = line;
    this.#cursor = cursor;
    return [{ type: 'write', data: `\r${this.#prompt}${line}\x1b[K${left(line.length - cursor)}` }];
  }

  #moveTo(cursor: number): EditorAction[] {
    const to = Math.max(0, Math.min(this.#line.length, cursor));
    const by = to - this.#cursor;
    this.#cursor = to;
    if (by === 0) return [];
    return [{ type: 'write', data: by < 0 ? left(-by) : `\x1b[${by}C` }];
  }
}

function left(count: number): string {
  return count > 0 ? `\x1b[${count}D` : '';
}
