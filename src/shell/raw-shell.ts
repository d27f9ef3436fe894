/**
 * The person's shell when the sandbox has a real interactive one (WebContainer's `jsh`): the screen is wired
 * straight to it — keys in, bytes out, sizes on fit. When the shell ends a new one opens, with a note; one that
 * ends at once (or cannot open) waits for Enter instead, so a broken shell never loops.
 */
import type { InteractiveTerminal, TerminalSize } from '../sandbox/sandbox';

/** What the raw shell needs of its screen (a terminal). */
export interface RawScreen {
  write(data: string): void;
  /** Keys typed; returns the unsubscribe. */
  onData(listener: (data: string) => void): () => void;
  /** New sizes after a fit; returns the unsubscribe. */
  onResize(listener: (size: TerminalSize) => void): () => void;
  /** The size now; undefined before the terminal exists. */
  size(): TerminalSize | undefined;
}

/** Options of a raw shell. */
export interface RawShellOptions {
  /** A shell that ends sooner than this after opening is not reopened on its own (default 2 s). */
  quickExitMs?: number;
  now?: () => number;
}

/** Size asked for when the screen has none yet (its terminal has not been attached). */
const DEFAULT_SIZE: TerminalSize = { cols: 80, rows: 24 };
const DIM = '\x1b[2m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

/** Opens an interactive shell and keeps one open for the screen until disposed. */
export class RawShell {
  readonly #open: (size: TerminalSize) => Promise<InteractiveTerminal>;
  readonly #screen: RawScreen;
  readonly #quickExitMs: number;
  readonly #now: () => number;
  readonly #unsubscribe: (() => void)[];
  #terminal: InteractiveTerminal | undefined;
  #state: 'opening' | 'open' | 'waiting' | 'disposed' = 'opening';
  /** Settles when the latest attempt to open a shell has succeeded or failed. */
  opened: Promise<void>;

  constructor(open: (size: TerminalSize) => Promise<InteractiveTerminal>, screen: RawScreen, options: RawShellOptions = {}) {
    this.#open = open;
    this.#screen = screen;
    this.#quickExitMs = options.quickExitMs ?? 2_000;
    this.#now = options.now ?? Date.now;
    this.#unsubscribe = [screen.onData((data) => this.#input(data)), screen.onResize((size) => this.#terminal?.resize(size.cols, size.rows))];
    this.opened = this.#start();
  }

  /** End the shell and stop listening to the screen. */
  dispose(): void {
    this.#state = 'disposed';
    this.#unsubscribe.forEach((unsubscribe) => unsubscribe());
    this.#terminal?.kill();
    this.#terminal = undefined;
  }

  /** A method, not a comparison in place: the state can change across an await. */
  #disposed(): boolean {
    return this.#state === 'disposed';
  }

  #input(data: string): void {
    if (this.#state === 'open') this.#terminal?.write(data);
    else if (this.#state === 'waiting' && /[\r\n]/.test(data)) this.opened = this.#start();
  }

  async #start(): Promise<void> {
    this.#state = 'opening';
    const size = this.#screen.size() ?? DEFAULT_SIZE;
    let terminal: InteractiveTerminal;
    try {
      terminal = await this.#open(size);
    } catch (error) {
      if (this.#disposed()) return;
      this.#state = 'waiting';
      this.#screen.write(`${RED}The shell could not open: ${(error as Error).message ?? String(error)}${RESET}\r\n${DIM}Press Enter to try again.${RESET}\r\n`);
      return;
    }
    if (this.#disposed()) return terminal.kill();
    this.#attach(terminal, size);
  }

  #attach(terminal: InteractiveTerminal, size: TerminalSize): void {
    const openedAt = this.#now();
    this.#terminal = terminal;
    this.#state = 'open';
    const unsubscribe = terminal.onData((data) => this.#screen.write(data));
    const now = this.#screen.size();
    if (now && (now.cols !== size.cols || now.rows !== size.rows)) terminal.resize(now.cols, now.rows);
    void terminal.exit.then(
      (code) => this.#ended(terminal, unsubscribe, code, this.#now() - openedAt),
      () => this.#ended(terminal, unsubscribe, -1, this.#now() - openedAt),
    );
  }

  #ended(terminal: InteractiveTerminal, unsubscribe: () => void, code: number, livedMs: number): void {
    unsubscribe();
    if (this.#terminal !== terminal || this.#disposed()) return;
    this.#terminal = undefined;
    if (livedMs < this.#quickExitMs) {
      this.#state = 'waiting';
      this.#screen.write(`\r\n${DIM}[The shell ended at once (exit code ${code}). Press Enter to start a new one.]${RESET}\r\n`);
      return;
    }
    this.#screen.write(`\r\n${DIM}[The shell ended (exit code ${code}); a new one starts in the work dir.]${RESET}\r\n`);
    this.opened = this.#start();
  }
}
