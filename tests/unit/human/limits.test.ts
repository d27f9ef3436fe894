/** Limits and stuck runs ask the person when the threshold allows it; prices from Settings; secrets scrubbed from events. */
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/core/events';
import type { HumanPort } from '../../../src/agent/loop';
import { priceOf } from '../../../src/agent/pricing';
import { REDACTED, scrubSecrets } from '../../../src/core/secrets';
import { call, closeAll, finish, runScripted } from '../agent/harness';
import { person } from '../agent/person';

afterEach(closeAll);

const human = (events: AgentEvent[]) => events.filter((e) => e.type === 'human_request' || e.type === 'human_response' || e.type === 'notice');

describe('a reached limit asks to raise it', () => {
  it('max_steps: {raise} goes on; a refusal ends the run failed: max_steps', async () => {
    const echo = call('run_command', { command: 'echo $RANDOM' });
    const person1 = person([{ raise: { max_steps: 3 } }, { approve: false }]);
    const run = await runScripted([echo, echo, echo, echo], { config: { max_steps: 2, threshold: 'high' }, deps: { human: person1 } });
    expect(person1.asked).toEqual([
      {
        kind: 'raise',
        limit: 'max_steps',
        message: 'The run used all 2 steps (max_steps) before the task was finished. Raise the limit to go on, or end the run.',
        current: 2,
        used: 2,
      },
      {
        kind: 'raise',
        limit: 'max_steps',
        message: 'The run used all 3 steps (max_steps) before the task was finished. Raise the limit to go on, or end the run.',
        current: 3,
        used: 3,
      },
    ]);
    expect(run.outcome).toMatchObject({
      status: 'failed',
      reason: 'max_steps',
      steps: 3,
      error: { code: 'max_steps', message: 'The run used all 3 steps (max_steps) before the task was finished.' },
    });
    expect(human(run.events).map((e) => e.type === 'human_request' ? 'request' : e.type === 'notice' ? e.message : e.answer)).toEqual([
      'request',
      { raise: { max_steps: 3 } },
      'The person raised the limits: max_steps 2 → 3.',
      'request',
      { approve: false },
    ]);
  });

  it('max_tokens with the threshold never: no question, failed: budget', async () => {
    const turn = { ...call('run_command', { command: 'echo x' }), usage: { prompt_tokens: 600, completion_tokens: 50 } };
    const nobody = person([]);
    const run = await runScripted([turn, turn], { config: { max_tokens: 500, threshold: 'never' }, deps: { human: nobody } });
    expect([run.outcome.status, run.outcome.reason, nobody.asked]).toEqual(['failed', 'budget', []]);
  });

  it('max_cost_usd with a price from Settings: the raise carries what was spent', async () => {
    const turn = { ...call('run_command', { command: 'echo x' }), usage: { prompt_tokens: 1_000_000, completion_tokens: 0 } };
    const asker = person([{ approve: false }]);
    const run = await runScripted([turn, turn], {
      model: 'my-local-model',
      config: { max_cost_usd: 1, threshold: 'high', prices: { 'my-local': { input: 2, cached: 1, output: 4 } } },
      deps: { human: asker },
    });
    expect([asker.asked[0], run.outcome.reason, run.outcome.usage.cost_usd]).toEqual([
      { kind: 'raise', limit: 'max_cost_usd', message: 'The run cost $2.0000, reaching its max_cost_usd of $1. Raise the limit to go on, or end the run.', current: 1, used: 2 },
      'budget',
      2,
    ]);
  });

  it('wall time counts the run\'s own time: waiting for a person does not use it up', async () => {
    let clock = 0;
    const slow: HumanPort = {
      ask: async () => {
        clock += 60_000;
        return { reply: 'take your time' };
      },
    };
    const run = await runScripted([call('ask_human', { question: 'ok?' }), finish('done')], {
      config: { timeout_s: 30, threshold: 'high' },
      deps: { human: slow, now: () => clock },
    });
    expect(run.outcome.status).toBe('completed');
  });
});

describe('a stuck run asks the person', () => {
  it('a note lets it go on and reaches the model; the next time, "end" fails it as stuck', async () => {
    const asker = person([{ reply: 'The file is in data/.' }, { approve: false }]);
    const run = await runScripted(() => call('run_command', { command: 'cat missing.txt' }), { config: { threshold: 'high' }, deps: { human: asker } });
    expect(asker.asked.map((r) => r.kind === 'raise' && r.limit)).toEqual(['stuck', 'stuck']);
    expect(run.outcome).toMatchObject({ status: 'failed', reason: 'stuck', steps: 6 });
    const note = run.server.requests[3]!.body.messages.at(-1);
    expect(note).toEqual({
      role: 'user',
      content: 'You repeated the same action without progress, and the person let you go on. Their note: The file is in data/. Try something different.',
    });
  });
});

describe('prices and secrets', () => {
  it('a price from Settings replaces the built-in one for its prefix and adds new models', () => {
    const table = { 'gpt-4o': { input: 1, cached: 0.5, output: 2 }, 'llama-3': { input: 0.1, cached: 0.1, output: 0.2 } };
    expect([priceOf('gpt-4o', table), priceOf('gpt-4o-mini', table), priceOf('openrouter/llama-3.1-8b', table), priceOf('mystery')]).toEqual([
      { input: 1, cached: 0.5, output: 2 },
      { input: 0.15, cached: 0.075, output: 0.6 },
      { input: 0.1, cached: 0.1, output: 0.2 },
      undefined,
    ]);
  });

  it('the key is scrubbed from every event, including a command the model wrote with it', async () => {
    const key = 'sk-test-SECRET-0123456789';
    const run = await runScripted([call('run_command', { command: `echo ${key} > k.txt; cat k.txt` }, 'k1'), finish(`used ${key}`)], {
      config: { secrets: [key] },
    });
    expect(JSON.stringify(run.events).includes(key)).toBe(false);
    expect(run.events.find((e) => e.type === 'tool_call')).toEqual({
      type: 'tool_call',
      call: { id: 'k1', name: 'run_command', arguments: JSON.stringify({ command: `echo ${REDACTED} > k.txt; cat k.txt` }) },
      args: { command: `echo ${REDACTED} > k.txt; cat k.txt` },
    });
    expect(scrubSecrets({ a: ['x sk-test-SECRET-0123456789 y'], n: 1 }, [key])).toEqual({ a: [`x ${REDACTED} y`], n: 1 });
  });
});
