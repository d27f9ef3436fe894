/**
 * What to do about a failed model request: retry after a wait, adapt the request and retry, or fail with a
 * `ModelError` whose message says what happened and which setting to fix. Works on the SDK's error shapes
 * without importing the SDK (model.ts is the only `openai` import).
 */
import { ModelError } from '../core/errors';

/** The stream ended without a finish_reason: cut short, never taken for success. */
export class IncompleteStreamError extends Error {
  override name = 'IncompleteStreamError';
}

/** Nothing arrived on the stream for `idleMs` (a server gone quiet after its headers or mid-answer). */
export class StreamIdleError extends Error {
  override name = 'StreamIdleError';
  constructor(readonly idleMs: number) {
    super(`No data from the model for ${idleMs < 1000 ? `${idleMs} ms` : `${Math.round(idleMs / 1000)} s`}`);
  }
}

/** Where the failing request went, and what happened before. */
export interface ErrorContext {
  baseURL: string;
  model: string;
  /** A request to this server succeeded before (so a network failure is a blip, not a wrong setting). */
  reachedBefore: boolean;
  /** Retries already spent on this request, by kind. */
  retries: Record<string, number>;
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The raw body of the last error response (plain-text bodies, unusual JSON). */
  lastErrorBody?: string;
  /** The request carried images (a tool result's, for a model said to take them). */
  sentImages?: boolean;
}

/** A change to the request that the server asked for. */
export type Adaptation = 'max_completion_tokens' | 'no_temperature' | 'no_stream_options' | 'send_reasoning' | 'no_images';

/** The decision on one failure. */
export type ErrorDecision =
  | { kind: 'retry'; code: string; message: string; waitMs: number }
  | { kind: 'adapt'; adaptation: Adaptation; message: string }
  | { kind: 'fail'; error: ModelError };

interface ErrorShape {
  status?: number;
  error?: { message?: unknown; code?: unknown; type?: unknown; param?: unknown };
  code?: unknown;
  param?: unknown;
  headers?: { get(name: string): string | null };
  message: string;
  name: string;
  cause?: unknown;
}

function shapeOf(error: unknown): ErrorShape {
  if (error instanceof Error) return error as unknown as ErrorShape;
  return { message: String(error), name: 'Error' };
}

/** The server's own words, whatever shape its error body had. */
export function serverMessage(error: unknown, lastErrorBody?: string): string {
  const e = shapeOf(error);
  const inner = e.error?.message;
  if (typeof inner === 'string' && inner) return inner;
  if (inner !== undefined) return JSON.stringify(inner);
  if (e.status && lastErrorBody?.trim()) return lastErrorBody.trim().slice(0, 500);
  return e.message.replace(/^\d{3} /, '');
}

function errorCode(e: ErrorShape): string {
  const code = e.error?.code ?? e.code ?? e.error?.type;
  return code === undefined || code === null ? '' : String(code);
}

