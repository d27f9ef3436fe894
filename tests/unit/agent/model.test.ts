import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenAIModelClient, type ModelDelta } from '../../../src/agent/model';
import { CancelledError, ModelError } from '../../../src/core/errors';
import { startScriptedServer, type Script, type ScriptedServer } from '../../fixtures/scripted-server';
import { freePort } from './harness';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(script: Script, settings: { apiKey?: string; model?: string } = {}) {
  server = await startScriptedServer(script);
  return new OpenAIModelClient({ baseURL: server.baseURL, model: 'scripted-model', retryBaseMs: 1, ...settings });
}

const ask = (client: OpenAIModelClient, deltas: ModelDelta[] = []) =>
  client.complete({
    messages: [{ role: 'user', content: 'hi' }],
    tools: [],
    signal: AbortSignal.timeout(5000),
    onDelta: (d) => deltas.push(d),
  });

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelError);
  const { code, message } = error as ModelError;
  return { code, message };
}

describe('OpenAIModelClient', () => {
  it('streams text, reasoning and tool calls, with usage, sending a placeholder key', async () => {
    const client = await clientFor([
      {
        reasoning: 'think',
        content: 'ok',
        tool_calls: [{ name: 'read_file', arguments: { path: 'a.txt' } }],
        usage: { prompt_tokens: 10, completion_tokens: 5, cached_tokens: 2 },
      },
    ]);
    const deltas: ModelDelta[] = [];
    const turn = await ask(client, deltas);
    expect(turn).toEqual({
      text: 'ok',
      reasoning: 'think',
      tool_calls: [{ id: 'call_0_0', name: 'read_file', arguments: '{"path":"a.txt"}' }],
      finish_reason: 'tool_calls',
      usage: { prompt_tokens: 10, completion_tokens: 5, cached_tokens: 2 },
    });
    expect(deltas).toEqual([
      { type: 'reasoning', text: 'thin' },
      { type: 'reasoning', text: 'k' },
      { type: 'text', text: 'ok' },
      ...['{"pa', 'th":', '"a.t', 'xt"}'].map((text) => ({ type: 'arguments', index: 0, name: 'read_file', text })),
    ]);
    const sent = server!.requests[0]!;
    expect(sent.headers.authorization).toBe('Bearer sk-no-key-required');
    expect(sent.body).toEqual({
      model: 'scripted-model',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(Object.keys(sent.headers).filter((h) => h.startsWith('x-stainless'))).toEqual([]);
  });

  it('401 names the API key setting, with the server message', async () => {
    const client = await clientFor([
      { kind: 'error', status: 401, body: { error: { message: 'Incorrect API key provided: sk-bad', code: 'invalid_api_key' } } },
    ], { apiKey: 'sk-bad' });
    expect(await failure(ask(client))).toEqual({
      code: 'auth',
      message: 'The model server refused the API key (401: Incorrect API key provided: sk-bad). Check "API key" in Settings.',
    });
  });

  it('an unknown model names the Model setting, with the server message', async () => {
    const client = await clientFor([
      { kind: 'error', status: 404, body: { error: { message: 'model "nope" not found, try pulling it first' } } },
    ], { model: 'nope' });
    const error = await failure(ask(client));
    expect(error.code).toBe('model_not_found');
    expect(error.message).toContain('model "nope" not found, try pulling it first');
    expect(error.message).toContain('Check "Model" in Settings');
  });

  it('a server that is down names the Base URL setting, without retrying', async () => {
    const port = await freePort();
    const client = new OpenAIModelClient({ baseURL: `http://127.0.0.1:${port}/v1`, model: 'm' });
    expect(await failure(ask(client))).toEqual({
      code: 'unreachable',
      message: `Could not reach the model server at http://127.0.0.1:${port}/v1 (ECONNREFUSED). Check "Base URL" in Settings and that the server is running.`,
    });
  });

  it('retries a 500 and a stream cut before finish_reason, showing each wait', async () => {
    const client = await clientFor([
      { kind: 'error', status: 500, body: 'upstream exploded' },
      { content: 'partial answer that never finishes', cut: { after: 3, how: 'end' } },
      { content: 'whole' },
    ]);
    const retries: string[] = [];
    const turn = await client.complete({
      messages: [],
      tools: [],
      signal: AbortSignal.timeout(5000),
      onRetry: (info) => retries.push(`${info.code}: ${info.message}`),
    });
    expect(turn.text).toBe('whole');
    expect(retries).toEqual([
      'server_error: The model server failed (500: upstream exploded).',
      'incomplete_stream: The model stream ended before the model finished (no finish_reason).',
    ]);
  });

  it("leaves no listener on the caller's signal once a request ends, so a long run does not pile them up", async () => {
    const client = await clientFor(Array.from({ length: 12 }, (_, i) => ({ content: `answer ${i}` })));
    const run = new AbortController();
    const texts: string[] = [];
    for (let i = 0; i < 12; i++) {
      texts.push((await client.complete({ messages: [{ role: 'user', content: 'hi' }], tools: [], signal: run.signal })).text);
    }
    expect(texts).toEqual(Array.from({ length: 12 }, (_, i) => `answer ${i}`));
    expect(getEventListeners(run.signal, 'abort')).toEqual([]);
  });

  it('aborting the caller\'s signal mid-stream cancels the request', async () => {
    const client = await clientFor([{ content: 'a long answer that streams slowly', chunk_delay_ms: 50 }]);
    const run = new AbortController();
    const deltas: ModelDelta[] = [];
    const turn = client.complete({
      messages: [],
      tools: [],
      signal: run.signal,
      onDelta: (d) => {
        deltas.push(d);
        run.abort();
      },
    });
    await expect(turn).rejects.toBeInstanceOf(CancelledError);
    expect(deltas).toHaveLength(1);
    expect(getEventListeners(run.signal, 'abort')).toEqual([]);
  });
});
