/**
 * Background processes as the agent meets them: `start_process` returns once the process has printed something
 * or a settle time passed, and what happened in the background since the last step (a crash, a preview error)
 * becomes an observation for the next model request. Works on any Sandbox: it hears events (in the agent worker,
 * forwarded from the page by src/bridge/), and reads `listProcesses` at each drain for exits it did not hear.
 */
import { CancelledError } from '../core/errors';
import type { AgentSandbox, ProcessInfo, SandboxEvent } from '../sandbox/sandbox';
import { truncateMiddle } from './context';
import type { ToolOutcome } from './tool-outcome';

/** A process as `start_process` reports it: its state once it printed something or the settle time passed. */
export interface SettledProcess {
  id: string;
  command: string;
  running: boolean;
  exitCode?: number;
  output: string;
}

/** Options of `startAndSettle`. */
export interface SettleOptions {
  /** Longest wait for a first output (default 1 500 ms). */
  settleMs?: number;
  /** After the first output, wait this long for more of it (default 300 ms, within `settleMs`). */
  lingerMs?: number;
  /** How often to ask whether the process ended (default 100 ms). */
  pollMs?: number;
  signal?: AbortSignal;
  /** Output while `startAndSettle` waits (afterwards the process tab shows it, not the agent's terminal). */
  onOutput?: (chunk: string) => void;
}


const STOP_EXIT_CODES = [130, 137, 143];

/** Start `command` as a background process and wait until it printed something, ended, or `settleMs` passed. */
export async function startAndSettle(sandbox: AgentSandbox, command: string, options: SettleOptions = {}): Promise<SettledProcess> {
  const { settleMs = 1_500, lingerMs = 300, pollMs = 100, signal } = options;
  if (signal?.aborted) throw new CancelledError();
  const wake = new Wakeup();
  let forwarding = true;
  let printed = false;
  const info = await sandbox.startProcess(command, {
    onOutput: (chunk) => {
      if (forwarding) options.onOutput?.(chunk);
      printed = true;
      wake.fire();
    },
  });
  const unsubscribe = sandbox.on((event) => {
    if (event.type === 'process-exit' && event.id === info.id) wake.fire();
  });
  const onAbort = () => wake.fire();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const deadline = Date.now() + settleMs;
    let state: ProcessInfo = info;
    let quietUntil = Infinity;
    while (state.running && !signal?.aborted) {
      const now = Date.now();
      if (printed && quietUntil === Infinity) quietUntil = Math.min(deadline, now + lingerMs);
      const until = Math.min(deadline, quietUntil);
      if (now >= until) break;
      await wake.wait(Math.min(pollMs, until - now));
      state = (await sandbox.listProcesses()).find((candidate) => candidate.id === info.id) ?? state;
    }
    if (signal?.aborted) {
      await sandbox.stopProcess(info.id).catch(() => undefined); // the run is cancelled; Stop ends every process anyway
      throw new CancelledError();
    }
    const out = await sandbox.processOutput(info.id);
    const settled: SettledProcess = { id: out.id, command: out.command, running: out.running, output: out.output };
    if (out.exitCode !== undefined) settled.exitCode = out.exitCode;
    return settled;
  } finally {
    forwarding = false;
    unsubscribe();
    signal?.removeEventListener('abort', onAbort);
    wake.fire();
  }
}

/** `start_process` for the tools layer: start, settle, and say what the model should know. */
export async function startProcessTool(sandbox: AgentSandbox, command: string, options: SettleOptions = {}): Promise<ToolOutcome> {
  const settled = await startAndSettle(sandbox, command, options);
  const lines: string[] = [];
  const output = truncateMiddle(settled.output).replace(/\n$/, '');
  const shown = output.trim() === '' ? '(no output yet)' : output;
  if (settled.running) {
    lines.push(`Started process ${settled.id}; it is running.`, 'Output so far:', shown);
    lines.push(
      `Read more with process_output {"id": "${settled.id}"} and stop it with stop_process {"id": "${settled.id}"}. ` +
        'It keeps running after this step, and after you finish, until it is stopped.',
    );
  } else {
    lines.push(`Process ${settled.id} already ended with exit code ${settled.exitCode ?? '?'}.`, 'Output:', shown);
  }
  const serverNote = noServersNote(sandbox, command);
  if (serverNote) lines.push('', serverNote);
  const failed = !settled.running && settled.exitCode !== 0;
  const result: ToolOutcome = { ok: !failed, failed, observation: lines.join('\n') };
  if (settled.exitCode !== undefined) result.exit_code = settled.exitCode;
  return result;
}

