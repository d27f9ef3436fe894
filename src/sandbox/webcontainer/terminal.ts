/**
 * The person's interactive shell in WebContainer: its own `jsh` process with a terminal, separate from the
 * agent's `jsh --osc` session, so typing in it never queues behind the agent nor moves the agent's cwd or env.
 */
import { SandboxError } from '../../core/errors';
import type { InteractiveTerminal, TerminalSize } from '../sandbox';
import type { WcInstance, WcProcess } from './port';

/** How long `exit` waits, after the process ended, for the rest of its output before it resolves anyway. */
const DRAIN_MS = 500;

/** Spawn a `jsh` with a terminal of this size (and `env`: the sandbox's PATH) and wrap it as an InteractiveTerminal. */
export async function openJshTerminal(instance: WcInstance, size: TerminalSize, env?: Record<string, string>): Promise<InteractiveTerminal> {
  let process: WcProcess;
  try {
    process = await instance.spawn('jsh', [], env ? { terminal: cells(size), env } : { terminal: cells(size) });
  } catch (error) {
    throw new SandboxError(`Could not start a shell (jsh): ${(error as Error).message}. Reload the page to start a new container.`);
  }
  return new JshTerminal(process);
}

/** Whole cells, at least one: xterm reports 0×0 while its pane is hidden. */
function cells(size: TerminalSize): TerminalSize {
  return { cols: Math.max(1, Math.floor(size.cols)), rows: Math.max(1, Math.floor(size.rows)) };
}

/** A spawned `jsh` process as an InteractiveTerminal. */
class JshTerminal implements InteractiveTerminal {
  readonly exit: Promise<number>;
  readonly #process: WcProcess;
  readonly #writer: WritableStreamDefaultWriter<string>;
  readonly #listeners = new Set<(data: string) => void>();
  /** Output that arrived before anyone listened (the first prompt, usually). */
  #early: string[] = [];
  #ended = false;

  constructor(process: WcProcess) {
    this.#process = process;
    this.#writer = process.input.getWriter();
    const drained = this.#pump();
    this.exit = process.exit
      .catch(() => -1)
      .then(async (code) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([drained, new Promise((resolve) => (timer = setTimeout(resolve, DRAIN_MS)))]);
        clearTimeout(timer);
        this.#ended = true;
        return code;
      });
  }

  write(data: string): void {
    if (this.#ended || data === '') return;
    this.#writer.write(data).catch((error: unknown) => {
      if (!this.#ended) this.#deliver(`\r\n\x1b[31m[the shell did not take the input: ${(error as Error).message ?? String(error)}]\x1b[0m\r\n`);
    });
  }

  resize(cols: number, rows: number): void {
    if (!this.#ended) this.#process.resize(cells({ cols, rows }));
  }

  onData(listener: (data: string) => void): () => void {
    this.#listeners.add(listener);
    const early = this.#early.join('');
    this.#early = [];
    if (early) listener(early);
    return () => this.#listeners.delete(listener);
  }

  kill(): void {
    this.#process.kill();
  }

  async #pump(): Promise<void> {
    const reader = this.#process.output.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        this.#deliver(value);
      }
    } catch (error) {
      this.#deliver(`\r\n\x1b[31m[the shell's output failed: ${(error as Error).message ?? String(error)}]\x1b[0m\r\n`);
    }
  }

  #deliver(data: string): void {
    if (this.#listeners.size === 0) this.#early.push(data);
    else this.#listeners.forEach((listener) => listener(data));
  }
}
