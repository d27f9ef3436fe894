/**
 * What goes into each model request. Observations are cut to size; the system prompt and tools stay
 * byte-identical and the history append-only, so prompt caches hit; and when a request nears the model's
 * context window the history is compacted — rarely, in one batch (compaction.ts), never dropping the task.
 */
import type { ChatMessage, ToolSchema } from './messages';
import { contextWindowOf, DEFAULT_CONTEXT_WINDOW, inWindowTable } from '../models/context-windows';
import type { ReportedWindow } from './server-window';

/** Observations longer than this are cut to head + tail. */
export const MAX_OBSERVATION_CHARS = 10_000;

/**
 * The cap on a whole observation for a context window: about 4 % of it (at four characters a token), at least
 * 2 000; Infinity where that is above MAX_OBSERVATION_CHARS, to which the tools already cut their output. On small
 * windows 10 000 characters would make each step a large share of the request (so little of it is a cached
 * prefix) and push compaction every few steps.
 */
export function observationLimit(window: number): number {
  const chars = Math.max(2_000, Math.round(window * 0.04 * 4));
  return chars < MAX_OBSERVATION_CHARS ? chars : Number.POSITIVE_INFINITY;
}

/** The line put where text was cut, and how to find it again (one capture group: the count). */
export interface CutMark {
  line: (cut: number) => string;
  pattern: RegExp;
}

const CUT: CutMark = {
  line: (cut) => `\n[… ${cut} characters cut …]\n`,
  pattern: /\n\[… (\d+) characters cut …\]\n/,
};

/** `text` within `max` characters: the first and last halves around a line saying how much was cut. */
export function truncateMiddle(text: string, max = MAX_OBSERVATION_CHARS): string {
  return cutMiddle(text, max, CUT);
}

/**
 * `text` with at most `max` of its own characters kept, head and tail, around one `mark` line counting what was
 * cut. Text already cut with the same mark is cut around that mark, and its count carried on; so cutting again to
 * the same size changes nothing (what a stable, cacheable history needs).
 */
export function cutMiddle(text: string, max: number, mark: CutMark): string {
  const found = mark.pattern.exec(text);
  const split = found ? found.index : Math.floor(text.length / 2);
  const before = text.slice(0, split);
  const after = text.slice(found ? split + found[0].length : split);
  const kept = before.length + after.length;
  if (kept <= max) return text;
  let head = Math.min(before.length, Math.floor(max / 2));
  const tail = Math.min(after.length, max - head);
  head = max - tail;
  const cut = (found ? Number(found[1]) : 0) + kept - max;
  return `${before.slice(0, head)}${mark.line(cut)}${after.slice(after.length - tail)}`;
}

export { contextWindowOf, DEFAULT_CONTEXT_WINDOW } from '../models/context-windows';

/** The window a run uses, and the timeline notice saying where it came from (none when it is the table's). */
export interface ResolvedWindow {
  tokens: number;
  notice?: string;
}

/** How a window notice names the setting: the app's Settings field, or another front end's (the headless flag). */
export interface WindowSettingName {
  /** Completes "Context window N tokens, …" when the setting gave it. */
  given: string;
  /** What to do to set it, as a clause ("set Context window in Settings"). */
  change: string;
}

const IN_SETTINGS: WindowSettingName = { given: 'as set in Settings', change: 'set Context window in Settings' };

/** The person's setting, else what the server reports, else the built-in table, else the default. */
export function resolveContextWindow(
  model: string,
  setting: number | undefined,
  reported: ReportedWindow | undefined,
  name: WindowSettingName = IN_SETTINGS,
): ResolvedWindow {
  const tokens = (n: number) => `Context window ${n} tokens`;
  if (setting && setting > 0) return { tokens: setting, notice: `${tokens(setting)}, ${name.given}.` };
  if (reported?.assumed) {
    return {
      tokens: reported.tokens,
      notice:
        `${tokens(reported.tokens)}, assumed: ${reported.from} does not report it and cuts longer requests from the front. ` +
        `Start it with OLLAMA_CONTEXT_LENGTH=32768 (or more) and ${name.change} to match.`,
    };
  }
  if (reported) return { tokens: reported.tokens, notice: `${tokens(reported.tokens)}, as the server reports for this model (${reported.from}).` };
  const known = contextWindowOf(model);
  if (known !== DEFAULT_CONTEXT_WINDOW || inWindowTable(model)) return { tokens: known };
  const change = name.change.charAt(0).toUpperCase() + name.change.slice(1);
  return {
    tokens: known,
    notice: `${tokens(known)}, a default: neither the server nor the built-in table knows this model. ${change} if it differs.`,
  };
}


/** When to compact, as fractions of the window. */
export interface ContextLimits {
  window: number;
  /** Compact when a request would pass this share of the window (default 0.75). */
  compactAt?: number;
  /** Compaction brings the request under this share (default 0.5). */
  target?: number;
}

/**
 * Estimates request sizes in tokens, calibrated on what the server reports (`usage.prompt_tokens` is the
 * truth); before the first report, four characters make a token.
 */
export class TokenEstimator {
  #ratio = 0.25;
  readonly #toolChars: number;

  constructor(tools: ToolSchema[]) {
    this.#toolChars = JSON.stringify(tools).length;
  }

  /** Learn from a request the server measured. */
  observe(messages: ChatMessage[], promptTokens: number): void {
    if (promptTokens > 0) this.#ratio = promptTokens / (jsonLength(messages) + this.#toolChars);
  }

  /** About how many characters make `tokens` tokens. */
  charsFor(tokens: number): number {
    return Math.floor(tokens / this.#ratio);
  }

  estimate(messages: ChatMessage[]): number {
    return Math.ceil((jsonLength(messages) + this.#toolChars) * this.#ratio);
  }
}

/** JSON length of each message, measured once: messages are values, never changed after they are made. */
const messageChars = new WeakMap<ChatMessage, number>();

function messageLength(message: ChatMessage): number {
  let length = messageChars.get(message);
  if (length === undefined) {
    length = JSON.stringify(message).length;
    messageChars.set(message, length);
  }
  return length;
}

/** The sum of an array's message lengths so far; the loop's history only grows at its end between compactions. */
interface RunningSum {
  count: number;
  last: ChatMessage | undefined;
  sum: number;
}
const runningSums = new WeakMap<readonly ChatMessage[], RunningSum>();

/**
 * `JSON.stringify(messages).length` without serialising the whole history at every step (which made each step
 * cost O(history)): `[` + the messages joined by `,` + `]`, each message's length remembered, and for an array
 * measured before, only the messages appended since (checked by the last one counted still being in its place).
 */
function jsonLength(messages: readonly ChatMessage[]): number {
  let running = runningSums.get(messages);
  if (!running || running.count > messages.length || (running.count > 0 && messages[running.count - 1] !== running.last)) {
    running = { count: 0, last: undefined, sum: 0 };
    runningSums.set(messages, running);
  }
  for (let i = running.count; i < messages.length; i++) running.sum += messageLength(messages[i]);
  running.count = messages.length;
  running.last = messages.at(-1);
  return running.sum + 2 + Math.max(0, messages.length - 1);
}
