/** The Terminal port: what the app needs of a terminal, so nothing but src/terminal knows about xterm. */
export interface TerminalPort {
  /** Columns and rows currently shown (they change when the pane is resized). */
  readonly cols: number;
  readonly rows: number;
  /** Everything written since the last `clear()`, byte for byte (for tests and replays). */
  readonly recorded: string;
  /** Show these bytes (ANSI included). Writes are batched: cheap to call per chunk. */
  write(data: string): void;
  /** Empty the screen, the scrollback and the recording. */
  clear(): void;
  /** Keys the person types; returns the unsubscribe function. */
  onData(listener: (data: string) => void): () => void;
  /** New `cols`×`rows` after the terminal was fitted to its pane; returns the unsubscribe function. */
  onResize(listener: (size: { cols: number; rows: number }) => void): () => void;
  /** The visible buffer and scrollback as plain text, one line per row (trailing spaces trimmed). */
  text(): string;
  /** The visible buffer and scrollback with their colours, as ANSI bytes that redraw them. */
  serialize(): string;
  dispose(): void;
}

/**
 * What the terminal's region element exposes for tests (`locator.evaluate(el => el.autopilotTerminal.recorded)`),
 * since xterm renders only the visible rows into the DOM.
 */
export type TerminalProbe = Pick<TerminalPort, 'recorded' | 'text' | 'serialize'>;
