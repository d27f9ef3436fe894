import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/core/events';
import { call, closeAll, finish, freePort, runScripted } from './harness';

afterEach(closeAll);

const zero = { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, cost_usd: 0 };

describe('agent loop: limits, cancel, stuck', () => {
  it('max_steps ends the run as failed: max_steps after that many model turns', async () => {
    const echo = call('run_command', { command: 'echo step' });
    const run = await runScripted([echo, echo, echo, finish('never reached')], { config: { max_steps: 2 } });
    expect(run.outcome).toEqual({
      status: 'failed',
      reason: 'max_steps',
      error: { code: 'max_steps', message: 'The run used all 2 steps (max_steps) before the task was finished.' },
      outputs: {},
      usage: expect.any(Object),
      steps: 2,
    });
    expect(run.server.requests).toHaveLength(2);
  });

  it('max_tokens ends the run as failed: budget', async () => {
    const turn = { ...call('run_command', { command: 'echo x' }), usage: { prompt_tokens: 600, completion_tokens: 50 } };
    const run = await runScripted([turn, turn, turn], { config: { max_tokens: 1000 } });
    expect(run.outcome).toMatchObject({ status: 'failed', reason: 'budget', steps: 2 });
    expect(run.outcome.error).toEqual({ code: 'budget', message: 'The run used 1300 tokens, reaching its max_tokens of 1000.' });
  });

  it('max_cost_usd counts the cost of known models', async () => {
    const turn = { ...call('run_command', { command: 'echo x' }), usage: { prompt_tokens: 1_000_000, completion_tokens: 0 } };
    const run = await runScripted([turn, turn], { model: 'gpt-4o-mini', config: { max_cost_usd: 0.1 } });
    expect(run.outcome).toMatchObject({ status: 'failed', reason: 'budget', steps: 1 });
    expect(run.outcome.usage).toEqual({ prompt_tokens: 1_000_000, completion_tokens: 0, cached_tokens: 0, cost_usd: 0.15 });
  });

  it('a command past its timeout is stopped, and the observation asks for a fix', async () => {
    const run = await runScripted([call('run_command', { command: 'sleep 5', timeout_ms: 200 }), finish('ok')]);
    const [observation] = run.toolMessages(1);
    expect(observation).toMatch(/^Exit code: 124 \(timed out after 200 ms; the command was stopped\)\n/);
    expect(observation).toContain('The command did not finish in time. If it is a server or a watcher, run it with start_process');
  });

  it('wall time: timeout_s ends the run as failed: timeout, even in the middle of a command', async () => {
    const run = await runScripted([call('run_command', { command: 'sleep 10' })], {
      config: { timeout_s: 0.5, command_timeout_ms: 60_000 },
    });
    expect(run.outcome).toMatchObject({ status: 'failed', reason: 'timeout', steps: 1 });
  });

  it('cancel during a long command ends the run as cancelled within 1 s', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const emit = (event: AgentEvent) => {
      events.push(event);
      if (event.type === 'tool_call') {
        setTimeout(() => {
          abortedAt = performance.now();
          controller.abort();
        }, 200);
      }
    };
    const events: AgentEvent[] = [];
    const run = await runScripted([call('run_command', { command: 'sleep 30' }), finish('never')], {
      config: { command_timeout_ms: 60_000 },
      deps: { emit },
      signal: controller.signal,
    });
    const took = performance.now() - abortedAt;
    expect(run.outcome).toEqual({ status: 'cancelled', outputs: {}, usage: expect.any(Object), steps: 1 });
    expect(took).toBeLessThan(1000);
    expect(events.at(-1)).toEqual({ type: 'status', status: 'cancelled' });
  });

  it('cancel while the model is streaming stops the stream', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const run = await runScripted([{ content: 'a long answer '.repeat(100), chunk_size: 2, chunk_delay_ms: 20 }], {
      signal: controller.signal,
    });
    expect(run.outcome).toEqual({ status: 'cancelled', outputs: {}, usage: zero, steps: 1 });
  });

  it('the same failing action with the same output 3 times is stuck', async () => {
    const run = await runScripted(() => call('run_command', { command: 'cat missing.txt' }));
    expect(run.outcome).toEqual({
      status: 'failed',
      reason: 'stuck',
      error: {
        code: 'stuck',
        message: 'The agent is stuck. The same action failed 3 times with the same output: run_command {"command":"cat missing.txt"}',
      },
      outputs: {},
      usage: expect.any(Object),
      steps: 3,
    });
  });

  it('4 identical action/observation pairs are stuck, even when they succeed', async () => {
    const run = await runScripted(() => call('run_command', { command: 'echo waiting' }));
    expect(run.outcome).toMatchObject({ status: 'failed', reason: 'stuck', steps: 4 });
  });

  it('polling something whose output changes is not stuck', async () => {
    const poll = call('run_command', { command: 'echo tick >> log.txt; wc -l < log.txt' });
    const run = await runScripted([poll, poll, poll, poll, poll, poll, finish('done polling')]);
    expect(run.outcome.status).toBe('completed');
    expect(run.toolMessages(6).map((o) => o.split('\n')[1]?.trim())).toEqual(['1', '2', '3', '4', '5', '6']);
  });
});

describe('agent loop: model errors end the run as failed: model_error with the server message', () => {
  it('the model server is down', async () => {
    const port = await freePort();
    const baseURL = `http://127.0.0.1:${port}/v1`;
    const run = await runScripted([], { baseURL });
    expect(run.outcome).toEqual({
      status: 'failed',
      reason: 'model_error',
      error: {
        code: 'unreachable',
        message: `Could not reach the model server at ${baseURL} (ECONNREFUSED). Check "Base URL" in Settings and that the server is running.`,
      },
      outputs: {},
      usage: zero,
      steps: 1,
    });
    expect(run.events.at(-1)).toEqual({ type: 'status', status: 'failed', reason: 'model_error', error: run.outcome.error });
  });

  it('401: a wrong API key', async () => {
    const body = { error: { message: 'Incorrect API key provided: sk-wrong.', type: 'invalid_request_error', code: 'invalid_api_key' } };
    const run = await runScripted([{ kind: 'error', status: 401, body }], { apiKey: 'sk-wrong' });
    expect(run.outcome).toMatchObject({ status: 'failed', reason: 'model_error', steps: 1 });
    expect(run.outcome.error).toEqual({
      code: 'auth',
      message: 'The model server refused the API key (401: Incorrect API key provided: sk-wrong.). Check "API key" in Settings.',
    });
    expect(run.server.requests[0]!.headers.authorization).toBe('Bearer sk-wrong');
  });

  it('an unknown model', async () => {
    const body = { error: { message: 'The model `gpt-9` does not exist or you do not have access to it.', code: 'model_not_found' } };
    const run = await runScripted([{ kind: 'error', status: 404, body }], { model: 'gpt-9' });
    expect(run.outcome.error).toEqual({
      code: 'model_not_found',
      message: `Model "gpt-9" was not found at ${run.server.baseURL} (404: The model \`gpt-9\` does not exist or you do not have access to it.). Check "Model" in Settings.`,
    });
  });

  it('a retried server error is shown as an error event with the wait, and the run goes on', async () => {
    const run = await runScripted([{ kind: 'error', status: 502, body: 'Bad gateway' }, finish('ok')]);
    expect(run.outcome.status).toBe('completed');
    expect(run.events.filter((e) => e.type === 'error')).toEqual([
      { type: 'error', code: 'server_error', message: 'The model server failed (502: Bad gateway).', retrying: true, wait_ms: 1 },
    ]);
  });
});
