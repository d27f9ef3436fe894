/**
 * The run as a list for the timeline: events folded into items, text deltas merged into one message per turn,
 * each tool call joined with its risk verdict and result. Built incrementally, so a long run costs O(new events).
 */
import type { AgentEvent, HumanRequest, RiskVerdict, ToolCall } from '../../core/events';
import type { FailReason, RunError, RunStatus } from '../../core/run';
import { argsOf, type ToolArgs, type ToolResult } from '../../core/tool-call';

/** How a run ended while a tool call still had no result (the card says so instead of "running…"). */
export type Unfinished = 'cancelled' | 'interrupted' | 'failed' | 'completed';

/** One entry of the timeline; `key` is stable for the item's life. */
export type TimelineItem =
  /** `first`: the first header of this step number (a resumed step repeats it; actions go on the first only). */
  | { kind: 'step'; key: string; step: number; first: boolean }
  /** What a committed step changed in the work dir. */
  | { kind: 'changes'; key: string; step: number; files: number; additions: number; deletions: number }
  | { kind: 'message'; key: string; step: number; text: string; done: boolean }
  | { kind: 'reasoning'; key: string; step: number; text: string }
  /** A tool call the model is still writing: its tool, how many characters so far, and the last of them. */
  | { kind: 'draft'; key: string; index: number; name: string; size: number; tail: string }
  /** `args`: the call's arguments as parsed once by the loop (undefined: the model's text is no JSON object). */
  | { kind: 'tool'; key: string; call: ToolCall; args?: ToolArgs; risk?: RiskVerdict; result?: ToolResult; unfinished?: Unfinished; waiting?: boolean; edited?: string }
  | { kind: 'error'; key: string; code: string; message: string; retrying: boolean; wait_ms?: number }
  | { kind: 'notice'; key: string; message: string }
  /** A pull request opened from the run's work dir. */
  | { kind: 'pull_request'; key: string; url: string; number: number; repository: string; branch: string }
  | { kind: 'human_request'; key: string; request: HumanRequest }
  | { kind: 'human_response'; key: string; answer: unknown }
  | { kind: 'status'; key: string; status: RunStatus; reason?: FailReason; error?: RunError };

type Kind<K extends TimelineItem['kind']> = Extract<TimelineItem, { kind: K }>;

/** Statuses worth a line of their own (the others show in the status bar). */
const SHOWN_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled', 'interrupted'];

/** How much of a tool call being written is kept to show (the rest is only counted). */
export const DRAFT_TAIL = 1_000;

/** Folds events into timeline items; `add` may be called as events arrive. */
export class TimelineBuilder {
  readonly items: TimelineItem[] = [];
  /** Whether a notice marked `once` with this key is shown in this run (default: always). */
  readonly #showOnce: (key: string) => boolean;
  /** How many events were added. */
  count = 0;
  /** Goes up whenever `items` changes, so views can skip events that change nothing (tool output, usage). */
  version = 0;
  #step = 0;
  #message = -1;
  #reasoning = -1;
  #tools = new Map<string, number>();
  /** Calls with no result yet. */
  #pending = new Set<string>();
  #steps = new Set<number>();
  /** Items of the tool calls this turn is writing, by the call's index in the turn. */
  #drafts = new Map<number, number>();
  /** Tool calls of this turn seen so far (the n-th takes the place of draft n). */
  #calls = 0;

  constructor(options: { showOnce?: (key: string) => boolean } = {}) {
    this.#showOnce = options.showOnce ?? (() => true);
  }

