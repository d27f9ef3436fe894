import { afterEach, describe, expect, it } from 'vitest';
import { OpenAIModelClient, type ModelDelta } from '../../../src/agent/model';
import { ModelError } from '../../../src/core/errors';
import { startScriptedServer, type Script, type ScriptedServer } from '../../fixtures/scripted-server';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(script: Script) {
  server = await startScriptedServer(script);
  return new OpenAIModelClient({ baseURL: server.baseURL, model: 'scripted-model', retryBaseMs: 1, idleTimeoutMs: 150 });
}

function ask(client: OpenAIModelClient, deltas: ModelDelta[], retries: string[]) {
  return client.complete({
    messages: [{ role: 'user', content: 'hi' }],
    tools: [],
    signal: AbortSignal.timeout(5000),
    onDelta: (d) => deltas.push(d),
    onRetry: ({ code, message, wait_ms }) => retries.push(`${code} ${wait_ms}ms: ${message}`),
  });
}

const RETRY = 'idle_timeout 0ms: No data from the model for 150 ms, retrying.';

describe('a stream that goes silent', () => {
  it('after its headers: retried after the idle timeout, and the retry answers', async () => {
    const client = await clientFor([{ content: 'never sent', cut: { after: 0, how: 'stall' } }, { content: 'hello' }]);
    const deltas: ModelDelta[] = [];
    const retries: string[] = [];
    const started = Date.now();
    const turn = await ask(client, deltas, retries);
    expect(turn.text).toBe('hello');
    expect(retries).toEqual([RETRY]);
    expect(deltas).toEqual([{ type: 'text', text: 'hell' }, { type: 'text', text: 'o' }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(server!.requests).toHaveLength(2);
  });

  it('mid-stream: retried once, then fails saying what to check', async () => {
    const stalled = { content: 'half an answer', cut: { after: 3, how: 'stall' as const } };
    const client = await clientFor([stalled, stalled]);
    const deltas: ModelDelta[] = [];
    const retries: string[] = [];
    const error = await ask(client, deltas, retries).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect({ code: (error as ModelError).code, message: (error as ModelError).message }).toEqual({
      code: 'idle_timeout',
      message: 'No data from the model for 150 ms, again after a retry. Check the server (its logs, its load), or raise "Idle timeout" in Settings.',
    });
    expect(retries).toEqual([RETRY]);
    // what arrived before the silence was streamed (twice: once per attempt)
    expect(deltas).toEqual([{ type: 'text', text: 'half' }, { type: 'text', text: ' an ' }, { type: 'text', text: 'half' }, { type: 'text', text: ' an ' }]);
  });
});
