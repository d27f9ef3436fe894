import { afterEach, describe, expect, it } from 'vitest';
import { corsMessage, testConnection, type ConnectionDeps } from '../../../src/settings/connection';
import { browserFetch, startModelServer, type ModelServer, type ModelServerOptions } from './model-server';

const PAGE = 'http://localhost:5173';
let server: ModelServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(options: ModelServerOptions): Promise<ModelServer> {
  server = await startModelServer(options);
  return server;
}

const deps: ConnectionDeps = { fetch: browserFetch(PAGE), pageOrigin: PAGE, timeoutMs: 2000 };

describe('testConnection against a real server', () => {
  it('connects when the key, CORS and model are right, sending the key as a bearer token', async () => {
    const s = await serve({ cors: true, key: 'sk-good', models: ['gpt-a', 'gpt-b'] });
    expect(await testConnection({ baseURL: s.baseURL, apiKey: 'sk-good', model: 'gpt-b' }, deps)).toEqual({
      ok: true,
      message: 'Connected: "gpt-b" is available (2 models listed).',
      models: ['gpt-a', 'gpt-b'],
    });
    expect(s.seenAuth).toEqual(['Bearer sk-good']);
  });

  it('says CORS when the server is up but does not allow the page, with the fix', async () => {
    const s = await serve({ cors: false, models: ['m'] });
    const origin = new URL(s.baseURL).origin;
    expect(await testConnection({ baseURL: s.baseURL, apiKey: '', model: 'm' }, deps)).toEqual({
      ok: false,
      problem: 'cors',
      message: corsMessage('custom', origin, PAGE),
      models: [],
    });
    expect(corsMessage('custom', origin, PAGE)).toBe(
      `The server at ${origin} is up but does not allow requests from ${PAGE} (CORS). Allow that origin in the server's CORS settings (vLLM: --allowed-origins '["${PAGE}"]'; llama.cpp's llama-server allows all origins by default; LiteLLM and others: their CORS/allowed-origins option), or put the server behind a proxy that adds the CORS headers.`,
    );
  });

  it('says unreachable when nothing listens', async () => {
    const s = await serve({ cors: true, models: [] });
    const baseURL = s.baseURL;
    await s.close();
    server = undefined;
    const origin = new URL(baseURL).origin;
    expect(await testConnection({ baseURL, apiKey: '', model: 'm' }, deps)).toEqual({
      ok: false,
      problem: 'unreachable',
      message: `Nothing answered at ${origin}. Check the base URL, your network, and that the server is running.`,
      models: [],
    });
  });

  it('says the key was refused (401), or that one is needed', async () => {
    const s = await serve({ cors: true, key: 'sk-good', models: ['m'] });
    expect(await testConnection({ baseURL: s.baseURL, apiKey: 'sk-bad', model: 'm' }, deps)).toEqual({
      ok: false,
      problem: 'unauthorized',
      message: 'The server refused the API key (401: "Incorrect API key provided"). Check the API key setting.',
      models: [],
    });
    expect((await testConnection({ baseURL: s.baseURL, apiKey: '', model: 'm' }, deps)).message).toBe(
      'The server needs an API key (401: "Incorrect API key provided"). Check the API key setting.',
    );
  });

  it('says the model is unknown, listing what the server offers', async () => {
    const s = await serve({ cors: true, models: ['llama3:latest', 'qwen2.5-coder:7b'] });
    expect(await testConnection({ baseURL: s.baseURL, apiKey: '', model: 'gpt-5' }, deps)).toEqual({
      ok: false,
      problem: 'unknown_model',
      message: 'The server has no model "gpt-5". It offers: llama3:latest, qwen2.5-coder:7b.',
      models: ['llama3:latest', 'qwen2.5-coder:7b'],
    });
    expect((await testConnection({ baseURL: s.baseURL, apiKey: '', model: 'llama3' }, deps)).ok).toBe(true);
  });

  it('asks for a model when none is set, offering the list', async () => {
    const s = await serve({ cors: true, models: ['a', 'b'] });
    expect(await testConnection({ baseURL: `${s.baseURL}/`, apiKey: '', model: '' }, deps)).toEqual({
      ok: false,
      problem: 'no_model',
      message: 'Connected. Now choose a model: a, b.',
      models: ['a', 'b'],
    });
  });

  it('checks the model itself when the list is empty', async () => {
    const s = await serve({ cors: true, models: [], known: ['mine'] });
    expect(await testConnection({ baseURL: s.baseURL, apiKey: '', model: 'other' }, deps)).toEqual({
      ok: false,
      problem: 'unknown_model',
      message: 'The server has no model "other" (404).',
      models: [],
    });
    expect(await testConnection({ baseURL: s.baseURL, apiKey: '', model: 'mine' }, deps)).toEqual({
      ok: true,
      message: 'Connected. The server lists no models, so "mine" could not be checked.',
      models: [],
    });
  });

  it('says the base URL is wrong when /models is not there, or answers something else', async () => {
    const s = await serve({ cors: true, models: 'missing' });
    const base = s.baseURL.replace(/\/v1$/, '');
    expect(await testConnection({ baseURL: base, apiKey: '', model: 'm' }, deps)).toEqual({
      ok: false,
      problem: 'not_found',
      message: `No OpenAI-compatible API at ${base} (GET /models answered 404). Check the base URL: it usually ends in /v1.`,
      models: [],
    });
    s.options.models = 'garbage';
    expect(await testConnection({ baseURL: s.baseURL, apiKey: '', model: 'm' }, deps)).toEqual({
      ok: false,
      problem: 'bad_response',
      message: `The server at ${s.baseURL} answered, but not with a model list. Is it an OpenAI-compatible API? Check the base URL.`,
      models: [],
    });
  });

  it('gives up on a server that never answers, within its bound', async () => {
    const s = await serve({ cors: true, models: 'hang' });
    const result = await testConnection({ baseURL: s.baseURL, apiKey: '', model: 'm' }, { ...deps, timeoutMs: 300 });
    expect(result).toEqual({
      ok: false,
      problem: 'timeout',
      message: `${new URL(s.baseURL).origin} did not answer within 0.3 s. Check that the server is running and not overloaded.`,
      models: [],
    });
  });

  it('rejects when the caller aborts', async () => {
    const s = await serve({ cors: true, models: 'hang' });
    const controller = new AbortController();
    const pending = testConnection({ baseURL: s.baseURL, apiKey: '', model: 'm' }, deps, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toThrow(/abort/i);
  });
});

describe('testConnection without a request', () => {
  const noFetch: ConnectionDeps = {
    fetch: () => Promise.reject(new Error('must not be called')),
    pageOrigin: 'https://autopilot.example',
  };

  it('refuses what is not an http(s) URL', async () => {
    expect(await testConnection({ baseURL: 'localhost:11434', apiKey: '', model: 'm' }, noFetch)).toEqual({
      ok: false,
      problem: 'invalid_url',
      message: '"localhost:11434" is not an http(s) URL. Enter the server\'s base URL, e.g. http://localhost:11434/v1.',
      models: [],
    });
  });

  it('says mixed content for plain http from an https page, except to this machine', async () => {
    expect(await testConnection({ baseURL: 'http://10.0.0.5:8000/v1', apiKey: '', model: 'm' }, noFetch)).toEqual({
      ok: false,
      problem: 'mixed_content',
      message: 'This page is served over https, so the browser blocks plain http to http://10.0.0.5:8000. Serve the model API over https, or open Autopilot from http://localhost.',
      models: [],
    });
    const local = await testConnection({ baseURL: 'http://localhost:11434/v1', apiKey: '', model: 'm' }, { ...noFetch, probe: async () => false });
    expect(local.ok === false && local.problem).toBe('unreachable');
  });
});

describe('corsMessage', () => {
  it('gives the fix for Ollama and LM Studio', () => {
    expect(corsMessage('ollama', 'http://localhost:11434', PAGE)).toBe(
      'The server at http://localhost:11434 is up but does not allow requests from http://localhost:5173 (CORS). Restart Ollama allowing it: OLLAMA_ORIGINS=http://localhost:5173 ollama serve (for the desktop app: launchctl setenv OLLAMA_ORIGINS "http://localhost:5173" on macOS, or set OLLAMA_ORIGINS in the system environment on Windows, then restart Ollama).',
    );
    expect(corsMessage('lmstudio', 'http://localhost:1234', PAGE)).toBe(
      'The server at http://localhost:1234 is up but does not allow requests from http://localhost:5173 (CORS). In LM Studio, open the Developer tab, Server Settings, and turn on "Enable CORS"; or start the server with: lms server start --cors',
    );
  });
});
