/**
 * The context window a run uses (docs/models.md): the person's setting, else what the server reports, else the
 * built-in table, else the default — resolved where the worker builds the loop, said in a notice when it is not
 * the table's. The real worker runner, loop, lite sandbox and openai SDK against the scripted server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/core';
import { createAgents } from '../../../src/api/agents';
import { MemoryRunStore } from '../../../src/api/memory-store';
import { expose } from '../../../src/bridge/rpc';
import type { RunDefaults } from '../../../src/api/types';
import { WorkerDriver } from '../../../src/bridge/worker-driver';
import { createAgentWorkerApi } from '../../../src/bridge/worker-runner';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { startScriptedServer, type ScriptedServer, type ScriptedServerOptions } from '../../fixtures/scripted-server';

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function channelWorker(): Worker {
  const { port1, port2 } = new MessageChannel();
  expose(createAgentWorkerApi(), port2 as never);
  return Object.assign(port1, { terminate: () => (port1.close(), port2.close()) }) as unknown as Worker;
}

/** One run of `model` that finishes at once; what the timeline said about the window, and the window the loop used. */
async function runOn(options: ScriptedServerOptions, model: string, setting?: number) {
  const server = await startScriptedServer([{ tool_calls: [{ name: 'finish', arguments: { summary: 'ok' } }] }], options);
  servers.push(server);
  const sandbox = Promise.resolve(new LiteSandbox());
  const defaults: RunDefaults = {
    baseURL: server.baseURL,
    model,
    apiKey: 'sk-window',
    max_steps: 3,
    human_intervention_threshold: 'never',
    ...(setting && { context_window: setting }),
  };
  const driver = new WorkerDriver({ makeWorker: channelWorker, sandbox, cancelGraceMs: 1_000 });
  const agents = createAgents({ store: new MemoryRunStore(), driver, sandbox, defaults: () => defaults });
  const run = await agents.execute({ instructions: 'say ok' });
  const events: RunEvent[] = [];
  agents.subscribe(run.id, (event) => events.push(event));
  const deadline = Date.now() + 10_000;
  while (!['completed', 'failed', 'cancelled'].includes((await agents.retrieve(run.id)).status)) {
    if (Date.now() > deadline) throw new Error('the run did not end within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  driver.dispose();
  const usage = events.find((e) => e.type === 'usage');
  return {
    status: (await agents.retrieve(run.id)).status,
    notices: events.flatMap((e) => (e.type === 'notice' ? [e.message] : [])),
    window: usage?.type === 'usage' ? usage.context?.window : undefined,
    probes: server.probes.map((p) => `${p.path} ${p.headers.authorization}`),
  };
}

describe('the context window of a run', () => {
  it("takes OpenRouter's context_length from the model list, and asks nothing else", async () => {
    const models = [{ id: 'other/model', context_length: 8_000 }, { id: 'meta-llama/llama-3.3-70b-instruct', context_length: 131_072 }];
    expect(await runOn({ models }, 'meta-llama/llama-3.3-70b-instruct')).toEqual({
      status: 'completed',
      notices: ["Context window 131072 tokens, as the server reports for this model (the server's model list)."],
      window: 131_072,
      probes: ['/v1/models Bearer sk-window'],
    });
  });

  it("takes vLLM's max_model_len from the model list", async () => {
    const models = [{ id: 'Qwen/Qwen3-8B', max_model_len: 8_192, root: 'Qwen/Qwen3-8B' }];
    expect(await runOn({ models }, 'Qwen/Qwen3-8B')).toMatchObject({ window: 8_192, notices: [expect.stringMatching(/^Context window 8192 tokens, as the server reports/)] });
  });

  it("takes llama.cpp's per-slot n_ctx from /props when the list carries no window", async () => {
    const routes = { '/props': { default_generation_settings: { n_ctx: 16_384, params: { temperature: 0.8 } }, total_slots: 1 } };
    expect(await runOn({ models: ['qwen.gguf'], routes }, 'qwen.gguf')).toEqual({
      status: 'completed',
      notices: ["Context window 16384 tokens, as the server reports for this model (llama.cpp's /props)."],
      window: 16_384,
      probes: ['/v1/models Bearer sk-window', '/props Bearer sk-window', '/api/v0/models Bearer sk-window', '/api/version Bearer sk-window'],
    });
  });

  it("takes LM Studio's loaded_context_length over its max_context_length", async () => {
    const routes = { '/api/v0/models': { data: [{ id: 'qwen2.5-7b', max_context_length: 32_768, loaded_context_length: 4_096 }] } };
    expect(await runOn({ models: ['qwen2.5-7b'], routes }, 'qwen2.5-7b')).toMatchObject({ window: 4_096 });
  });

  it("takes a loaded Ollama model's window from /api/ps, and assumes a small one (saying so) when it is not loaded", async () => {
    const ps = { models: [{ name: 'llama3.2:latest', model: 'llama3.2:latest', context_length: 8_192 }] };
    const loaded = await runOn({ models: ['llama3.2'], routes: { '/api/version': { version: '0.12.0' }, '/api/ps': ps } }, 'llama3.2');
    const cold = await runOn({ models: ['llama3.2'], routes: { '/api/version': { version: '0.12.0' }, '/api/ps': { models: [] } } }, 'llama3.2');
    expect([loaded.window, loaded.notices, cold.window, cold.notices]).toEqual([
      8_192,
      ["Context window 8192 tokens, as the server reports for this model (Ollama's /api/ps)."],
      4_096,
      [
        'Context window 4096 tokens, assumed: Ollama does not report it and cuts longer requests from the front. ' +
          'Start it with OLLAMA_CONTEXT_LENGTH=32768 (or more) and set Context window in Settings to match.',
      ],
    ]);
  });

  it('falls back to the built-in table, with no notice, when /models fails', async () => {
    expect(await runOn({ models: ['gpt-4o'], modelsStatus: 500 }, 'gpt-4o')).toMatchObject({ status: 'completed', notices: [], window: 128_000 });
  });

  it('says when it is only the default: neither the server nor the table knows the model', async () => {
    expect(await runOn({ models: ['mystery'] }, 'mystery')).toMatchObject({
      window: 32_768,
      notices: ['Context window 32768 tokens, a default: neither the server nor the built-in table knows this model. Set Context window in Settings if it differs.'],
    });
  });

  it("lets the person's setting win, without asking the server", async () => {
    const models = [{ id: 'big', context_length: 1_000_000 }];
    expect(await runOn({ models }, 'big', 20_000)).toEqual({
      status: 'completed',
      notices: ['Context window 20000 tokens, as set in Settings.'],
      window: 20_000,
      probes: [],
    });
  });
});
