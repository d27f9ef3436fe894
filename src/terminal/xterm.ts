/** The Terminal port on xterm 6, fitted to its pane. The only module that imports `@xterm/*`. */
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SerializeAddon } from '@xterm/addon-serialize';
import '@xterm/xterm/css/xterm.css';
import type { TerminalPort } from './port';

/** Options of an xterm terminal. */
export interface XtermOptions {
  /** Lines kept above the screen (default 5000). */
  scrollback?: number;
  /** Ignore typing (the agent's terminal); `onData` then never fires. */
  readOnly?: boolean;
  /**
   * A log (the agent's terminal): output cannot switch it to the alternate screen, which has no scrollback
   * and would hide every earlier command; the mode switches are dropped (other modes in them still apply).
   */
  log?: boolean;
  theme?: ITheme;
  /**
   * The way out for the keyboard (the terminal is no focus trap): Esc calls this (move focus out); a read-only
   * terminal also lets Tab and Shift+Tab move focus as anywhere else on the page.
   */
  onEscape?: () => void;
}

/** DEC private modes that switch to the alternate screen: 47, 1047, and 1049 (which also saves the cursor). */
const ALTERNATE_SCREEN_MODES = new Set([47, 1047, 1049]);

/**
 * The data with alternate-screen switches taken out of every complete `CSI ? … h/l` in it; other modes of the
 * same sequence stay where they were. (A sequence cut across writes is caught by `keepOnNormalScreen`.)
 */