function retryAfterMs(e: ErrorShape): number | undefined {
  const ms = Number(e.headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const header = e.headers?.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  const wait = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(wait) && wait >= 0 && wait <= 60_000 ? wait : undefined;
}

function causeCode(error: unknown): string | undefined {
  let cause: unknown = error;
  for (let depth = 0; depth < 5 && cause; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+/.test(code)) return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

function retry(ctx: ErrorContext, kind: string, code: string, message: string, limit: number, wait?: number) {
  const spent = ctx.retries[kind] ?? 0;
  if (spent >= limit) return undefined;
  ctx.retries[kind] = spent + 1;
  const waitMs = wait ?? Math.min(ctx.baseDelayMs * 2 ** spent, ctx.maxDelayMs);
  return { kind: 'retry', code, message, waitMs } as const;
}

const fail = (code: string, message: string, status?: number): ErrorDecision => ({
  kind: 'fail',
  error: new ModelError(code, message, status),
});

/** Decide what to do about one failed request. */
export function decide(error: unknown, ctx: ErrorContext): ErrorDecision {
  const e = shapeOf(error);
  if (error instanceof IncompleteStreamError) {
    const message = 'The model stream ended before the model finished (no finish_reason).';
    return retry(ctx, 'incomplete', 'incomplete_stream', message, 1, 0) ?? fail('incomplete_stream', `${message} It happened again on retry: check the server's logs.`);
  }
  if (error instanceof StreamIdleError) {
    return (
      retry(ctx, 'idle', 'idle_timeout', `${error.message}, retrying.`, 1, 0) ??
      fail('idle_timeout', `${error.message}, again after a retry. Check the server (its logs, its load), or raise "Idle timeout" in Settings.`)
    );
  }
  if (e.name === 'APIConnectionTimeoutError') {
    const message = `The model server at ${ctx.baseURL} did not answer in time.`;
    return retry(ctx, 'timeout', 'timeout', message, 1, 0) ?? fail('timeout', `${message} Check that it is running and not overloaded.`);
  }
  if (e.status === undefined) return decideWithoutStatus(error, e, ctx);
  return decideHttp(e, ctx);
}

function decideWithoutStatus(error: unknown, e: ErrorShape, ctx: ErrorContext): ErrorDecision {
  if (e.name !== 'APIConnectionError') {
    // an error event inside a 200 stream (OpenRouter mid-generation), or a malformed stream
    const message = `The model server reported an error during the answer: ${serverMessage(error)}`;
    return retry(ctx, 'stream', 'stream_error', message, 1) ?? fail('stream_error', message);
  }
  const code = causeCode(error);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return fail('unreachable', `Could not reach the model server at ${ctx.baseURL} (${code}). Check "Base URL" in Settings and that the server is running.`);
  }
  if (ctx.reachedBefore) {
    const message = `The connection to the model server was lost${code ? ` (${code})` : ''}.`;
    const decision = retry(ctx, 'network', 'network', message, 1);
    if (decision) return decision;
  }
  return fail('network', networkHint(ctx.baseURL, code));
}

/** A network failure: in a browser this is usually CORS, and the fix depends on the server. */
export function networkHint(baseURL: string, code?: string): string {
  const what = `Could not connect to the model server at ${baseURL}${code ? ` (${code})` : ''}.`;
  const port = /:(\d+)/.exec(baseURL)?.[1];
  if (port === '11434') {
    return `${what} If Ollama is running, it may refuse this page's origin: start it with OLLAMA_ORIGINS=<this page's origin> (or "*"). Otherwise check "Base URL" in Settings.`;
  }
  if (port === '1234') {
    return `${what} If LM Studio is running, turn on CORS in its server settings (or start it with \`lms server start --cors\`). Otherwise check "Base URL" in Settings.`;
  }
  return `${what} Check "Base URL" in Settings, that the server is running, and that it allows requests from this page (CORS).`;
}

function decideHttp(e: ErrorShape, ctx: ErrorContext): ErrorDecision {
  const status = e.status as number;
  const code = errorCode(e);
  const said = serverMessage(e as unknown as Error, ctx.lastErrorBody);
  const server = `(${status}: ${said})`;
  if (status === 401 || status === 403) {
    return fail('auth', `The model server refused the API key ${server}. Check "API key" in Settings.`, status);
  }
  if (status === 404) {
    const aboutModel = code === 'model_not_found' || /model/i.test(said);
    const fix = aboutModel ? `Check "Model" in Settings` : `Check "Base URL" (it usually ends in /v1) and "Model" in Settings`;
    return fail('model_not_found', `Model "${ctx.model}" was not found at ${ctx.baseURL} ${server}. ${fix}.`, status);
  }
  if (status === 400 || status === 422) return decideBadRequest(e, ctx, code, said, server);
  if (status === 429) {
    if (code === 'insufficient_quota' || /quota/i.test(said)) {
      return fail('insufficient_quota', `The API key has no quota left ${server}. Add credit to the account or use another key.`, status);
    }
    const message = `Rate limited by the model server ${server}.`;
    return retry(ctx, 'rate', 'rate_limited', message, ctx.maxRetries, retryAfterMs(e)) ?? fail('rate_limited', `${message} Retries did not help: wait a minute and run again.`, status);
  }
  if (status === 408 || status === 409 || status >= 500) {
    const loading = status === 503 && /loading/i.test(said);
    const message = loading ? `The model server is still loading the model ${server}.` : `The model server failed ${server}.`;
    const limit = loading ? ctx.maxRetries * 3 : ctx.maxRetries;
    return retry(ctx, 'server', loading ? 'loading' : 'server_error', message, limit, retryAfterMs(e)) ?? fail('server_error', `${message} Retries did not help: check the server.`, status);
  }
  return fail(`http_${status}`, `The model server refused the request ${server}.`, status);
}

function decideBadRequest(e: ErrorShape, ctx: ErrorContext, code: string, said: string, server: string): ErrorDecision {
  const param = String(e.error?.param ?? e.param ?? '');
  if (code === 'context_length_exceeded' || /context (length|window)|maximum context|too many tokens|exceeds the context/i.test(said)) {
    return fail('context_length_exceeded', `The conversation is longer than the model's context window ${server}.`, e.status);
  }
  if (/reasoning_content/.test(said) && (ctx.retries.adapt ?? 0) < 3) {
    // DeepSeek's thinking mode wants its reasoning back on tool-call turns
    ctx.retries.adapt = (ctx.retries.adapt ?? 0) + 1;
    return { kind: 'adapt', adaptation: 'send_reasoning', message: `The server wants the model's reasoning sent back ${server}; adapting.` };
  }
  if (ctx.sentImages && /image|vision|multi-?modal/i.test(said) && (ctx.retries.adapt ?? 0) < 3) {
    // the setting or the built-in list said the model takes images; the server says otherwise
    ctx.retries.adapt = (ctx.retries.adapt ?? 0) + 1;
    return { kind: 'adapt', adaptation: 'no_images', message: `The model server refused images ${server}; they are named, not sent, for the rest of the run.` };
  }
  if (code === 'tool_use_failed') {
    const message = `The model wrote a malformed tool call ${server}.`;
    const again = retry(ctx, 'tool_use', 'tool_use_failed', message, 1, 0);
    if (again) return again;
  }
  const unsupported = code === 'unsupported_parameter' || code === 'unsupported_value' || /unsupported|not supported|unrecognized|unknown/i.test(said);
  if (unsupported && (ctx.retries.adapt ?? 0) < 3) {
    const adaptation: Adaptation | undefined =
      param === 'max_tokens' || /max_tokens/.test(said) ? 'max_completion_tokens'
      : param === 'temperature' || /temperature/.test(said) ? 'no_temperature'
      : param.startsWith('stream_options') || /stream_options/.test(said) ? 'no_stream_options'
      : undefined;
    if (adaptation) {
      ctx.retries.adapt = (ctx.retries.adapt ?? 0) + 1;
      return { kind: 'adapt', adaptation, message: `The server does not accept this request as sent ${server}; adapting it.` };
    }
  }
  if (/auto.?tool.?choice|tool.?call.?parser|does not support tools|tools? (is|are) not supported/i.test(said)) {
    return fail('tools_unsupported', `This server or model does not support tool calls ${server}. Pick a model with tool support (or start the server with tool calling on) and check "Model" in Settings.`, e.status);
  }
  return fail(code || 'bad_request', `The model server refused the request ${server}.`, e.status);
}