const SERVER_WORDS = /\b(npm|pnpm|yarn|npx|node|vite|next|serve|http-server|python3?|flask|uvicorn|php|deno|bun)\b|\b(dev|start|preview|serve|listen)\b/;

/** In a sandbox that cannot run servers, a command that looks like one gets a clear word about it. */
function noServersNote(sandbox: AgentSandbox, command: string): string | undefined {
  if (sandbox.capabilities.servers || !SERVER_WORDS.test(command)) return undefined;
  return (
    'Note: this sandbox cannot run servers (no network ports, no preview). Background jobs such as shell ' +
    'loops work; to check a web app here, test its files and logic with the commands this sandbox has.'
  );
}

/** A report for the agent's next step: the observation for the model and a one-line notice for the timeline. */
export interface WatchReport {
  observation: string;
  notice: string;
}

/** Collects what happened in the background between steps. */
export interface ProcessWatch {
  /** The agent stopped this process itself: its exit is no news. */
  expectStop(id: string): void;
  /** What happened since the last call (or since the watch was made), or null when nothing did. */
  drain(signal?: AbortSignal): Promise<WatchReport | null>;
  /** Stop listening to the sandbox. */
  dispose(): void;
}

/** Options of a process watch. */
export interface WatchOptions {
  /** Most preview errors kept between two steps (the rest are counted). */
  maxErrors?: number;
  /** Lines of a crashed process's output shown to the model. */
  tailLines?: number;
}

/** Watch `sandbox` for crashed processes and preview errors; processes that ended before now are not news. */
export function createProcessWatch(sandbox: AgentSandbox, options: WatchOptions = {}): ProcessWatch {
  const { maxErrors = 10, tailLines = 30 } = options;
  const known = new Set<string>();
  const expected = new Set<string>();
  const exits = new Map<string, number>();
  let errors: string[] = [];
  let droppedErrors = 0;
  const baseline = sandbox.listProcesses().then(
    (list) => list.filter((info) => !info.running).forEach((info) => known.add(info.id)),
    () => undefined, // an unreadable list only means earlier exits may be reported: drain tries again
  );
  const unsubscribe = sandbox.on((event: SandboxEvent) => {
    if (event.type === 'process-exit') exits.set(event.id, event.exitCode);
    else if (event.type === 'preview-error' || event.type === 'error') {
      if (errors.length < maxErrors) errors.push(event.message);
      else droppedErrors++;
    }
  });
  return {
    expectStop: (id) => void expected.add(id),
    async drain(signal) {
      await baseline;
      if (signal?.aborted) throw new CancelledError();
      const ended = await endedProcesses(sandbox, exits);
      exits.clear();
      const fresh = ended.filter((exit) => !known.has(exit.id));
      fresh.forEach((exit) => known.add(exit.id));
      const news = fresh.filter((exit) => exit.exitCode !== 0 && !expected.has(exit.id));
      const taken = { errors, dropped: droppedErrors };
      errors = [];
      droppedErrors = 0;
      if (news.length === 0 && taken.errors.length === 0 && ended.problem === undefined) return null;
      return report(sandbox, news, taken, ended.problem, tailLines);
    },
    dispose: unsubscribe,
  };
}

interface Ended {
  id: string;
  command: string;
  exitCode: number;
}

