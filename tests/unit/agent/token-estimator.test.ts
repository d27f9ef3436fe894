import { describe, expect, it } from 'vitest';
import { TokenEstimator } from '../../../src/agent/context';
import type { ChatMessage, ToolSchema } from '../../../src/agent/messages';

const tools: ToolSchema[] = [{ type: 'function', function: { name: 'run_command', description: 'Run "it"\n', parameters: { type: 'object' } } }];

/** What the estimator promises: the request's JSON characters (messages + tools) times the calibrated ratio. */
const expected = (messages: ChatMessage[], ratio: number) => Math.ceil((JSON.stringify(messages).length + JSON.stringify(tools).length) * ratio);

describe('TokenEstimator', () => {
  it('estimates from the JSON length of the messages and tools, calibrated on what the server reported', () => {
    const system: ChatMessage = { role: 'system', content: 'You are "Autopilot".\n\tÉtape ✓' };
    const user: ChatMessage = { role: 'user', content: 'Do the task.' };
    const call: ChatMessage = {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'c1', type: 'function', function: { name: 'run_command', arguments: '{"command":"ls \\"a b\\""}' } }],
    };
    const result: ChatMessage = { role: 'tool', tool_call_id: 'c1', content: 'a b\n\u0001' };
    const estimator = new TokenEstimator(tools);
    const history: ChatMessage[] = [system, user];
    expect([estimator.estimate([]), estimator.estimate(history)]).toEqual([expected([], 0.25), expected(history, 0.25)]);
    history.push(call, result);
    const grown = estimator.estimate(history);
    estimator.observe(history, 1000);
    const ratio = 1000 / (JSON.stringify(history).length + JSON.stringify(tools).length);
    const elided = [system, user, { ...result, content: 'cut' } as ChatMessage];
    expect([grown, estimator.estimate(history), estimator.estimate(elided), estimator.charsFor(1000)]).toEqual([
      expected(history, 0.25),
      expected(history, ratio),
      expected(elided, ratio),
      Math.floor(1000 / ratio),
    ]);
  });

  it('follows a history that grows, is replaced, shrinks or has its last message replaced', () => {
    const estimator = new TokenEstimator(tools);
    const message = (i: number): ChatMessage => ({ role: 'user', content: `message ${i} "quoted"\n`.repeat(i) });
    const history: ChatMessage[] = [message(1), message(2)];
    const seen: number[] = [estimator.estimate(history)];
    history.push(message(3), message(4));
    seen.push(estimator.estimate(history));
    history.pop();
    seen.push(estimator.estimate(history));
    history[history.length - 1] = message(7);
    seen.push(estimator.estimate(history));
    const copy = [...history, message(9)];
    seen.push(estimator.estimate(copy), estimator.estimate(history));
    expect(seen).toEqual([
      expected([message(1), message(2)], 0.25),
      expected([message(1), message(2), message(3), message(4)], 0.25),
      expected([message(1), message(2), message(3)], 0.25),
      expected([message(1), message(2), message(7)], 0.25),
      expected([message(1), message(2), message(7), message(9)], 0.25),
      expected([message(1), message(2), message(7)], 0.25),
    ]);
  });
});
