/**
 * The bytes the agent's terminal shows for each run event. One pure mapping feeds the live terminal and any
 * replay of a recorded run, so both can be compared byte for byte.
 */
import type { AgentEvent } from '../core/events';
import { argsOf, commandOf } from '../core/tool-call';

const RESET = '\x1b[0m';
const PROMPT = '\x1b[1;32m$\x1b[0m ';
const BOLD = '\x1b[1m';
const CONTINUATION = '\x1b[2m>\x1b[0m ';
const EXIT = '\x1b[31m';
const WARN = '\x1b[33m';
const DIM = '\x1b[2m';

/** Tools whose calls show as a prompt line; the value is what follows the command. */
const COMMAND_TOOLS: Record<string, string> = { run_command: '', start_process: ' &' };

/** Lone `\n` become `\r\n`, so output written by programs that assume a cooked tty lines up. */
export function toCrlf(text: string): string {
  return text.replace(/(?<!\r)\n/g, '\r\n');
}

/**
 * The bytes to write for one event. `atLineStart` says whether the cursor is at the start of a line (the
 * previous output ended with a newline); when it is not, lines of our own begin on a fresh line.
 */
export function terminalBytes(event: AgentEvent, atLineStart = true): string {
  const fresh = atLineStart ? '' : '\r\n';
  switch (event.type) {
    case 'tool_call': {
      const suffix = COMMAND_TOOLS[event.call.name];
      const command = suffix === undefined ? undefined : commandOf(event);
      if (command === undefined) return '';
      return `${fresh}${PROMPT}${BOLD}${command.split('\n').join(`${RESET}\r\n${CONTINUATION}${BOLD}`)}${suffix}${RESET}\r\n`;
    }
    case 'tool_output':
      return toCrlf(event.data);
    case 'tool_result':
      return event.name === 'run_command' ? resultLine(event, fresh) : '';
    case 'status':
      return event.status === 'cancelled' ? `${fresh}${DIM}^C [cancelled]${RESET}\r\n` : '';
    default:
      return '';
  }
}

function resultLine(event: Extract<AgentEvent, { type: 'tool_result' }>, fresh: string): string {
  if (event.timed_out) {
    const after = event.duration_ms === undefined ? '' : ` after ${formatSeconds(event.duration_ms)}`;
    return `${fresh}${WARN}[timed out${after}]${RESET}\r\n`;
  }
  if (event.exit_code !== undefined && event.exit_code !== 0) return `${fresh}${EXIT}[exit ${event.exit_code}]${RESET}\r\n`;
  if (event.exit_code === undefined && !event.ok) {
    const first = event.observation.split('\n', 1)[0] ?? '';
    return `${fresh}${EXIT}[failed: ${first}]${RESET}\r\n`;
  }
  return '';
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)}s`;
}

/**
 * Turns a stream of events into terminal bytes, remembering whether the cursor is at a line start. A command's
 * `$ command` line is held until the command runs (its first output or its result): a command waiting for
 * approval has not run, a denied one never does, and an edited one shows as the person edited it.
 */
export class TerminalFeed {
  #atLineStart = true;
  /** Command calls not run yet, by call id: the prompt line to write when they do. */
  #held = new Map<string, AgentEvent & { type: 'tool_call' }>();
  #edited = new Set<string>();

  /** The bytes for the next event of the stream. */
  push(event: AgentEvent): string {
    if (event.type === 'tool_call' && COMMAND_TOOLS[event.call.name] !== undefined) {
      this.#held.set(event.call.id, event);
      return '';
    }
    let bytes = '';
    if (event.type === 'human_response' && event.call_id) {
      // an approval: the command runs now (as the person edited it); a denial: it never does
      if (this.#answered(event.call_id, event.answer)) bytes += this.#write(this.#prompt(event.call_id));
    }
    if (event.type === 'status' && event.status === 'cancelled') this.#held.clear();
    // rated below the threshold (or a kind the person allowed): it runs now, without asking
    const runsNow = event.type === 'risk' && event.decision !== undefined && event.decision !== 'asked';
    const ran = event.type === 'tool_output' || event.type === 'tool_result';
    if ((runsNow || ran) && this.#held.has(event.call_id)) bytes += this.#write(this.#prompt(event.call_id));
    return bytes + this.#write(terminalBytes(event, this.#atLineStart));
  }

  /** Take a person's answer to a held call; true when the call now runs (approved). */
  #answered(callId: string, answer: unknown): boolean {
    const held = this.#held.get(callId);
    if (!held || !answer || typeof answer !== 'object') return false;
    const given = answer as { approve?: unknown; command?: unknown };
    if (given.approve === false) {
      this.#held.delete(callId);
      return false;
    }
    if (typeof given.command === 'string') {
      const args = { ...argsOf(held), command: given.command };
      this.#held.set(callId, { ...held, call: { ...held.call, arguments: JSON.stringify(args) }, args });
      this.#edited.add(callId);
    }
    return given.approve === true;
  }

  #prompt(callId: string): string {
    const held = this.#held.get(callId)!;
    this.#held.delete(callId);
    const line = terminalBytes(held, this.#atLineStart);
    if (!this.#edited.delete(callId)) return line;
    return line.replace(/\r\n$/, `  ${DIM}# edited by you${RESET}\r\n`);
  }

  #write(bytes: string): string {
    if (bytes) this.#atLineStart = bytes.endsWith('\n');
    return bytes;
  }

  reset(): void {
    this.#atLineStart = true;
    this.#held.clear();
    this.#edited.clear();
  }
}

/** All the bytes a terminal shows for these events, as the live terminal writes them. */
export function replayBytes(events: Iterable<AgentEvent>): string {
  const feed = new TerminalFeed();
  let out = '';
  for (const event of events) out += feed.push(event);
  return out;
}
