/**
 * Streamed deltas gathered before they cross the worker boundary: a fast model sends a delta every half
 * millisecond, and each event that crosses is cloned, posted, numbered, stored and shown. Consecutive deltas of
 * one stream (text, reasoning, or one tool call's arguments) become one event, sent when `delayMs` has passed
 * since the first of them (about a frame), when `maxChars` have gathered, or before any other event — so the
 * order of events and every byte of the text stay as they were (docs/storage.md).
 */
import type { AgentEvent } from '../core';

type DeltaEvent = Extract<AgentEvent, { type: 'text_delta' | 'reasoning_delta' | 'tool_call_delta' }>;

/** How deltas are gathered. */
export interface CoalescerOptions {
  /** Longest a delta waits, in ms (default 16, about a frame). */
  delayMs?: number;
  /** Send at once when this many characters have gathered (default 4096). */
  maxChars?: number;
}

function isDelta(event: AgentEvent): event is DeltaEvent {
  return event.type === 'text_delta' || event.type === 'reasoning_delta' || event.type === 'tool_call_delta';
}

/** Whether `next` continues the same stream as `held`. */
function continues(held: DeltaEvent, next: DeltaEvent): boolean {
  if (held.type !== next.type) return false;
  return held.type !== 'tool_call_delta' || (next.type === 'tool_call_delta' && held.index === next.index && held.name === next.name);
}

/** Gathers consecutive deltas of one stream into one event; everything else passes through in order. */
export class DeltaCoalescer {
  readonly #send: (event: AgentEvent) => void;
  readonly #delayMs: number;
  readonly #maxChars: number;
  #held: DeltaEvent | undefined;
  #pieces: string[] = [];
  #chars = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(send: (event: AgentEvent) => void, options: CoalescerOptions = {}) {
    this.#send = send;
    this.#delayMs = options.delayMs ?? 16;
    this.#maxChars = options.maxChars ?? 4096;
  }

  push(event: AgentEvent): void {
    if (!isDelta(event)) {
      this.flush();
      this.#send(event);
      return;
    }
    if (this.#held && !continues(this.#held, event)) this.flush();
    this.#held ??= event;
    this.#pieces.push(event.text);
    this.#chars += event.text.length;
    if (this.#chars >= this.#maxChars) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), this.#delayMs);
  }

  /** Sends what is held now. */
  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const held = this.#held;
    if (!held) return;
    const text = this.#pieces.length === 1 ? this.#pieces[0] : this.#pieces.join('');
    this.#held = undefined;
    this.#pieces = [];
    this.#chars = 0;
    this.#send({ ...held, text });
  }
}
