/**
 * Models built in for proving the harness where no real model is reachable (`--model scripted:NAME`):
 * `oracle` runs the task's solution.sh as its one command, then finishes; `noop` finishes at once; `garbled`
 * sends malformed tool calls (bad JSON, an unknown tool, invalid arguments) and then stops talking.
 */
import type { ModelClient, ModelRequest, ModelTurn } from '../agent/model';
import type { EvalTask } from './task';

export const SCRIPTED_MODELS = ['oracle', 'noop', 'garbled'] as const;
export type ScriptedName = (typeof SCRIPTED_MODELS)[number];

const NO_USAGE = { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0 };

/** The heredoc delimiter the oracle feeds solution.sh to bash with. */
const END = '__AUTOPILOT_SOLUTION__';

function turn(calls: { name: string; arguments: string }[], text = ''): ModelTurn {
  return {
    text,
    reasoning: '',
    tool_calls: calls.map((call, index) => ({ id: `scripted_${index}`, ...call })),
    finish_reason: calls.length > 0 ? 'tool_calls' : 'stop',
    usage: NO_USAGE,
  };
}

/** The name after `scripted:`, or undefined when the model is not a scripted one. */
export function scriptedName(model: string): ScriptedName | undefined {
  const match = /^scripted:(.+)$/.exec(model);
  if (!match) return undefined;
  if (!(SCRIPTED_MODELS as readonly string[]).includes(match[1])) {
    throw new Error(`Unknown scripted model "${match[1]}": use one of ${SCRIPTED_MODELS.map((name) => `scripted:${name}`).join(', ')}.`);
  }
  return match[1] as ScriptedName;
}

/** A scripted model for one attempt at one task. */
export function scriptedModel(name: ScriptedName, task: EvalTask): ModelClient {
  let turns = 0;
  const plays: Record<ScriptedName, (n: number) => ModelTurn> = {
    oracle: (n) => {
      const command = `bash <<'${END}'\n${task.solution.replace(/\n?$/, '\n')}${END}`;
      if (n === 0) return turn([{ name: 'run_command', arguments: JSON.stringify({ command }) }]);
      return turn([{ name: 'finish', arguments: JSON.stringify({ summary: 'Ran the reference solution.' }) }]);
    },
    noop: () => turn([{ name: 'finish', arguments: JSON.stringify({ summary: 'Did nothing.' }) }]),
    garbled: (n) => {
      if (n === 0) return turn([{ name: 'run_command', arguments: '{"command": "ls' }]);
      if (n === 1) return turn([{ name: 'run_shell', arguments: '{"cmd": "ls"}' }]);
      if (n === 2) return turn([{ name: 'write_file', arguments: '{"path": 3}' }]);
      return turn([], '');
    },
  };
  return {
    model: `scripted:${name}`,
    async complete(request: ModelRequest): Promise<ModelTurn> {
      request.signal.throwIfAborted();
      return plays[name](turns++);
    },
  };
}
