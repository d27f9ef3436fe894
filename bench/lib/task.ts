/**
 * The scripted task every loop runs: `steps` turns that each call the shell tool with `true <n>` (the number
 * keeps each action distinct, so no loop's stuck detection fires), then one turn that answers in text.
 * The same function answers our ModelClient, the peers' model adapters and the scripted HTTP server.
 */
import type { ModelClient, ModelRequest, ModelTurn } from '../../src/agent/model';

/** One scripted turn, in plain terms every adapter translates. */
export type TaskTurn = { kind: 'call'; id: string; command: string } | { kind: 'answer'; text: string };

export const ANSWER = 'Done: every command ran.';

/** Turn `index` (0-based) of a task of `steps` tool-calling steps. */
export function taskTurn(index: number, steps: number): TaskTurn {
  return index < steps ? { kind: 'call', id: `call_${index + 1}`, command: `true ${index + 1}` } : { kind: 'answer', text: ANSWER };
}

/** Our ModelClient port answering the task in process, with no latency (a resolved promise per turn). */
export class ScriptedModelClient implements ModelClient {
  readonly model = 'scripted-model';
  #turn = 0;

  constructor(private readonly steps: number) {}

  async complete(_request: ModelRequest): Promise<ModelTurn> {
    return toModelTurn(taskTurn(this.#turn++, this.steps));
  }
}

/** A task turn as our loop's ModelTurn. */
export function toModelTurn(turn: TaskTurn): ModelTurn {
  const usage = { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0 };
  if (turn.kind === 'answer') return { text: turn.text, reasoning: '', tool_calls: [], finish_reason: 'stop', usage };
  const call = { id: turn.id, name: 'run_command', arguments: JSON.stringify({ command: turn.command }) };
  return { text: '', reasoning: '', tool_calls: [call], finish_reason: 'tool_calls', usage };
}
