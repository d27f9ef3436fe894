/**
 * Compaction: when a request nears the context window, shrink the history in one batch. First old tool outputs
 * (and long arguments) are elided; if that is not enough, the model summarises the work so far and the request
 * becomes: system prompt, the task with that summary and the file list, and the latest steps.
 */
import { isAbort } from '../core/errors';
import type { AgentSandbox } from '../sandbox/sandbox';
import { cutMiddle, truncateMiddle, type ContextLimits, type CutMark, type TokenEstimator } from './context';
import type { ChatMessage } from './messages';
import type { ModelClient } from './model';
import { parseArguments } from '../core/tool-call';

/** What compaction works with. */
export interface CompactionDeps {
  model: ModelClient;
  sandbox: AgentSandbox;
  estimator: TokenEstimator;
  /** The task as given: always kept, word for word. */
  task: string;
  signal: AbortSignal;
}

/** A compacted history and how it was done. */
export interface Compacted {
  messages: ChatMessage[];
  how: 'elided' | 'summarised';
  before: number;
  after: number;
}

const KEEP_STEPS = 4;
const ELIDED_CHARS = 400;

const SUMMARY_PROMPT =
  'Summarise the work of this coding agent so far, so that it can continue the task from your summary alone. ' +
  'Say what has been done and verified, what was found (facts, values, errors and their causes), which files ' +
  'were created or changed and why, what did not work, and what remains to do. Be concrete and brief; use a list.';

/** Compact when needed (or when `force`d, after a context_length_exceeded); undefined when nothing was done. */
export async function compactIfNeeded(messages: ChatMessage[], limits: ContextLimits, deps: CompactionDeps, force = false): Promise<Compacted | undefined> {
  const { window } = limits;
  const compactAt = window * (limits.compactAt ?? 0.75);
  const target = window * (limits.target ?? 0.5);
  const before = deps.estimator.estimate(messages);
  if (!force && before <= compactAt) return undefined;
  const keepFrom = recentStart(messages, KEEP_STEPS);
  const elided = messages.map((m, i) => (i >= 2 && i < keepFrom ? elide(m, ELIDED_CHARS) : m));
  const afterElision = deps.estimator.estimate(elided);
  if (!force && afterElision <= target) return { messages: elided, how: 'elided', before, after: afterElision };
  const summarised = await summarise(elided, target, deps);
  return { messages: summarised, how: 'summarised', before, after: deps.estimator.estimate(summarised) };
}

/** Index of the assistant message that begins the last `steps` steps (never before message 2). */
function recentStart(messages: ChatMessage[], steps: number): number {
  let seen = 0;
  for (let i = messages.length - 1; i >= 2; i--) {
    if (messages[i].role === 'assistant' && ++seen === steps) return i;
  }
  return 2;
}

const ELIDED: CutMark = {
  line: (cut) => `\n[… ${cut} characters elided to save context; run the command again if you need them …]\n`,
  pattern: /\n\[… (\d+) characters elided to save context; run the command again if you need them …\]\n/,
};
const ELIDED_VALUE = /\[… (\d+) characters elided …\]$/;

/**
 * A message with long tool output and long argument strings cut down. Idempotent: what an earlier compaction
 * already cut to `max` is returned as it is (the same object), so the history before the newly elided messages
 * stays byte-identical and the provider's cached prefix survives the compaction.
 */
function elide(message: ChatMessage, max: number): ChatMessage {
  if (message.role === 'tool') {
    const content = cutMiddle(message.content, max, ELIDED);
    return content === message.content ? message : { ...message, content };
  }
  if (message.role === 'assistant' && message.tool_calls) {
    let changed = message.reasoning_content !== undefined;
    const calls = message.tool_calls.map((c) => {
      const args = elideArguments(c.function.arguments, max);
      if (args === c.function.arguments) return c;
      changed = true;
      return { ...c, function: { ...c.function, arguments: args } };
    });
    if (!changed) return message;
    const { reasoning_content: _dropped, ...rest } = message;
    return { ...rest, tool_calls: calls };
  }
  return message;
}