function withoutScreenSwitches(data: string): string {
  if (!data.includes('\x1b[?')) return data;
  // eslint-disable-next-line no-control-regex
  return data.replace(/\x1b\[\?([\d;:]*)([hl])/g, (sequence, params: string, final: string) => {
    const modes = params.split(';');
    const kept = modes.filter((mode) => !ALTERNATE_SCREEN_MODES.has(Number(mode)));
    if (kept.length === modes.length) return sequence;
    return kept.length > 0 ? `\x1b[?${kept.join(';')}${final}` : '';
  });
}

/** Drops alternate-screen switches (`CSI ? 1049 h` and the like) that reach the terminal's parser. */
function keepOnNormalScreen(term: Terminal): void {
  for (const final of ['h', 'l'] as const) {
    term.parser.registerCsiHandler({ prefix: '?', final }, (params) => {
      const modes = params.flat();
      const others = modes.filter((mode) => !ALTERNATE_SCREEN_MODES.has(mode));
      if (others.length === modes.length) return false; // none of ours: xterm handles it
      if (others.length > 0) term.write(`\x1b[?${others.join(';')}${final}`);
      return true;
    });
  }
}

/**
 * Hand xterm writes of at most this much: xterm parses one write in one go (its time slicing is between
 * writes), so a write's size bounds the longest task — 256 KB cost 50–370 ms tasks (bench/findings.md).
 */
const MAX_WRITE = 64 * 1024;
/** Keep this much handed to xterm and not yet parsed, so it never waits on us; the rest waits here. */
const IN_FLIGHT = 512 * 1024;

/** An xterm terminal in `host`, resized with it; writes are batched per animation frame with flow control. */
export class XtermTerminal implements TerminalPort {
  readonly #term: Terminal;
  readonly #fit = new FitAddon();
  readonly #serializer = new SerializeAddon();
  readonly #observer: ResizeObserver;
  #pending: string[] = [];
  #frame = 0;
  /** Characters handed to xterm and not yet parsed. */
  #inFlight = 0;
  /** Waiting in flushed() for the queue to drain. */
  #drained: (() => void)[] = [];
  #recorded: string[] = [];
  #disposed = false;
  readonly #log: boolean;

  constructor(host: HTMLElement, options: XtermOptions = {}) {
    this.#term = new Terminal({
      scrollback: options.scrollback ?? 5000,
      disableStdin: options.readOnly ?? false,
      cursorStyle: 'bar',
      cursorInactiveStyle: 'none',
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 13,
      theme: options.theme,
    });
    this.#log = options.log ?? false;
    if (this.#log) keepOnNormalScreen(this.#term);
    this.#term.loadAddon(this.#fit);
    this.#term.loadAddon(this.#serializer);
    const readOnly = options.readOnly ?? false;
    this.#term.attachCustomKeyEventHandler((event) => {
      if (event.key === 'Escape' && options.onEscape) {
        if (event.type === 'keydown') options.onEscape();
        return false;
      }
      return !(readOnly && event.key === 'Tab'); // false: xterm leaves the key to the browser
    });
    this.#term.open(host);
    this.#observer = new ResizeObserver(() => this.#fitSoon());
    this.#observer.observe(host);
    this.#fitSoon();
  }

  get cols(): number {
    return this.#term.cols;
  }

  get rows(): number {
    return this.#term.rows;
  }

  get recorded(): string {
    if (this.#recorded.length > 1) this.#recorded = [this.#recorded.join('')];
    return this.#recorded[0] ?? '';
  }

  write(data: string): void {
    if (!data || this.#disposed) return;
    this.#recorded.push(data);
    this.#pending.push(this.#log ? withoutScreenSwitches(data) : data);
    this.#schedule();
  }

  clear(): void {
    this.#pending = [];
    this.#recorded = [];
    // writes already handed to xterm cannot be taken back: the reset (RIS, what reset() does) goes after them
    if (this.#inFlight) this.#term.write('\x1bc');
    else this.#term.reset();
    this.#tellDrained();
  }

  onData(listener: (data: string) => void): () => void {
    const subscription = this.#term.onData(listener);
    return () => subscription.dispose();
  }

  onResize(listener: (size: { cols: number; rows: number }) => void): () => void {
    const subscription = this.#term.onResize(({ cols, rows }) => listener({ cols, rows }));
    return () => subscription.dispose();
  }

  setTheme(theme: ITheme): void {
    this.#term.options.theme = theme;
  }

  text(): string {
    const buffer = this.#term.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < buffer.length; row++) {
      const line = buffer.getLine(row);
      if (!line) continue;
      const text = line.translateToString(true);
      if (line.isWrapped && lines.length) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  serialize(): string {
    return this.#serializer.serialize();
  }

  /** Resolves once everything written so far has been parsed by xterm (bounded by `timeoutMs`). */
  flushed(timeoutMs = 5000): Promise<void> {
    if (this.#idle()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.#drained.push(done);
    });
  }

  dispose(): void {
    this.#disposed = true;
    cancelAnimationFrame(this.#frame);
    this.#tellDrained();
    this.#observer.disconnect();
    this.#term.dispose();
  }

  #schedule(): void {
    if (this.#frame || this.#inFlight >= IN_FLIGHT || this.#disposed) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#flush();
    });
  }

  /** Tops xterm's queue up to IN_FLIGHT; each write's callback tops it up again (a backlog never waits a frame). */
  #flush(): void {
    while (this.#pending.length && this.#inFlight < IN_FLIGHT && !this.#disposed) {
      const chunk = this.#takeChunk();
      this.#inFlight += chunk.length;
      this.#term.write(chunk, () => {
        this.#inFlight -= chunk.length;
        this.#flush();
        this.#tellDrained();
      });
    }
  }

  #idle(): boolean {
    return !this.#pending.length && !this.#inFlight;
  }

  #tellDrained(): void {
    if (!this.#idle() && !this.#disposed) return;
    const waiting = this.#drained;
    this.#drained = [];
    for (const done of waiting) done();
  }

  /** Up to MAX_WRITE characters from the front of the queue (xterm's parser copes with sequences cut in two). */
  #takeChunk(): string {
    const parts: string[] = [];
    let size = 0;
    while (this.#pending.length && size < MAX_WRITE) {
      const piece = this.#pending[0];
      const room = MAX_WRITE - size;
      if (piece.length > room) {
        parts.push(piece.slice(0, room));
        this.#pending[0] = piece.slice(room);
        size += room;
      } else {
        parts.push(piece);
        this.#pending.shift();
        size += piece.length;
      }
    }
    return parts.join('');
  }

  #fitSoon(): void {
    requestAnimationFrame(() => {
      if (this.#disposed) return;
      // fit() does nothing sensible while the pane is hidden (0×0); it runs again on the next resize
      if (this.#fit.proposeDimensions()) this.#fit.fit();
    });
  }
}
