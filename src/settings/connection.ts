/**
 * "Test connection": asks the server for its models the way a run will reach it, and says exactly what is wrong.
 * In a browser a blocked CORS request and a dead server both surface as the same TypeError; a `no-cors` probe
 * to the same URL tells them apart (an opaque answer means the server is up, so it was CORS).
 */
import { isLocalHost, serverKind, type ServerKind } from './presets';
import { originOf } from './store';

/** What went wrong, for code; the message says it for people. */
export type ConnectionProblem =
  | 'invalid_url'
  | 'mixed_content'
  | 'unreachable'
  | 'timeout'
  | 'cors'
  | 'unauthorized'
  | 'not_found'
  | 'http_error'
  | 'bad_response'
  | 'no_model'
  | 'unknown_model';

/** The outcome of a connection test; `models` is what the server listed (empty when unknown). */
export type ConnectionResult = { ok: true; message: string; models: string[] } | ConnectionFailure;

/** A failed connection test. */
export interface ConnectionFailure {
  ok: false;
  problem: ConnectionProblem;
  message: string;
  models: string[];
}

/** What to test. */
export interface ConnectionInput {
  baseURL: string;
  apiKey: string;
  model: string;
}

/** What the test needs from outside: injectable so Node tests can play the browser's part. */
export interface ConnectionDeps {
  fetch: typeof fetch;
  /** True when something answers at `url` at all, CORS aside. Default: a `no-cors` fetch. */
  probe?: (url: string, signal: AbortSignal) => Promise<boolean>;
  /** The page's origin, named in CORS fixes. */
  pageOrigin?: string;
  /** Bound of each request (default 10 s). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Test the connection; resolves to a result, never rejects but when `signal` aborts. */
export async function testConnection(input: ConnectionInput, deps: ConnectionDeps, signal?: AbortSignal): Promise<ConnectionResult> {
  const origin = originOf(input.baseURL);
  if (!origin) return fail('invalid_url', `"${input.baseURL}" is not an http(s) URL. Enter the server's base URL, e.g. http://localhost:11434/v1.`);
  const base = input.baseURL.replace(/\/+$/, '');
  const mixed = mixedContent(base, deps.pageOrigin);
  if (mixed) return mixed;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const url = `${base}/models`;
  const response = await request(url, input.apiKey, deps, timeoutMs, signal);
  if ('problem' in response) return response;
  return checkModels(response, input, base, deps, timeoutMs, signal);
}

function fail(problem: ConnectionProblem, message: string, models: string[] = []): ConnectionFailure {
  return { ok: false, problem, message, models };
}

function mixedContent(base: string, pageOrigin: string | undefined): ConnectionFailure | undefined {
  const target = new URL(base);
  if (!pageOrigin?.startsWith('https:') || target.protocol !== 'http:' || isLocalHost(target.hostname)) return undefined;
  return fail('mixed_content', `This page is served over https, so the browser blocks plain http to ${target.origin}. Serve the model API over https, or open Autopilot from http://localhost.`);
}

type Answer = { status: number; body: unknown } | ConnectionFailure;

async function request(url: string, apiKey: string, deps: ConnectionDeps, timeoutMs: number, signal?: AbortSignal): Promise<Answer> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let response: Response;
  try {
    // a key is always sent, as the run will send one (a placeholder for keyless servers): the CORS preflight is the same
    response = await deps.fetch(url, { headers: { authorization: `Bearer ${apiKey || 'none'}` }, signal: both });
  } catch {
    // a TypeError: the network failed or CORS refused; the browser does not say which
    signal?.throwIfAborted();
    if (timeout.aborted) return fail('timeout', `${new URL(url).origin} did not answer within ${timeoutMs / 1000} s. Check that the server is running and not overloaded.`);
    return unreachableOrCors(url, deps, timeoutMs, signal);
  }
  const text = await response.text().catch(() => '');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the message
  }
  return { status: response.status, body };
}

async function unreachableOrCors(url: string, deps: ConnectionDeps, timeoutMs: number, signal: AbortSignal | undefined): Promise<ConnectionFailure> {
  const probe = deps.probe ?? noCorsProbe;
  const timeout = AbortSignal.timeout(timeoutMs);
  const up = await probe(url, signal ? AbortSignal.any([signal, timeout]) : timeout).catch(() => false);
  signal?.throwIfAborted();
  const kind = serverKind(url);
  if (up) return fail('cors', corsMessage(kind, new URL(url).origin, deps.pageOrigin));
  return fail('unreachable', unreachableMessage(kind, new URL(url).origin));
}

