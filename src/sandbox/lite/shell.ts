/** The lite sandbox's session: commands run one after another, cwd and variables carried between them. */
import type { ExecResult } from '../../core/exec';
import { normalizePosix } from '../paths';
import { capOutput, joinOutput } from '../output';
import { WORKDIR, type ExecOptions } from '../sandbox';
import type { Engine } from './engine';
import { runStoppable, type StopReason } from './run';

/** The shell state carried from one command to the next. */
export interface ShellState {
  cwd: string;
  env: Record<string, string>;
}

/** Bounds of the session's commands. */
export interface ShellLimits {
  maxOutputChars: number;
  stopGraceMs: number;
}

/** What the person and the model read when a command was stopped. */
export function stopNote(reason: StopReason, timeoutMs?: number): string {
  const what = reason === 'timeout' ? `Timed out after ${timeoutMs} ms and stopped` : 'Stopped before it finished';
  return (
    `[${what}. The lite sandbox reports a command's output only when it ends, so its output is lost; ` +
    `files it wrote before it stopped remain. The shell's cwd and variables are as before the command.]\n`
  );
}

/** Runs session commands on an engine. */
export class LiteShell {
  #state: ShellState;

  constructor(
    private readonly engine: Engine,
    private readonly limits: ShellLimits,
  ) {
    this.#state = this.initialState();
  }

  /** A copy of the current state, for commands (processes) that start from it. */
  get state(): ShellState {
    return { cwd: this.#state.cwd, env: { ...this.#state.env } };
  }

  /** Back to a fresh shell: the work dir, the starting variables. */
  reset(): void {
    this.#state = this.initialState();
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const started = performance.now();
    const cwd = options.cwd === undefined ? this.#state.cwd : absoluteCwd(options.cwd, WORKDIR);
    const env = { ...this.#state.env, ...options.env, PWD: cwd };
    const outcome = await runStoppable(this.engine, command, {
      cwd,
      env,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      graceMs: this.limits.stopGraceMs,
    });
    let result: ExecResult;
    if (outcome.stopped === false) {
      const { stdout, stderr, exitCode, env: after } = outcome.result;
      this.#carry(after, options);
      const repaired = await this.#repair();
      result = this.#finish({ stdout, stderr: stderr + repaired, exitCode, started });
    } else {
      const partial = outcome.result ? joinOutput(outcome.result.stdout, dropAbortLine(outcome.result.stderr)) : '';
      result = {
        ...this.#finish({ stdout: partial, stderr: stopNote(outcome.stopped, options.timeoutMs), started }),
        exitCode: outcome.stopped === 'timeout' ? 124 : 130,
        timedOut: outcome.stopped === 'timeout',
        outputLost: true,
      };
      delete result.stdout;
      delete result.stderr;
    }
    if (result.output !== '') options.onOutput?.(result.output);
    return result;
  }

  /**
   * Put back what must always exist: the work dir (and the home dir), and a cwd that is still there. Says
   * what it did, for the model and the person ('' when all was well).
   */
  async #repair(): Promise<string> {
    let note = '';
    if ((await this.engine.ensureDirs()).workdir) note += `[The lite sandbox: ${WORKDIR} was gone; it was recreated, empty.]\n`;
    if (!(await this.engine.fs.exists(this.#state.cwd))) {
      note += `[The lite sandbox: the cwd ${this.#state.cwd} no longer exists; the shell is back in ${WORKDIR}.]\n`;
      this.#state = { cwd: WORKDIR, env: { ...this.#state.env, PWD: WORKDIR } };
    }
    return note;
  }

  /** Take the state a command left, minus its one-command variables and cwd. */
  #carry(after: Record<string, string>, options: ExecOptions): void {
    const env = { ...after };
    for (const [key, value] of Object.entries(options.env ?? {})) {
      if (env[key] !== value) continue; // the command set it itself: keep it
      if (key in this.#state.env) env[key] = this.#state.env[key];
      else delete env[key];
    }
    const cwd = options.cwd === undefined ? (after.PWD ?? this.#state.cwd) : this.#state.cwd;
    env.PWD = cwd;
    this.#state = { cwd, env };
  }

  #finish(parts: { stdout: string; stderr: string; exitCode?: number; started: number }): ExecResult {
    const max = this.limits.maxOutputChars;
    const output = capOutput(joinOutput(parts.stdout, parts.stderr), max);
    const result: ExecResult = {
      exitCode: parts.exitCode ?? 0,
      output: output.text,
      stdout: capOutput(parts.stdout, max).text,
      stderr: capOutput(parts.stderr, max).text,
      timedOut: false,
      durationMs: Math.round(performance.now() - parts.started),
    };
    if (output.dropped > 0) result.droppedChars = output.dropped;
    return result;
  }

  private initialState(): ShellState {
    const env = this.engine.initialEnv();
    return { cwd: env.PWD ?? '/home/project', env };
  }
}

function dropAbortLine(stderr: string): string {
  return stderr.replace(/^bash: execution aborted\n?/m, '');
}

function absoluteCwd(cwd: string, base: string): string {
  return normalizePosix(cwd.startsWith('/') ? cwd : `${base}/${cwd}`);
}
