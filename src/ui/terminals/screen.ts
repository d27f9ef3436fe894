/**
 * A terminal screen that can be written before its xterm exists and while its tab is hidden: writes wait in a
 * buffer and reach xterm once it is attached and visible (after it has been fitted to its pane), so output
 * that arrived in a hidden tab wraps at the width the person sees.
 */
import type { TerminalPort, TerminalProbe } from '../../terminal/port';

/** Characters of the recording kept for tests and probes (the tail). */
const MAX_RECORDED = 2_000_000;

/** A screen for one tab; the tab's pane attaches the xterm and says when it is visible. */
export class BufferedScreen implements TerminalProbe {
  #term: TerminalPort | null = null;
  #visible = false;
  #pending: string[] = [];
  #recorded = '';
  #inputs = new Set<(data: string) => void>();
  #resizes = new Set<(size: { cols: number; rows: number }) => void>();
  #unsubscribeTerm: (() => void)[] = [];
  /** Defers the flush after a tab becomes visible until xterm has been fitted (two frames by default). */
  readonly #afterFit: (run: () => void) => void;

  constructor(afterFit: (run: () => void) => void = nextFrames) {
    this.#afterFit = afterFit;
  }

  /** Everything written since the last clear, including what waits in the buffer. */
  get recorded(): string {
    return this.#recorded;
  }

  write(data: string): void {
    if (!data) return;
    this.#recorded = (this.#recorded + data).slice(-MAX_RECORDED);
    if (this.#term && this.#visible && this.#pending.length === 0) this.#term.write(data);
    else this.#pending.push(data);
  }

  clear(): void {
    this.#pending = [];
    this.#recorded = '';
    this.#term?.clear();
  }

  /** Keys typed into the terminal; returns the unsubscribe. */
  onData(listener: (data: string) => void): () => void {
    this.#inputs.add(listener);
    return () => this.#inputs.delete(listener);
  }

  /** Sizes the terminal is fitted to; returns the unsubscribe. */
  onResize(listener: (size: { cols: number; rows: number }) => void): () => void {
    this.#resizes.add(listener);
    return () => this.#resizes.delete(listener);
  }

  /** The terminal's size now; undefined before one is attached. */
  size(): { cols: number; rows: number } | undefined {
    return this.#term ? { cols: this.#term.cols, rows: this.#term.rows } : undefined;
  }

  text(): string {
    return this.#term?.text() ?? '';
  }

  serialize(): string {
    return this.#term?.serialize() ?? '';
  }

  attach(term: TerminalPort): void {
    this.#term = term;
    this.#unsubscribeTerm = [
      term.onData((data) => this.#inputs.forEach((listener) => listener(data))),
      term.onResize((size) => this.#resizes.forEach((listener) => listener(size))),
    ];
    this.#flushSoon();
  }

  detach(): void {
    this.#unsubscribeTerm.forEach((unsubscribe) => unsubscribe());
    this.#unsubscribeTerm = [];
    this.#term = null;
    this.#pending = this.#recorded ? [this.#recorded] : [];
  }

  setVisible(visible: boolean): void {
    const shown = visible && !this.#visible;
    this.#visible = visible;
    if (shown) this.#flushSoon();
  }

  #flushSoon(): void {
    this.#afterFit(() => {
      if (!this.#term || !this.#visible || this.#pending.length === 0) return;
      const data = this.#pending.join('');
      this.#pending = [];
      this.#term.write(data);
    });
  }
}

function nextFrames(run: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(run));
}