/** A `no-cors` request: it resolves (opaque) when anything answers, and rejects when nothing does. */
export async function noCorsProbe(url: string, signal: AbortSignal): Promise<boolean> {
  await fetch(url, { mode: 'no-cors', signal, cache: 'no-store' });
  return true;
}

/** The fix for a CORS refusal, for the server at hand. */
export function corsMessage(kind: ServerKind, origin: string, pageOrigin = 'this page\'s origin'): string {
  const start = `The server at ${origin} is up but does not allow requests from ${pageOrigin} (CORS).`;
  switch (kind) {
    case 'ollama':
      return `${start} Restart Ollama allowing it: OLLAMA_ORIGINS=${pageOrigin} ollama serve (for the desktop app: launchctl setenv OLLAMA_ORIGINS "${pageOrigin}" on macOS, or set OLLAMA_ORIGINS in the system environment on Windows, then restart Ollama).`;
    case 'lmstudio':
      return `${start} In LM Studio, open the Developer tab, Server Settings, and turn on "Enable CORS"; or start the server with: lms server start --cors`;
    case 'openai':
    case 'openrouter':
      return `${start} This API normally allows browsers: check the base URL, and any proxy or browser extension that may strip CORS headers.`;
    default:
      return `${start} Allow that origin in the server's CORS settings (vLLM: --allowed-origins '["${pageOrigin}"]'; llama.cpp's llama-server allows all origins by default; LiteLLM and others: their CORS/allowed-origins option), or put the server behind a proxy that adds the CORS headers.`;
  }
}

function unreachableMessage(kind: ServerKind, origin: string): string {
  const start = `Nothing answered at ${origin}.`;
  switch (kind) {
    case 'ollama':
      return `${start} Is Ollama running? Start it with: ollama serve`;
    case 'lmstudio':
      return `${start} Is LM Studio's server running? Start it in the Developer tab, or with: lms server start`;
    default:
      return `${start} Check the base URL, your network, and that the server is running.`;
  }
}

function serverError(body: unknown): string {
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (typeof error === 'string') return error;
    if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  }
  return typeof body === 'string' ? body.slice(0, 200) : '';
}

function modelIds(body: unknown): string[] | undefined {
  const data = body && typeof body === 'object' && 'data' in body ? (body as { data: unknown }).data : undefined;
  if (!Array.isArray(data)) return undefined;
  return data.flatMap((entry) => (entry && typeof entry === 'object' && typeof entry.id === 'string' ? [entry.id as string] : []));
}

/** `llama3` names the same Ollama model as `llama3:latest`. */
function sameModel(wanted: string, listed: string): boolean {
  return wanted === listed || `${wanted}:latest` === listed;
}

function listPreview(models: string[]): string {
  const shown = models.slice(0, 8).join(', ');
  return models.length > 8 ? `${shown} and ${models.length - 8} more` : shown;
}

async function checkModels(
  answer: { status: number; body: unknown },
  input: ConnectionInput,
  base: string,
  deps: ConnectionDeps,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ConnectionResult> {
  const said = serverError(answer.body);
  const because = said ? `: "${said}"` : '';
  if (answer.status === 401 || answer.status === 403) {
    const what = input.apiKey ? 'refused the API key' : 'needs an API key';
    return fail('unauthorized', `The server ${what} (${answer.status}${because}). Check the API key setting.`);
  }
  if (answer.status === 404) {
    return fail('not_found', `No OpenAI-compatible API at ${base} (GET /models answered 404). Check the base URL: it usually ends in /v1.`);
  }
  if (answer.status < 200 || answer.status > 299) {
    return fail('http_error', `The server answered ${answer.status} to GET /models${because}.`);
  }
  const models = modelIds(answer.body);
  if (!models) return fail('bad_response', `The server at ${base} answered, but not with a model list. Is it an OpenAI-compatible API? Check the base URL.`);
  if (!input.model) {
    return fail('no_model', models.length ? `Connected. Now choose a model: ${listPreview(models)}.` : 'Connected. Now enter a model name.', models);
  }
  if (models.some((id) => sameModel(input.model, id))) {
    return { ok: true, message: `Connected: "${input.model}" is available (${models.length} model${models.length === 1 ? '' : 's'} listed).`, models };
  }
  if (models.length) {
    return fail('unknown_model', `The server has no model "${input.model}". It offers: ${listPreview(models)}.`, models);
  }
  // an empty list proves nothing: ask for the model itself
  const single = await request(`${base}/models/${encodeURIComponent(input.model)}`, input.apiKey, deps, timeoutMs, signal);
  if (!('problem' in single) && single.status === 404) return fail('unknown_model', `The server has no model "${input.model}" (404).`, models);
  return { ok: true, message: `Connected. The server lists no models, so "${input.model}" could not be checked.`, models };
}
