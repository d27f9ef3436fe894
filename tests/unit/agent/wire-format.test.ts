import { afterEach, describe, expect, it } from 'vitest';
import { OpenAIModelClient, type ModelDelta, type ModelSettings } from '../../../src/agent/model';
import { networkHint } from '../../../src/agent/model-errors';
import { ModelError } from '../../../src/core/errors';
import { startScriptedServer, type Script, type ScriptedServer } from '../../fixtures/scripted-server';
import { WIRE_SCENARIOS } from '../../fixtures/scenarios/wire-format';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(script: Script, settings: Partial<ModelSettings> = {}) {
  server = await startScriptedServer(script);
  return new OpenAIModelClient({ baseURL: server.baseURL, model: 'scripted-model', retryBaseMs: 1, ...settings });
}

function ask(client: OpenAIModelClient, extra: { deltas?: ModelDelta[]; retries?: string[] } = {}) {
  return client.complete({
    messages: [{ role: 'user', content: 'hi' }],
    tools: [],
    signal: AbortSignal.timeout(10_000),
    onDelta: (d) => extra.deltas?.push(d),
    onRetry: (r) => extra.retries?.push(`${r.code} ${r.wait_ms}ms: ${r.message}`),
  });
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ModelError);
  return { code: (error as ModelError).code, message: (error as ModelError).message };
}

describe('streams from every kind of server, through the real SDK', () => {
  for (const scenario of WIRE_SCENARIOS) {
    it(scenario.name, async () => {
      const client = await clientFor([scenario.turn]);
      const deltas: ModelDelta[] = [];
      const turn = await ask(client, { deltas });
      expect({ ...turn, usage: undefined }).toEqual({ ...scenario.expected, usage: undefined });
      const shown = (type: ModelDelta['type']) => deltas.filter((d) => d.type === type).map((d) => d.text).join('');
      expect(shown('reasoning')).toBe(scenario.expected.reasoning);
      expect(shown('text').trim()).toBe(scenario.expected.text);
    });
  }

  it('reasoning is not sent back as content', async () => {
    const client = await clientFor([{ content: 'x' }]);
    await client.complete({
      messages: [{ role: 'assistant', content: 'Answer.', reasoning_content: 'secret thoughts' }],
      tools: [],
      signal: AbortSignal.timeout(5000),
    });
    expect(server!.requests[0]!.body.messages).toEqual([{ role: 'assistant', content: 'Answer.' }]);
  });
});

describe('streams that go wrong', () => {
  it('an error event inside a 200 stream is retried once, then fails with the server message', async () => {
    const errorStream = { kind: 'raw' as const, events: [': OPENROUTER PROCESSING', 'data: {"error":{"message":"Provider returned error","code":502}}'] };
    const client = await clientFor([errorStream, errorStream]);
    const retries: string[] = [];
    const promise = ask(client, { retries });
    expect(await failure(promise)).toEqual({
      code: 'stream_error',
      message: 'The model server reported an error during the answer: Provider returned error',
    });
    expect(retries).toEqual(['stream_error 1ms: The model server reported an error during the answer: Provider returned error']);
  });

  it('a connection dropped before any finish_reason is detected, retried once, never taken for success', async () => {
    const dropped = { content: 'half an answ', cut: { after: 3, how: 'destroy' as const } };
    const client = await clientFor([dropped, dropped]);
    const retries: string[] = [];
    expect(await failure(ask(client, { retries }))).toEqual({
      code: 'incomplete_stream',
      message: "The model stream ended before the model finished (no finish_reason). It happened again on retry: check the server's logs.",
    });
    expect(retries).toEqual(['incomplete_stream 0ms: The model stream ended before the model finished (no finish_reason).']);
    expect(server!.requests).toHaveLength(2);
  });

  it('a dropped connection followed by a good answer succeeds on the retry', async () => {
    const client = await clientFor([{ content: 'half', cut: { after: 2, how: 'destroy' } }, { content: 'whole' }]);
    expect((await ask(client)).text).toBe('whole');
  });
});