/** Processes that ended, by the sandbox's list, plus exits heard as events; a listing failure is reported. */
async function endedProcesses(sandbox: AgentSandbox, exits: Map<string, number>): Promise<Ended[] & { problem?: string }> {
  const ended: Ended[] & { problem?: string } = [];
  let list: ProcessInfo[] = [];
  try {
    list = await sandbox.listProcesses();
  } catch (error) {
    ended.problem = `Could not check the background processes: ${(error as Error).message ?? String(error)}`;
  }
  for (const info of list) {
    const exitCode = info.running ? undefined : (info.exitCode ?? exits.get(info.id));
    if (exitCode !== undefined) ended.push({ id: info.id, command: info.command, exitCode });
  }
  for (const [id, exitCode] of exits) {
    if (!ended.some((exit) => exit.id === id)) ended.push({ id, command: '?', exitCode });
  }
  return ended;
}

async function report(
  sandbox: AgentSandbox,
  exits: Ended[],
  taken: { errors: string[]; dropped: number },
  problem: string | undefined,
  tailLines: number,
): Promise<WatchReport> {
  const lines = ['[Background processes and previews, since your last step]'];
  const notices: string[] = [];
  for (const exit of exits) {
    const stopped = STOP_EXIT_CODES.includes(exit.exitCode);
    const what = stopped ? `was stopped (exit code ${exit.exitCode}), not by you` : `crashed with exit code ${exit.exitCode}`;
    lines.push(`- Process ${exit.id} (\`${exit.command}\`) ${what}. Last output:`);
    lines.push(indent(await lastOutput(sandbox, exit.id, tailLines)));
    notices.push(`process ${exit.id} (${exit.command}) ${stopped ? 'was stopped' : `crashed (exit ${exit.exitCode})`}`);
  }
  const count = taken.errors.length + taken.dropped;
  if (count > 0) {
    lines.push(`- ${count} error${count === 1 ? '' : 's'} reported by the preview or the sandbox:`);
    lines.push(...taken.errors.map((message) => indent(message)));
    if (taken.dropped > 0) lines.push(`  [… and ${taken.dropped} more]`);
    notices.push(`${count} preview error${count === 1 ? '' : 's'}`);
  }
  if (problem) {
    lines.push(`- ${problem}`);
    notices.push('the process list could not be read');
  }
  if (exits.some((exit) => !STOP_EXIT_CODES.includes(exit.exitCode)) || count > 0) {
    lines.push('Find the cause of these errors and fix it before going on.');
  }
  return { observation: lines.join('\n'), notice: `The agent was told: ${notices.join('; ')}.` };
}

async function lastOutput(sandbox: AgentSandbox, id: string, tailLines: number): Promise<string> {
  try {
    const text = (await sandbox.processOutput(id)).output.replace(/\n$/, '');
    if (text.trim() === '') return '(no output)';
    return truncateMiddle(text.split('\n').slice(-tailLines).join('\n'), 4_000);
  } catch (error) {
    return `(its output could not be read: ${(error as Error).message ?? String(error)})`;
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** Stop every running process (Stop, a workspace reset); returns the ids stopped and the failures, as values. */
export async function stopAllProcesses(sandbox: AgentSandbox): Promise<{ stopped: string[]; failures: string[] }> {
  const running = (await sandbox.listProcesses()).filter((info) => info.running);
  const outcomes = await Promise.allSettled(running.map((info) => sandbox.stopProcess(info.id)));
  const stopped: string[] = [];
  const failures: string[] = [];
  outcomes.forEach((outcome, index) => {
    const id = running[index].id;
    if (outcome.status === 'fulfilled') stopped.push(id);
    else failures.push(`${id}: ${(outcome.reason as Error)?.message ?? String(outcome.reason)}`);
  });
  return { stopped, failures };
}

/** A promise to wait on, bounded, that `fire()` resolves early. */
class Wakeup {
  #resolve: (() => void) | undefined;

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.#resolve === done) self.#resolve = undefined;
        resolve();
      }
      this.#resolve = done;
    });
  }

  fire(): void {
    this.#resolve?.();
  }
}
