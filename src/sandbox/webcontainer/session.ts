/**
 * One long-lived `jsh --osc` session: commands are typed into it one at a time, so the working directory and
 * exported variables persist. A command ends on jsh's exit marker, which carries its exit code.
 */
import { OscScanner, type JshMarker } from './osc';
import { cleanOutput, echoLine, LiveOutput } from './terminal-text';
import type { WcProcess } from './port';

/** Bounds of the waits a session makes. */
export interface JshTimings {
  /** From spawn to the `interactive` marker. */
  readyMs: number;
  /** From Ctrl-C to the prompt marker. */
  interruptMs: number;
  /** From the exit marker (or the `interactive` marker) to the prompt marker that follows it. */
  promptMs: number;
  /** Silence after which a command whose last line looks like a question counts as waiting for input. */
  inputWaitMs: number;
}

export const DEFAULT_TIMINGS: JshTimings = { readyMs: 15_000, interruptMs: 5_000, promptMs: 1_000, inputWaitMs: 8_000 };

/** A last line that asks the person something: `Ok to proceed? (y)`, `[Y/n]`, `Password:`, `? Project name ›`. */
const ASKS_FOR_INPUT = /(\?\s*(\([^)]*\))?|\[[yYnN]\/[yYnN]\]|\([yYnN](\/[yYnN])?\)|:|›|>)\s*$/;

/** How a command ended in the session. */
export interface JshRunResult {
  exitCode: number;
  /** The model's copy: no echo, prompts, markers or escapes. */
  output: string;
  timedOut: boolean;
  aborted: boolean;
  /** The session died during the command (`exit`, `exec`, a crash) with this process exit code. */
  sessionEnded?: number;
  /** The session did not come back to its prompt after Ctrl-C: it must be replaced. */
  unresponsive?: boolean;
  /** The command was never typed (the session was not at an idle prompt). */
  notStarted?: boolean;
  /** Characters of raw output dropped at the cap (the start of it). */
  droppedChars?: number;
  /** The command sat silent on a question (this last line) and was interrupted: it wanted input. */
  waitingForInput?: string;
}

/** Options of one command. */
export interface JshRunOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  onOutput?: (chunk: string) => void;
}

type WaitOutcome =
  | { kind: 'marker'; marker: JshMarker }
  | { kind: 'timeout' }
  | { kind: 'aborted' }
  | { kind: 'ended' }
  | { kind: 'input'; line: string };

interface Waiter {
  accepts: (marker: JshMarker) => boolean;
  settle: (outcome: WaitOutcome) => void;
}

/** After jsh exits, how long its output may still drain before the session counts as ended. */
const EXIT_DRAIN_MS = 250;

/** The model's copy of one command's output keeps its last this-many characters. */
const MAX_COLLECTED = 1_000_000;

/** A `jsh --osc` process driven command by command. */
export class JshSession {
  readonly #process: WcProcess;
  readonly #writer: WritableStreamDefaultWriter<string>;
  readonly #scanner = new OscScanner();
  readonly #timings: JshTimings;
  #waiters = new Set<Waiter>();
  #live: LiveOutput | undefined;
  #collected: string | undefined;
  #dropped = 0;
  /** When the running command last printed something. */
  #lastOutputAt = 0;
  /** The running command's exit marker has arrived. */
  #commandDone = false;
  #interactive = false;
  #idle = false;
  /**
   * The id of the last exit marker taken. A marker repeating a non-zero id is a stale copy and is ignored.
   * (Recorded sessions also show `exit=0:<code>` for every command, so 0 says nothing and is never compared.)
   */
  #lastExitId: number | undefined;
  /** Ctrl-C was sent: a prompt marker may then come without an exit marker. */
  #interrupting = false;
  #ended: number | undefined;
  readonly #exited: Promise<number>;