  add(event: AgentEvent): void {
    this.count++;
    switch (event.type) {
      case 'step':
        this.#step = event.step;
        this.#message = this.#reasoning = -1;
        this.#drafts.clear();
        this.#calls = 0;
        this.#push({ kind: 'step', step: event.step, first: !this.#steps.has(event.step) });
        this.#steps.add(event.step);
        return;
      case 'files_changed': {
        const { step, files, additions, deletions } = event;
        this.#push({ kind: 'changes', step, files, additions, deletions });
        return;
      }
      case 'workdir_restored':
        this.#push({ kind: 'notice', message: `Files restored to step ${event.step} (later steps stay in the history).` });
        return;
      case 'pull_request': {
        const { url, number, repository, branch } = event;
        this.#push({ kind: 'pull_request', url, number, repository, branch });
        return;
      }
      case 'workdir_edited':
        this.#push({ kind: 'notice', message: `You changed ${event.paths.join(', ')} by hand.` });
        return;
      case 'text_delta':
        return this.#appendMessage(event.text, false);
      case 'reasoning_delta':
        return this.#appendReasoning(event.text);
      case 'assistant_message':
        return this.#finishMessage(event.text);
      case 'tool_call_delta':
        return this.#appendDraft(event.index, event.name, event.text);
      case 'tool_call':
        return this.#addCall(event);
      case 'risk':
        return this.#updateTool(event.call_id, { risk: event.verdict });
      case 'tool_result': {
        const { ok, observation, exit_code, duration_ms, timed_out, images } = event;
        this.#pending.delete(event.call_id);
        const result = { ok, observation, exit_code, duration_ms, timed_out, ...(images?.length && { images }) };
        return this.#updateTool(event.call_id, { result, unfinished: undefined });
      }
      case 'error':
        // the request starts over: what it wrote so far is written again
        if (event.retrying) this.#restartDrafts();
        this.#push({ kind: 'error', code: event.code, message: event.message, retrying: event.retrying ?? false, wait_ms: event.wait_ms });
        return;
      case 'notice':
        if (event.once !== undefined && !this.#showOnce(event.once)) return;
        this.#push({ kind: 'notice', message: event.message });
        return;
      case 'human_request':
        if (event.request.kind === 'approval') this.#updateTool(event.request.call_id, { waiting: true });
        this.#push({ kind: 'human_request', request: event.request });
        return;
      case 'human_response':
        if (event.call_id) this.#updateTool(event.call_id, { waiting: undefined, ...editedCall(event.answer) });
        this.#push({ kind: 'human_response', answer: event.answer });
        return;
      case 'status':
        if (SHOWN_STATUSES.includes(event.status)) {
          this.#endPending(event.status as Unfinished);
          this.#push({ kind: 'status', status: event.status, reason: event.reason, error: event.error });
        }
        return;
      default:
        // tool_output goes to the terminal; usage to the status bar
        return;
    }
  }

  #push(item: DistributiveOmit<TimelineItem, 'key'>): void {
    this.version++;
    this.items.push({ ...item, key: `${item.kind}-${this.items.length}` } as TimelineItem);
  }

  #replace<K extends TimelineItem['kind']>(index: number, changes: Partial<Kind<K>>): void {
    this.version++;
    this.items[index] = { ...this.items[index], ...changes } as TimelineItem;
  }

  #appendMessage(text: string, done: boolean): void {
    if (this.#message < 0) {
      this.#message = this.items.length;
      this.#push({ kind: 'message', step: this.#step, text, done });
      return;
    }
    const item = this.items[this.#message] as Kind<'message'>;
    this.#replace<'message'>(this.#message, { text: item.text + text, done });
  }

  #appendDraft(index: number, name: string, text: string): void {
    const at = this.#drafts.get(index);
    if (at === undefined) {
      this.#drafts.set(index, this.items.length);
      this.#push({ kind: 'draft', index, name, size: text.length, tail: text.slice(-DRAFT_TAIL) });
      return;
    }
    const item = this.items[at] as Kind<'draft'>;
    const tail = text.length >= DRAFT_TAIL ? text.slice(-DRAFT_TAIL) : (item.tail + text).slice(-DRAFT_TAIL);
    this.#replace<'draft'>(at, { name: name || item.name, size: item.size + text.length, tail });
  }

  #restartDrafts(): void {
    for (const at of this.#drafts.values()) this.#replace<'draft'>(at, { size: 0, tail: '' });
  }

  /** A whole tool call: it takes the place of the draft that streamed it, if there was one. */
  #addCall(event: Extract<AgentEvent, { type: 'tool_call' }>): void {
    const { call } = event;
    const draft = this.#drafts.get(this.#calls++);
    const item = { kind: 'tool' as const, call, args: argsOf(event) };
    this.#pending.add(call.id);
    if (draft === undefined) {
      this.#tools.set(call.id, this.items.length);
      this.#push(item);
      return;
    }
    this.#tools.set(call.id, draft);
    this.version++;
    this.items[draft] = { ...item, key: `tool-${draft}` };
  }

  #appendReasoning(text: string): void {
    if (this.#reasoning < 0) {
      this.#reasoning = this.items.length;
      this.#push({ kind: 'reasoning', step: this.#step, text });
      return;
    }
    const item = this.items[this.#reasoning] as Kind<'reasoning'>;
    this.#replace<'reasoning'>(this.#reasoning, { text: item.text + text });
  }

  /** The turn's full text replaces what the deltas built (they may have been partial). */
  #finishMessage(text: string): void {
    if (this.#message >= 0) this.#replace<'message'>(this.#message, { text, done: true });
    else if (text) this.#appendMessage(text, true);
    this.#message = -1;
    this.#reasoning = -1;
  }

  /** The run stopped: calls still waiting for a result say how (a resumed run's result replaces it). */
  #endPending(status: Unfinished): void {
    for (const callId of this.#pending) this.#updateTool(callId, { unfinished: status });
  }

  #updateTool(callId: string, changes: Partial<Kind<'tool'>>): void {
    const index = this.#tools.get(callId);
    if (index !== undefined) this.#replace<'tool'>(index, changes);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A duration for people: 850 ms, 4.2 s, 2 min 05 s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** An approval with an edited command: the command that runs, to show on the tool card. */
function editedCall(answer: unknown): { edited: string } | Record<string, never> {
  const command = answer && typeof answer === 'object' ? (answer as { approve?: unknown; command?: unknown }) : undefined;
  return command?.approve === true && typeof command.command === 'string' ? { edited: command.command } : {};
}
