/**
 * The person's shell: a line-based shell over the Sandbox port's `exec`, for both sandboxes. It keeps its own
 * working directory (each command runs with `cwd`, so the agent's session is not moved), handles `cd` and
 * `clear` itself, and shows a command's output as the sandbox gives it (live in WebContainer, at the end in
 * the lite sandbox). Ctrl-C stops the running command.
 */
import type { ExecResult } from '../core/exec';
import { WORKDIR, type ExecOptions } from '../sandbox/sandbox';
import { LineEditor, type EditorAction } from './line-editor';

/** What the shell needs of the sandbox. */
export interface ShellHost {
  exec(command: string, options: ExecOptions): Promise<ExecResult>;
}

/** Where the shell writes (a terminal). */
export interface ShellScreen {
  write(data: string): void;
  clear?(): void;
}

/** Options of a person's shell. */
export interface PersonShellOptions {
  /** Where it starts (default: the work dir). */
  cwd?: string;
  /** Longest a command may run before it is stopped (default 30 minutes; Ctrl-C stops it sooner). */
  timeoutMs?: number;
  /** First lines shown (default: a one-line note on what this shell is). */
  banner?: string;
}

const DIM = '\x1b[2m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

/** The person's line-based shell; feed it keys with `input`. */
export class PersonShell {
  readonly #host: ShellHost;
  readonly #screen: ShellScreen;
  readonly #editor = new LineEditor();
  readonly #timeoutMs: number;
  #cwd: string;
  #running: AbortController | undefined;
  #atLineStart = true;
  #disposed = false;
  /** Settles when the command being run (if any) has ended and the prompt is back. */
  idle: Promise<void> = Promise.resolve();

  constructor(host: ShellHost, screen: ShellScreen, options: PersonShellOptions = {}) {
    this.#host = host;
    this.#screen = screen;
    this.#cwd = options.cwd ?? WORKDIR;
    this.#timeoutMs = options.timeoutMs ?? 30 * 60_000;
    const banner = options.banner ?? `${DIM}Your shell in the sandbox. It runs each line as one command; cd and clear are its own.${RESET}`;
    if (banner) this.#screen.write(`${banner}\r\n`);
    this.#prompt();
  }

  /** The shell's working directory (absolute). */
  get cwd(): string {
    return this.#cwd;
  }

  /** Keys the person typed. While a command runs, only Ctrl-C counts. */
  input(data: string): void {
    if (this.#disposed) return;
    if (this.#running) {
      if (data.includes('\x03')) this.#running.abort();
      return;
    }
    for (const action of this.#editor.feed(data)) this.#act(action);
  }

  /** Stop a running command and ignore further keys. */
  dispose(): void {
    this.#disposed = true;
    this.#running?.abort();
  }

  #act(action: EditorAction): void {
    if (action.type === 'write') {
      this.#screen.write(action.data);
      this.#atLineStart = action.data.endsWith('\n');
    }
    else if (action.type === 'clear-screen') this.#clearScreen();
    else if (action.type === 'interrupt') this.#prompt();
    else if (!this.#running) this.idle = this.#run(action.line.trim());
  }

  async #run(line: string): Promise<void> {
    if (line === '') return this.#prompt();
    if (line === 'clear') {
      this.#clearScreen();
      return this.#prompt();
    }
    const controller = (this.#running = new AbortController());
    try {
      const cd = /^cd(?:\s+(.+))?$/.exec(line);
      if (cd) await this.#changeDir(unquote(cd[1]?.trim() ?? ''), controller.signal);
      else await this.#exec(line, controller.signal);
    } catch (error) {
      this.#out(`${RED}The command could not run: ${(error as Error).message ?? String(error)}${RESET}\r\n`);
    } finally {
      this.#running = undefined;
      if (!this.#disposed) this.#prompt();
    }
  }

  async #exec(line: string, signal: AbortSignal): Promise<void> {
    let streamed = false;
    const result = await this.#host.exec(line, {
      cwd: this.#cwd,
      signal,
      timeoutMs: this.#timeoutMs,
      onOutput: (chunk) => {
        streamed = true;
        this.#out(chunk);
      },
    });
    if (!streamed) this.#out(result.output);
    if (result.timedOut) this.#out(`${RED}[stopped: it ran past ${Math.round(this.#timeoutMs / 1000)} s]${RESET}\r\n`);
    else if (signal.aborted) this.#out(`${DIM}[stopped]${RESET}\r\n`);
    else if (result.exitCode !== 0) this.#out(`${RED}[exit ${result.exitCode}]${RESET}\r\n`);
  }

  async #changeDir(target: string, signal: AbortSignal): Promise<void> {
    const to = target === '' || target === '~' ? WORKDIR : target.replace(/^~(?=\/)/, WORKDIR);
    const result = await this.#host.exec(`cd ${quote(to)} && pwd`, { cwd: this.#cwd, signal, timeoutMs: 10_000 });
    const lines = result.output.trim().split(/\r?\n/);
    const path = lines.at(-1) ?? '';
    if (result.exitCode === 0 && path.startsWith('/')) this.#cwd = path;
    else this.#out(`${RED}cd: ${target}: no such directory${RESET}\r\n`);
  }

  /** Write program output with lone `\n` as `\r\n`, remembering whether the cursor is at a line start. */
  #out(text: string): void {
    if (text === '') return;
    const data = text.replace(/(?<!\r)\n/g, '\r\n');
    this.#screen.write(data);
    this.#atLineStart = data.endsWith('\n');
  }

  #prompt(): void {
    const fresh = this.#atLineStart ? '' : '\r\n';
    const prompt = `\x1b[1;32m${displayPath(this.#cwd)}\x1b[0m $ `;
    this.#screen.write(fresh + prompt);
    this.#atLineStart = false;
    this.#editor.begin(prompt);
  }

  #clearScreen(): void {
    if (this.#screen.clear) this.#screen.clear();
    else this.#screen.write('\x1b[2J\x1b[3J\x1b[H');
    this.#atLineStart = true;
  }
}

/** `/home/project/src` as `project/src`: the work dir's name and what is under it; other paths in full. */
export function displayPath(cwd: string): string {
  if (cwd === WORKDIR || cwd.startsWith(`${WORKDIR}/`)) return `project${cwd.slice(WORKDIR.length)}`;
  return cwd;
}

function unquote(text: string): string {
  const match = /^(['"])(.*)\1$/.exec(text);
  return match ? match[2] : text;
}

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
