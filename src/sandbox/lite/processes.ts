/**
 * Background processes in the lite sandbox: each is a just-bash run alongside the session's commands, over
 * the same files. just-bash reports output only when a run ends, so while one runs we show the files it
 * writes through redirections instead.
 */
import { SandboxError } from '../../core/errors';
import { capOutput, joinOutput } from '../output';
import { isInsideWorkdir, relativeToWorkdir } from '../paths';
import type { ProcessInfo, ProcessOutput, SandboxEvent } from '../sandbox';
import type { Engine } from './engine';
import { runStoppable } from './run';
import type { ShellState } from './shell';

/** Bounds of background processes. */
export interface ProcessLimits {
  /** How long `start` waits for a process to end before returning it as running. */
  settleMs: number;
  stopGraceMs: number;
  /** Characters of a process's output kept (its tail). */
  maxOutputChars: number;
  /** Lines shown from each file a running process writes. */
  tailLines: number;
}

interface Proc {
  info: ProcessInfo;
  controller: AbortController;
  done: Promise<void>;
  output: string;
  writes: string[];
  onOutput?: (chunk: string) => void;
}

const EXIT_STOPPED = 143;
const STOPPED_NOTE = '[stopped; the lite sandbox reports output only when a process ends, so its own output is lost]\n';

/** The error for a process id nobody handed out. */
export function unknownProcess(id: string, known: string[]): SandboxError {
  const list = known.join(', ') || 'none';
  const hint = 'Use an id that start_process returned.';
  return new SandboxError(`No process with id ${JSON.stringify(id)} (known: ${list}). ${hint}`);
}

/** The process table of one lite sandbox. */
export class LiteProcesses {
  readonly #procs = new Map<string, Proc>();
  #nextId = 1;

  constructor(
    private readonly engine: Engine,
    private readonly limits: ProcessLimits,
    private readonly emit: (event: SandboxEvent) => void,
  ) {}

  async start(command: string, state: ShellState, onOutput?: (chunk: string) => void): Promise<ProcessInfo> {
    const id = `p${this.#nextId++}`;
    const controller = new AbortController();
    const info: ProcessInfo = { id, command, running: true, startedAt: Date.now() };
    const writes = this.engine.writeTargets(command, state.cwd);
    const proc: Proc = { info, controller, output: '', writes, onOutput, done: Promise.resolve() };
    this.#procs.set(id, proc);
    proc.done = this.#run(proc, state);
    await Promise.race([proc.done, delay(this.limits.settleMs)]);
    return { ...info };
  }

  list(): ProcessInfo[] {
    return [...this.#procs.values()].map((proc) => ({ ...proc.info }));
  }

  async output(id: string): Promise<ProcessOutput> {
    const proc = this.#get(id);
    if (!proc.info.running) return { ...proc.info, output: proc.output };
    return { ...proc.info, output: await this.#liveView(proc) };
  }

  /** Stop a process (a no-op when it already ended) and wait, bounded, for it to end. */
  async stop(id: string): Promise<void> {
    const proc = this.#get(id);
    if (!proc.info.running) return;
    proc.controller.abort();
    await Promise.race([proc.done, delay(this.limits.stopGraceMs * 2)]);
    if (proc.info.running) this.#end(proc, EXIT_STOPPED, '[stopped; it had not finished within the grace time]\n');
  }

  /** Stop every running process. */
  async stopAll(): Promise<void> {
    await Promise.all(this.list().filter((info) => info.running).map((info) => this.stop(info.id)));
  }

  async #run(proc: Proc, state: ShellState): Promise<void> {
    try {
      const outcome = await runStoppable(this.engine, proc.info.command, {
        cwd: state.cwd,
        env: state.env,
        signal: proc.controller.signal,
        graceMs: this.limits.stopGraceMs,
      });
      if (outcome.stopped === false) {
        const { stdout, stderr, exitCode } = outcome.result;
        this.#end(proc, exitCode, joinOutput(stdout, stderr));
      } else {
        this.#end(proc, EXIT_STOPPED, STOPPED_NOTE);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#end(proc, 1, `[the lite sandbox failed to run it: ${message}]\n`);
    }
  }

  #end(proc: Proc, exitCode: number, output: string): void {
    if (!proc.info.running) return;
    proc.info.running = false;
    proc.info.exitCode = exitCode;
    proc.output = capOutput(output, this.limits.maxOutputChars).text;
    if (proc.output !== '') {
      proc.onOutput?.(proc.output);
      this.emit({ type: 'process-output', id: proc.info.id, data: proc.output });
    }
    this.emit({ type: 'process-exit', id: proc.info.id, exitCode });
  }

  async #liveView(proc: Proc): Promise<string> {
    const lines = [
      '[still running. The lite sandbox learns a process\'s own output only when it ends; ' +
        (proc.writes.length > 0 ? 'here is the end of each file it writes.]' : 'it writes no file we can follow.]'),
    ];
    for (const path of proc.writes) {
      const text = await this.engine.fs.readFile(path).catch(() => undefined);
      const name = isInsideWorkdir(path) ? relativeToWorkdir(path) : path;
      if (text === undefined) lines.push(`--- ${name}: not written yet ---`);
      else lines.push(`--- ${name} (last ${this.limits.tailLines} lines) ---`, tail(text, this.limits.tailLines));
    }
    return `${lines.join('\n')}\n`;
  }

  #get(id: string): Proc {
    const proc = this.#procs.get(id);
    if (!proc) {
      throw unknownProcess(id, [...this.#procs.keys()]);
    }
    return proc;
  }
}

function tail(text: string, lines: number): string {
  const all = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  return all.slice(-lines).join('\n');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