describe('errors', () => {
  const rate = (headers: Record<string, string>) => ({
    kind: 'error' as const,
    status: 429,
    body: { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } },
    headers,
  });

  it('429 honours retry-after-ms and retry-after, and shows the wait', async () => {
    const client = await clientFor([rate({ 'retry-after-ms': '30' }), rate({ 'retry-after': '0.05' }), { content: 'ok' }]);
    const retries: string[] = [];
    expect((await ask(client, { retries })).text).toBe('ok');
    expect(retries).toEqual([
      'rate_limited 30ms: Rate limited by the model server (429: Rate limit reached for requests).',
      'rate_limited 50ms: Rate limited by the model server (429: Rate limit reached for requests).',
    ]);
  });

  it('429 insufficient_quota is not retried', async () => {
    const body = { error: { message: 'You exceeded your current quota.', type: 'insufficient_quota', code: 'insufficient_quota' } };
    const client = await clientFor([{ kind: 'error', status: 429, body }]);
    expect(await failure(ask(client))).toEqual({
      code: 'insufficient_quota',
      message: 'The API key has no quota left (429: You exceeded your current quota.). Add credit to the account or use another key.',
    });
    expect(server!.requests).toHaveLength(1);
  });

  it('5xx is retried with backoff, then fails with the server message', async () => {
    const boom = { kind: 'error' as const, status: 500, body: { error: { message: 'The server had an error', type: 'server_error' } } };
    const client = await clientFor([boom, boom, boom], { maxRetries: 2, retryBaseMs: 5 });
    const retries: string[] = [];
    expect(await failure(ask(client, { retries }))).toEqual({
      code: 'server_error',
      message: 'The model server failed (500: The server had an error). Retries did not help: check the server.',
    });
    expect(retries.map((r) => r.split(':')[0])).toEqual(['server_error 5ms', 'server_error 10ms']);
  });

  it("llama.cpp's 503 Loading model is waited out", async () => {
    const loading = { kind: 'error' as const, status: 503, body: { error: { code: 503, message: 'Loading model', type: 'unavailable_error' } } };
    const client = await clientFor([loading, loading, loading, { content: 'ready' }], { maxRetries: 1 });
    const retries: string[] = [];
    expect((await ask(client, { retries })).text).toBe('ready');
    expect(retries[0]).toBe('loading 1ms: The model server is still loading the model (503: Loading model).');
  });

  it('a plain-text error body is quoted', async () => {
    const client = await clientFor([{ kind: 'error', status: 418, body: 'I am a teapot, not a model' }]);
    expect(await failure(ask(client))).toEqual({
      code: 'http_418',
      message: 'The model server refused the request (418: I am a teapot, not a model).',
    });
  });

  it('400 unsupported max_tokens: adapt once to max_completion_tokens and remember it for the model', async () => {
    const body = { error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", type: 'invalid_request_error', param: 'max_tokens', code: 'unsupported_parameter' } };
    const client = await clientFor([{ kind: 'error', status: 400, body }, { content: 'one' }, { content: 'two' }], { maxOutputTokens: 500 });
    expect((await ask(client)).text).toBe('one');
    expect((await ask(client)).text).toBe('two');
    const sent = server!.requests.map((r) => [r.body.max_tokens, r.body.max_completion_tokens]);
    expect(sent).toEqual([[500, undefined], [undefined, 500], [undefined, 500]]);
  });

  it('400 unsupported temperature: dropped', async () => {
    const body = { error: { message: "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.", param: 'temperature', code: 'unsupported_value' } };
    const client = await clientFor([{ kind: 'error', status: 400, body }, { content: 'ok' }], { temperature: 0.2 });
    expect((await ask(client)).text).toBe('ok');
    expect(server!.requests.map((r) => r.body.temperature)).toEqual([0.2, undefined]);
  });

  it('stream_options rejected: retried without', async () => {
    const body = { error: { message: 'Unrecognized request argument supplied: stream_options' } };
    const client = await clientFor([{ kind: 'error', status: 400, body }, { content: 'ok' }]);
    expect((await ask(client)).text).toBe('ok');
    expect(server!.requests.map((r) => 'stream_options' in r.body)).toEqual([true, false]);
  });

  it('context_length_exceeded is its own code', async () => {
    const body = { error: { message: "This model's maximum context length is 128000 tokens.", code: 'context_length_exceeded' } };
    const client = await clientFor([{ kind: 'error', status: 400, body }]);
    expect((await failure(ask(client))).code).toBe('context_length_exceeded');
  });

  it('reasoning models get the developer role and max_completion_tokens', async () => {
    const client = await clientFor([{ content: 'ok' }], { model: 'o4-mini', maxOutputTokens: 1000, reasoningEffort: 'low' });
    await client.complete({ messages: [{ role: 'system', content: 'rules' }], tools: [], signal: AbortSignal.timeout(5000) });
    expect(server!.requests[0]!.body).toEqual({
      model: 'o4-mini',
      messages: [{ role: 'developer', content: 'rules' }],
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 1000,
      reasoning_effort: 'low',
    });
  });

  it('a network failure on the first request is not retried blindly, and says how to fix it', async () => {
    const client = await clientFor([{ kind: 'drop' }, { content: 'never' }]);
    const error = await failure(ask(client));
    expect(error.code).toBe('network');
    expect(error.message).toContain(`Could not connect to the model server at ${server!.baseURL}`);
    expect(server!.requests).toHaveLength(1);
  });

  it('a server that wants reasoning_content back on tool-call turns gets it, from then on', async () => {
    const body = { error: { message: 'Missing `reasoning_content` field in the assistant message at message index 1.', type: 'invalid_request_error' } };
    const client = await clientFor([{ kind: 'error', status: 400, body }, { content: 'ok' }]);
    const history = [
      { role: 'user' as const, content: 'hi' },
      { role: 'assistant' as const, content: null, reasoning_content: 'I should look.', tool_calls: [{ id: 'a', type: 'function' as const, function: { name: 'list_files', arguments: '{}' } }] },
      { role: 'tool' as const, tool_call_id: 'a', content: 'a.txt' },
    ];
    await client.complete({ messages: history, tools: [], signal: AbortSignal.timeout(5000) });
    expect(server!.requests.map((r) => r.body.messages[1].reasoning_content)).toEqual([undefined, 'I should look.']);
  });

  it("Groq's tool_use_failed is retried once", async () => {
    const body = { error: { message: 'Failed to call a function. Please adjust your prompt.', type: 'invalid_request_error', code: 'tool_use_failed', failed_generation: '<function=x>' } };
    const client = await clientFor([{ kind: 'error', status: 400, body }, { content: 'ok' }]);
    expect((await ask(client)).text).toBe('ok');
  });

  it('network hints name the fix for Ollama and LM Studio', () => {
    expect(networkHint('http://localhost:11434/v1')).toContain('OLLAMA_ORIGINS');
    expect(networkHint('http://localhost:1234/v1')).toContain('lms server start --cors');
  });
});
