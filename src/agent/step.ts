/**
 * One step of the loop: ask the model, record its answer and the usage, then run its tool calls in order. A
 * turn without calls is the final answer (or, empty or cut off, gets one nudge).
 */
import type { AgentEvent } from '../core/events';
import { addUsage, type Usage } from '../core/run';
import type { TokenEstimator } from './context';
import { failed, RunEnded } from './ending';
import type { ChatMessage, Conversation } from './messages';
import type { ModelTurn } from './model';
import { askModel, type ModelTurnDeps } from './model-turn';
import { costed, type Price } from './pricing';
import { CUT_OFF_NUDGE, NUDGE } from './prompt';
import type { ToolCallRunner } from './tool-calls';

/** What a step works with. */
export interface StepDeps {
  conversation: Conversation;
  modelTurn: ModelTurnDeps;
  calls: ToolCallRunner;
  /** The model's price, looked up once for the run (undefined: unknown, no cost). */
  price: Price | undefined;
  estimator: TokenEstimator;
  window: number;
  emit(event: AgentEvent): void;
}

/** Runs a run's steps and adds up their usage. */
export class StepRunner {
  readonly #deps: StepDeps;
  #usage: Usage;
  #nudged = false;

  constructor(deps: StepDeps, usage: Usage) {
    this.#deps = deps;
    this.#usage = { ...usage };
  }

  /** The run's usage so far. */
  get usage(): Usage {
    return this.#usage;
  }

  /** Run step `step`; leaving the run (final answer, finish, failure) throws its ending. */
  async run(step: number): Promise<void> {
    const { emit, conversation } = this.#deps;
    emit({ type: 'step', step });
    const turn = await askModel(this.#deps.modelTurn);
    conversation.messages.push(assistantMessage(turn));
    emit({ type: 'assistant_message', text: turn.text, tool_calls: turn.tool_calls });
    this.#addUsage(turn);
    if (turn.tool_calls.length === 0) return this.#answerWithoutCalls(turn);
    this.#nudged = false;
    for (const call of turn.tool_calls) await this.#deps.calls.run(call, turn.finish_reason);
  }

  #addUsage(turn: ModelTurn): void {
    const { price, estimator, window, conversation, emit } = this.#deps;
    const step = costed(turn.usage, price);
    this.#usage = addUsage(this.#usage, step);
    const context = { tokens: turn.usage.prompt_tokens || estimator.estimate(conversation.messages), window };
    emit({ type: 'usage', step, total: this.#usage, context });
  }

  /** DESIGN's rule: text without tool calls is the final answer; an empty turn gets one nudge, then fails. */
  #answerWithoutCalls(turn: ModelTurn): void {
    const text = turn.text.trim();
    if (turn.finish_reason === 'content_filter') {
      throw failed('model_error', "The provider's content filter stopped the model's answer.", 'content_filter');
    }
    if (text && turn.finish_reason !== 'length') throw new RunEnded({ status: 'completed', summary: text, outputs: {} });
    if (this.#nudged) {
      const what = text ? 'answers cut off at the output limit' : 'answers with neither text nor a tool call';
      throw failed('empty_response', `The model gave two ${what} in a row (finish_reason: ${turn.finish_reason}).`);
    }
    this.#nudged = true;
    this.#deps.emit({ type: 'notice', message: 'The model gave an empty answer; it was asked to continue.' });
    this.#deps.conversation.messages.push({ role: 'user', content: turn.finish_reason === 'length' ? CUT_OFF_NUDGE : NUDGE });
  }
}

/** The model's turn as the conversation keeps it (reasoning kept for servers that need it back). */
function assistantMessage(turn: ModelTurn): ChatMessage {
  const hasCalls = turn.tool_calls.length > 0;
  return {
    role: 'assistant',
    content: turn.text || (hasCalls ? null : ''),
    ...(hasCalls && {
      tool_calls: turn.tool_calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })),
    }),
    ...(turn.reasoning && { reasoning_content: turn.reasoning }),
  };
}
