import { afterEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { startScriptedServer, type ScriptedServer } from '../../fixtures/scripted-server';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function client(baseURL: string) {
  return new OpenAI({ baseURL, apiKey: 'test-key', maxRetries: 0 });
}

describe('scripted server', () => {
  it('streams text and split tool calls as the real API does, with usage', async () => {
    server = await startScriptedServer([
      { content: 'héllo 👋', tool_calls: [{ name: 'run_command', arguments: { command: 'ls -la' } }], chunk_size: 3 },
    ]);
    const stream = await client(server.baseURL).chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const deltas = chunks.map((c) => c.choices[0]?.delta);
    expect(deltas[0]).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(deltas.slice(1, 4).map((d) => d?.content)).toEqual(['hél', 'lo ', '👋']);
    expect(deltas[4]?.tool_calls).toEqual([
      { index: 0, id: 'call_0_0', type: 'function', function: { name: 'run_command', arguments: '' } },
    ]);
    const args = deltas.flatMap((d) => d?.tool_calls?.map((t) => t.function?.arguments) ?? []).join('');
    expect(args).toBe('{"command":"ls -la"}');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage?.completion_tokens).toBeGreaterThan(0);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(server.requests[0]?.body.messages).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('answers non-streaming requests, lists models, and says when the script is exhausted', async () => {
    server = await startScriptedServer([{ content: 'done' }], { models: ['a', 'b'] });
    const openai = client(server.baseURL);
    const completion = await openai.chat.completions.create({ model: 'm', messages: [] });
    expect(completion.choices[0]?.message).toEqual({ role: 'assistant', content: 'done', refusal: null });
    const models = await openai.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['a', 'b']);
    await expect(openai.chat.completions.create({ model: 'm', messages: [] })).rejects.toMatchObject({
      status: 500,
      message: expect.stringContaining('script exhausted'),
    });
  });

  it('answers CORS preflights echoing the requested headers, and can refuse CORS', async () => {
    server = await startScriptedServer([]);
    const preflight = {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-stainless-os',
      },
    };
    const url = `${server.baseURL}/chat/completions`;
    const ok = await fetch(url, preflight);
    expect([ok.status, ok.headers.get('access-control-allow-origin'), ok.headers.get('access-control-allow-headers')])
      .toEqual([204, 'http://localhost:5173', 'authorization,content-type,x-stainless-os']);
    server.setCors(false);
    const refused = await fetch(url, preflight);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(server.preflights.length).toBe(2);
    expect(server.requests).toEqual([]);
  });

  it('replays errors with plain-text bodies, raw SSE, and dropped connections', async () => {
    server = await startScriptedServer([
      { kind: 'error', status: 503, body: 'Loading model', headers: { 'retry-after': '1' } },
      { kind: 'raw', events: [': PROCESSING', 'data: {"choices":[{"index":0,"delta":{"content":"ok"}}]}', 'data: [DONE]'], byte_chunk: 5 },
      { kind: 'drop' },
    ]);
    const first = await fetch(`${server.baseURL}/chat/completions`, { method: 'POST', body: '{}' });
    expect([first.status, first.headers.get('retry-after'), await first.text()]).toEqual([503, '1', 'Loading model']);
    const second = await fetch(`${server.baseURL}/chat/completions`, { method: 'POST', body: '{}' });
    expect(await second.text()).toBe(': PROCESSING\n\ndata: {"choices":[{"index":0,"delta":{"content":"ok"}}]}\n\ndata: [DONE]\n\n');
    await expect(fetch(`${server.baseURL}/chat/completions`, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
