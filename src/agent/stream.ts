/**
 * Accumulates a streamed chat.completions turn from its chunks, by hand and defensively: servers deviate from the
 * wire format in many ways (../shared/WIRE-FORMAT.md), and the SDK's stream helper drops calls on some of them.
 */
import type { ToolCall } from '../core/events';
import type { ModelDelta } from './delta';
import { ThinkSplitter, extractTextToolCalls } from './text-forms';

/** Token counts as the server reports them. */
export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
}

/** A whole turn. `finish_reason` is null when the stream ended without one (cut short). */
export interface AccumulatedTurn {
  text: string;
  reasoning: string;
  tool_calls: ToolCall[];
  finish_reason: string | null;
  usage?: TokenUsage;
}

interface PartialCall {
  id: string;
  name: string;
  arguments: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const nonEmpty = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function isCompleteJson(text: string): boolean {
  if (!text.trim()) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function argumentsPiece(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isObject(value)) return JSON.stringify(value); // llama.cpp --tool-args-object, some proxies
  return '';
}

/** Builds one turn from stream chunks (parsed JSON), reporting text and reasoning as they arrive. */
export class TurnAccumulator {
  #reasoning = '';
  #calls: PartialCall[] = [];
  #byIndex = new Map<number, PartialCall>();
  #finish: string | null = null;
  #usage: TokenUsage | undefined;
  #think: ThinkSplitter;

  constructor(
    private readonly onDelta: (delta: ModelDelta) => void = () => {},
    private readonly idPrefix = 'call',
  ) {
    this.#think = new ThinkSplitter(onDelta);
  }

  /** Feed one chunk of the stream (or a whole non-streamed completion). */
  add(chunk: unknown): void {
    if (!isObject(chunk)) return;
    if (isObject(chunk.usage)) this.#usage = readUsage(chunk.usage);
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    for (const choice of choices) {
      if (!isObject(choice) || (typeof choice.index === 'number' && choice.index !== 0)) continue;
      const delta = isObject(choice.delta) ? choice.delta : isObject(choice.message) ? choice.message : {};
      this.#addDelta(delta);
      if (nonEmpty(choice.finish_reason)) this.#finish = choice.finish_reason as string;
    }
  }

  #addDelta(delta: Json): void {
    const reasoning = nonEmpty(delta.reasoning_content) ?? nonEmpty(delta.reasoning);
    if (reasoning) {
      this.#reasoning += reasoning;
      this.onDelta({ type: 'reasoning', text: reasoning });
    }
    const content = nonEmpty(delta.content);
    if (content) this.#think.push(content);
    if (Array.isArray(delta.tool_calls)) {
      for (const fragment of delta.tool_calls) if (isObject(fragment)) this.#addFragment(fragment);
    }
  }

  #addFragment(fragment: Json): void {
    const fn = isObject(fragment.function) ? fragment.function : {};
    const id = nonEmpty(fragment.id);
    const name = nonEmpty(fn.name);
    const piece = argumentsPiece(fn.arguments);
    const index = typeof fragment.index === 'number' ? fragment.index : undefined;
    let target = index === undefined ? this.#calls.at(-1) : this.#byIndex.get(index);
    if (target && startsAnotherCall(target, id, name, piece)) target = undefined;
    if (!target) {
      target = { id: id ?? '', name: name ?? '', arguments: '' };
      this.#calls.push(target);
    }
    if (index !== undefined) this.#byIndex.set(index, target);
    if (!target.id && id) target.id = id;
    if (!target.name && name) target.name = name;
    target.arguments += piece;
    if (piece) this.onDelta({ type: 'arguments', index: this.#calls.indexOf(target), name: target.name, text: piece });
  }

  /** The turn so far; call once the stream has ended. */
  result(): AccumulatedTurn {
    this.#think.flush();
    let text = this.#think.text;
    const reasoning = [this.#reasoning, this.#think.reasoning].filter(Boolean).join('\n');
    let calls: PartialCall[] = this.#calls;
    if (calls.length === 0) {
      const extracted = extractTextToolCalls(text);
      if (extracted.calls.length) [text, calls] = [extracted.text, extracted.calls];
    }
    const used = new Set<string>();
    const tool_calls = calls.map((call, i) => {
      let id = call.id;
      if (!id || used.has(id)) id = `${this.idPrefix}_${i}`;
      used.add(id);
      return { id, name: call.name, arguments: call.arguments };
    });
    return { text, reasoning, tool_calls, finish_reason: this.#finish, usage: this.#usage };
  }
}

/** Whether a fragment for an existing call really begins a new one (parallel calls sharing an index). */
function startsAnotherCall(target: PartialCall, id: string | undefined, name: string | undefined, piece: string) {
  if (id && target.id) return id !== target.id;
  return Boolean(name && piece && isCompleteJson(target.arguments));
}

function readUsage(usage: Json): TokenUsage {
  const details = isObject(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
  const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
  return {
    prompt_tokens: num(usage.prompt_tokens),
    completion_tokens: num(usage.completion_tokens),
    cached_tokens: num(details.cached_tokens ?? usage.cached_tokens),
  };
}