/** Long string values in JSON arguments cut down, the JSON kept valid (some servers parse the history). */
function elideArguments(text: string, max: number): string {
  if (text.length <= max) return text;
  const parsed = parseArguments(text);
  if (!parsed.ok) return text.slice(0, max);
  const args = { ...parsed.args };
  let changed = false;
  for (const [key, value] of Object.entries(args)) {
    if (typeof value !== 'string' || value.length <= max) continue;
    const earlier = ELIDED_VALUE.exec(value);
    const own = earlier ? value.slice(0, earlier.index) : value;
    if (own.length <= max) continue;
    const cut = own.length - max + (earlier ? Number(earlier[1]) : 0);
    args[key] = `${own.slice(0, max)}[… ${cut} characters elided …]`;
    changed = true;
  }
  return changed ? JSON.stringify(args) : text;
}

async function summarise(messages: ChatMessage[], target: number, deps: CompactionDeps): Promise<ChatMessage[]> {
  let keepFrom = messages.length;
  for (let steps = KEEP_STEPS; steps >= 1; steps--) {
    keepFrom = recentStart(messages, steps);
    if (deps.estimator.estimate(messages.slice(keepFrom)) <= target / 2) break;
  }
  let recent = messages.slice(keepFrom);
  if (deps.estimator.estimate(recent) > target / 2) recent = recent.map((m) => elide(m, 4000));
  const summary = await summaryOf(messages.slice(1, keepFrom), target, deps);
  const files = await fileList(deps.sandbox);
  const block =
    `[Context compacted: the earlier steps of this run were summarised to stay within the model's context window.]\n\n` +
    `Summary of the work so far:\n${summary}\n\nFiles in the work dir now:\n${files}`;
  return [messages[0], { role: 'user', content: `${deps.task}\n\n${block}` }, ...recent];
}

/** The model's summary of the history; if the model cannot give one, a plain list of the actions taken. */
async function summaryOf(history: ChatMessage[], target: number, deps: CompactionDeps): Promise<string> {
  const transcript = truncateMiddle(history.map(render).join('\n\n'), Math.max(4000, deps.estimator.charsFor(target)));
  try {
    const turn = await deps.model.complete({
      messages: [
        { role: 'system', content: 'You write precise summaries of a coding agent\'s work for the agent itself.' },
        { role: 'user', content: `The task:\n${deps.task}\n\nWhat the agent did so far:\n${transcript}\n\n${SUMMARY_PROMPT}` },
      ],
      tools: [],
      signal: deps.signal,
    });
    if (turn.text.trim()) return turn.text.trim();
  } catch (error) {
    if (deps.signal.aborted || isAbort(error)) throw error;
    // the model could not summarise (it may be the context again): fall back to the list of actions
  }
  return actionList(history);
}

function render(message: ChatMessage): string {
  if (message.role === 'assistant') {
    const calls = (message.tool_calls ?? []).map((c) => `→ ${c.function.name} ${c.function.arguments}`);
    return [message.content ? `assistant: ${message.content}` : '', ...calls].filter(Boolean).join('\n');
  }
  return `${message.role}: ${message.content}`;
}

function actionList(history: ChatMessage[]): string {
  const actions = history.flatMap((m) =>
    m.role === 'assistant' ? (m.tool_calls ?? []).map((c) => `- ${c.function.name} ${c.function.arguments.slice(0, 200)}`) : [],
  );
  return truncateMiddle(actions.join('\n') || '(no actions yet)', 8000);
}

async function fileList(sandbox: AgentSandbox): Promise<string> {
  try {
    const entries = await sandbox.list();
    const files = entries.filter((e) => e.type === 'file' && !/(^|\/)(node_modules|\.git)\//.test(e.path)).map((e) => e.path);
    if (files.length === 0) return '(none)';
    return files.length > 200 ? `${files.slice(0, 200).join('\n')}\n[… and ${files.length - 200} more]` : files.join('\n');
  } catch (error) {
    return `(could not list the files: ${error instanceof Error ? error.message : String(error)})`;
  }
}