  constructor(process: WcProcess, timings: JshTimings = DEFAULT_TIMINGS) {
    this.#process = process;
    this.#timings = timings;
    this.#writer = process.input.getWriter();
    this.#exited = process.exit.then(
      (code) => code,
      () => -1,
    );
    void this.#pump();
    // The output stream may never end when jsh exits: the exit itself ends the session, after a short drain.
    void this.#exited.then((code) => setTimeout(() => this.#end(code), EXIT_DRAIN_MS));
  }

  /** True once the process has ended (its output closed or it exited). */
  get ended(): boolean {
    return this.#ended !== undefined;
  }

  /** The process exit code once it has ended. */
  get exitCode(): number | undefined {
    return this.#ended;
  }

  /** Waits for the `interactive` marker; false when it did not come in time or the session ended. */
  async ready(signal?: AbortSignal): Promise<boolean> {
    if (this.#interactive) return true;
    const outcome = await this.#waitFor((m) => m.kind === 'interactive', this.#timings.readyMs, signal);
    return outcome.kind === 'marker';
  }

  /** Run one single-line command and wait for its exit marker. */
  async run(command: string, options: JshRunOptions = {}): Promise<JshRunResult> {
    if (this.#ended !== undefined) return { ...this.#endedResult('', this.#ended), notStarted: true };
    if (options.signal?.aborted) return { exitCode: 130, output: '', timedOut: false, aborted: true, notStarted: true };
    if (!this.#idle) await this.#waitFor((m) => m.kind === 'prompt', this.#timings.promptMs, options.signal);
    if (!this.#idle && !(await this.#interrupt())) {
      return { ...this.#unresponsiveResult('', false, false), notStarted: true };
    }
    this.#live = options.onOutput ? new LiveOutput(command, options.onOutput) : undefined;
    this.#collected = '';
    this.#dropped = 0;
    this.#idle = false;
    this.#commandDone = false;
    const exit = this.#waitFor((m) => m.kind === 'exit', options.timeoutMs, options.signal);
    this.#lastOutputAt = Date.now();
    await this.#write(`${command}\n`);
    const watch = this.#watchForQuestion(command);
    let outcome = await Promise.race([exit, watch.asked]);
    watch.stop();
    const question = outcome.kind === 'input' ? outcome.line : undefined;
    const stopped = outcome.kind === 'timeout' || outcome.kind === 'aborted' || outcome.kind === 'input';
    if (stopped) {
      const settled = await this.#interruptRunning();
      if (settled === undefined) return this.#finish(command, (raw) => this.#unresponsiveResult(raw, true, outcome.kind === 'aborted'));
      outcome = settled;
    }
    if (outcome.kind === 'marker' && !this.#idle) {
      await this.#waitFor((m) => m.kind === 'prompt', this.#timings.promptMs);
      // The exit marker came, so the command is done even if its prompt marker never does: do not make the
      // next command pay a Ctrl-C for it. A prompt marker that turns up late is ignored (see #onMarker).
      this.#idle = true;
    }
    if (outcome.kind === 'ended') {
      const code = await this.#exitCode();
      // Never echoed: the session was already dying when the command was typed, so it did not run.
      const typed = echoLine((this.#collected ?? '').split('\n').slice(0, -1), command) !== -1;
      return this.#finish(command, (raw) => ({ ...this.#endedResult(typed ? raw : '', code), ...(typed ? {} : { notStarted: true }) }));
    }
    const code = outcome.kind === 'marker' && outcome.marker.kind === 'exit' ? outcome.marker.code : 130;
    return this.#finish(command, (raw) => ({
      exitCode: code,
      output: raw,
      timedOut: stopped && question === undefined && !options.signal?.aborted,
      aborted: Boolean(options.signal?.aborted),
      ...(question !== undefined ? { waitingForInput: question } : {}),
    }));
  }

  /**
   * Settles with `input` when the command has printed nothing for `inputWaitMs` and its last line asks a
   * question (npx's "Ok to proceed? (y)", a create-* wizard): it is waiting for a person who is not there.
   */
  #watchForQuestion(command: string): { asked: Promise<WaitOutcome>; stop: () => void } {
    let timer: ReturnType<typeof setInterval> | undefined;
    const asked = new Promise<WaitOutcome>((resolve) => {
      const every = Math.max(50, Math.min(1_000, this.#timings.inputWaitMs / 4));
      timer = setInterval(() => {
        if (Date.now() - this.#lastOutputAt < this.#timings.inputWaitMs || this.#commandDone) return;
        const lines = cleanOutput(this.#collected ?? '', command).split('\n');
        const last = (lines.at(-1) === '' ? lines.at(-2) : lines.at(-1))?.trim() ?? '';
        if (last !== '' && ASKS_FOR_INPUT.test(last)) resolve({ kind: 'input', line: last });
      }, every);
    });
    return { asked, stop: () => clearInterval(timer) };
  }

  /** Type raw input (for a person's shell). */
  async write(data: string): Promise<void> {
    await this.#write(data);
  }

  /** End the process. */
  kill(): void {
    this.#process.kill();
  }

  #finish(command: string, build: (raw: string) => JshRunResult): JshRunResult {
    const raw = this.#collected ?? '';
    this.#live?.end();
    this.#collected = undefined;
    this.#live = undefined;
    const result = build(raw);
    const dropped = this.#dropped > 0 ? { droppedChars: this.#dropped } : {};
    return { ...result, ...dropped, output: cleanOutput(result.output, command) };
  }

  #endedResult(raw: string, code: number): JshRunResult {
    return { exitCode: code, output: raw, timedOut: false, aborted: false, sessionEnded: code };
  }

  #unresponsiveResult(raw: string, timedOut: boolean, aborted: boolean): JshRunResult {
    return { exitCode: 130, output: raw, timedOut: timedOut && !aborted, aborted, unresponsive: true };
  }

  /** Ctrl-C at a prompt we are not sure is idle; true once the prompt marker came. */
  async #interrupt(): Promise<boolean> {
    const prompt = this.#waitFor((m) => m.kind === 'prompt', this.#timings.interruptMs);
    this.#interrupting = true;
    await this.#write('\x03');
    const outcome = await prompt;
    this.#interrupting = false;
    return outcome.kind === 'marker';
  }

  /** Ctrl-C a running command; the exit marker if it sent one, else the prompt; undefined when neither came. */
  async #interruptRunning(): Promise<WaitOutcome | undefined> {
    let exit: JshMarker | undefined;
    const settled = this.#waitFor((m) => {
      if (m.kind === 'exit') exit = m;
      return m.kind === 'prompt';
    }, this.#timings.interruptMs);
    this.#interrupting = true;
    await this.#write('\x03');
    const outcome = await settled;
    this.#interrupting = false;
    if (outcome.kind === 'ended') return outcome;
    if (outcome.kind !== 'marker') return undefined;
    return { kind: 'marker', marker: exit ?? { kind: 'exit', code: 130 } };
  }

  async #write(data: string): Promise<void> {
    if (this.#ended !== undefined) return;
    try {
      await this.#writer.write(data);
    } catch (error) {
      this.#end(await this.#exitCode(), error);
    }
  }

  async #exitCode(): Promise<number> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-1), 1_000)));
    const code = await Promise.race([this.#exited, late]);
    clearTimeout(timer);
    return code;
  }

  async #pump(): Promise<void> {
    const reader = this.#process.output.getReader();
    let failure: unknown;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.#onChunk(value);
      }
    } catch (error) {
      failure = error;
    }
    for (const token of this.#scanner.flush()) if (token.type === 'text') this.#onText(token.text);
    this.#end(await this.#exitCode(), failure);
  }

  #end(code: number, failure?: unknown): void {
    if (this.#ended !== undefined) return;
    this.#ended = code;
    if (failure !== undefined) this.#onText(`\r\n[shell output failed: ${String(failure)}]\r\n`);
    for (const waiter of [...this.#waiters]) waiter.settle({ kind: 'ended' });
  }

  #onChunk(chunk: string): void {
    for (const token of this.#scanner.push(chunk)) {
      if (token.type === 'text') this.#onText(token.text);
      else this.#onMarker(token.marker);
    }
  }

  /** Output of the running command, up to its exit marker or the next prompt (what follows is the prompt). */
  #onText(text: string): void {
    if (this.#collected === undefined || this.#idle || this.#commandDone) return;
    this.#live?.push(text);
    this.#collected += text;
    this.#lastOutputAt = Date.now();
    const excess = this.#collected.length - MAX_COLLECTED;
    if (excess > 0) {
      this.#collected = this.#collected.slice(excess);
      this.#dropped += excess;
    }
  }

  #onMarker(marker: JshMarker): void {
    if (this.#stale(marker)) return;
    if (marker.kind === 'interactive') this.#interactive = true;
    if (marker.kind === 'exit') {
      this.#commandDone = true;
      this.#lastExitId = marker.id;
    }
    if (marker.kind === 'prompt') this.#idle = true;
    for (const waiter of [...this.#waiters]) if (waiter.accepts(marker)) waiter.settle({ kind: 'marker', marker });
  }

  /**
   * A marker that is not the running command's: an exit marker repeating one already taken, or a prompt
   * marker that arrives while a command runs before its exit marker (the last command's late prompt — taking
   * it would drop the running command's output). After Ctrl-C a prompt may come alone, and is taken.
   */
  #stale(marker: JshMarker): boolean {
    if (marker.kind === 'exit') return marker.id !== undefined && marker.id !== 0 && marker.id === this.#lastExitId;
    if (marker.kind !== 'prompt') return false;
    const running = this.#collected !== undefined && !this.#commandDone;
    return running && !this.#idle && !this.#interrupting;
  }

  /** Wait for a marker, bounded by a timeout and a signal; settles at once with `ended` on a dead session. */
  #waitFor(accepts: (marker: JshMarker) => boolean, timeoutMs?: number, signal?: AbortSignal): Promise<WaitOutcome> {
    if (this.#ended !== undefined) return Promise.resolve({ kind: 'ended' });
    if (signal?.aborted) return Promise.resolve({ kind: 'aborted' });
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => waiter.settle({ kind: 'aborted' });
      const waiter: Waiter = {
        accepts,
        settle: (outcome) => {
          this.#waiters.delete(waiter);
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(outcome);
        },
      };
      this.#waiters.add(waiter);
      if (timeoutMs !== undefined) timer = setTimeout(() => waiter.settle({ kind: 'timeout' }), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
