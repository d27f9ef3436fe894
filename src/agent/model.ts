/**
 * The ModelClient port and its OpenAI-compatible implementation — the only `openai` import. Streams
 * chat.completions, accumulates the deltas itself (stream.ts), retries what is worth retrying, adapts requests
 * the server refuses, and turns every other failure into a `ModelError` that names the setting to fix.
 */
import OpenAI from 'openai';
import { CancelledError, isAbort } from '../core/errors';
import type { ChatMessage, ImageAttachment, ToolSchema } from './messages';
import { sendsImages, withImages, type WireMessage } from './images';
import type { ModelDelta } from './delta';
import { decide, IncompleteStreamError, StreamIdleError, type Adaptation, type ErrorContext } from './model-errors';
import { probeWindow, type ReportedWindow, type ServerProbe } from './server-window';
import { sseData } from './sse';
import { TurnAccumulator, type AccumulatedTurn, type TokenUsage } from './stream';

export type { ModelDelta } from './delta';
export type { TokenUsage } from './stream';
export type { ReportedWindow } from './server-window';

/** How long asking the server for the context window may take, all requests together. */
export const WINDOW_PROBE_MS = 2_000;

/** Windows servers reported, by base URL and model (guesses are not kept: Ollama's /api/ps knows more once loaded). */
const reportedWindows = new Map<string, ReportedWindow>();

/** How long the stream may stay silent between chunks before the request is retried (docs/models.md). */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

/** What one model request needs. */
export interface ModelRequest {
  messages: ChatMessage[];
  tools: ToolSchema[];
  signal: AbortSignal;
  /** Images of tool results, sent after their turn's tool messages (models that take images; see images.ts). */
  attachments?: readonly ImageAttachment[];
  /** Text, reasoning and tool-call arguments as they arrive. */
  onDelta?: (delta: ModelDelta) => void;
  /** A failure that will be retried after `wait_ms` (to show the wait). */
  onRetry?: (info: { code: string; message: string; wait_ms: number }) => void;
}

/** A complete model turn. Tool call ids are unique within the turn. */
export interface ModelTurn extends AccumulatedTurn {
  finish_reason: string;
  usage: TokenUsage;
}

/** The model port: one request, one turn. Throws `ModelError` or `CancelledError`. */
export interface ModelClient {
  readonly model: string;
  complete(request: ModelRequest): Promise<ModelTurn>;
}

/** Settings of an OpenAI-compatible model server. */
export interface ModelSettings {
  baseURL: string;
  model: string;
  /** Optional: keyless local servers get a placeholder. */
  apiKey?: string;
  /** Output cap per turn (sent as max_tokens or max_completion_tokens). */
  maxOutputTokens?: number;
  temperature?: number;
  /** For reasoning models: low | medium | high. */
  reasoningEffort?: string;
  /** Retries of rate limits and server errors (default 4). */
  maxRetries?: number;
  /** First backoff wait, doubled each retry (default 1000 ms), capped at maxDelayMs (default 20 s). */
  retryBaseMs?: number;
  maxDelayMs?: number;
  /** Bound on one request, headers to last chunk (default 10 min). */
  timeoutMs?: number;
  /** Longest silence between two chunks of the stream (default DEFAULT_IDLE_TIMEOUT_MS; 0: none). */
  idleTimeoutMs?: number;
}

const PLACEHOLDER_KEY = 'sk-no-key-required';

// The SDK's telemetry headers make every browser request need a preflight that fixed allow-lists refuse.
const NO_STAINLESS_HEADERS = Object.fromEntries(
  ['Lang', 'Package-Version', 'OS', 'Arch', 'Runtime', 'Runtime-Version', 'Retry-Count', 'Timeout'].map((h) => [
    `X-Stainless-${h}`,
    null,
  ]),
);

/** OpenAI's reasoning models: developer role, max_completion_tokens, reasoning_effort. */
export function isReasoningModel(model: string): boolean {
  return /^(o\d|gpt-5)/i.test(model.replace(/^.*\//, ''));
}

/** A ModelClient for any OpenAI-compatible chat.completions server. */
export class OpenAIModelClient implements ModelClient {
  readonly model: string;
  #client: OpenAI;
  #settings: ModelSettings;
  #adaptations = new Set<Adaptation>();
  #reachedBefore = false;
  #lastErrorBody: string | undefined;
  #turns = 0;
  readonly #reasoning: boolean;

  constructor(settings: ModelSettings) {
    this.#settings = settings;
    this.model = settings.model;
    this.#reasoning = isReasoningModel(settings.model);
    this.#client = new OpenAI({
      baseURL: settings.baseURL,
      apiKey: settings.apiKey || PLACEHOLDER_KEY,
      dangerouslyAllowBrowser: true,
      maxRetries: 0,
      timeout: settings.timeoutMs ?? 600_000,
      defaultHeaders: NO_STAINLESS_HEADERS,
      fetch: (url: RequestInfo | URL, init?: RequestInit) => this.#fetch(url, init),
    });
  }

  async #fetch(url: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const response = await globalThis.fetch(url, init);
    this.#lastErrorBody = response.ok ? undefined : await response.clone().text().catch(() => undefined);
    return response;
  }

  /**
   * The context window the server reports for this model (docs/models.md), within WINDOW_PROBE_MS; undefined
   * when it reports none or cannot be asked (that is not an error: the table and the default remain).
   */
  async reportedContextWindow(signal: AbortSignal): Promise<ReportedWindow | undefined> {
    const key = `${this.#settings.baseURL}\n${this.model}`;
    const known = reportedWindows.get(key);
    if (known) return known;
    const url = URL.canParse(this.#settings.baseURL) ? new URL(this.#settings.baseURL) : undefined;
    if (!url) return undefined;
    const bounded = AbortSignal.any([signal, AbortSignal.timeout(WINDOW_PROBE_MS)]);
    const probe: ServerProbe = {
      port: url.port,
      // a listing that fails is no answer: the other sources are asked
      models: async () => (await this.#client.models.list({ signal: bounded }).catch(() => undefined))?.data,
      get: (path) => this.#getJson(new URL(path, url.origin), bounded),
    };
    const reported = await probeWindow(probe, this.model, url.hostname);
    if (reported && !reported.assumed) reportedWindows.set(key, reported);
    return reported;
  }

  /** JSON from the server's origin with the SDK's auth header; undefined on any failure. */
  async #getJson(url: URL, signal: AbortSignal): Promise<unknown> {
    try {
      const headers = { authorization: `Bearer ${this.#settings.apiKey || PLACEHOLDER_KEY}` };
      const response = await globalThis.fetch(url, { headers, signal });
      return response.ok ? await response.json() : undefined;
    } catch {
      return undefined; // not this kind of server, or not reachable from here: the next source decides
    }
  }

  async complete(request: ModelRequest): Promise<ModelTurn> {
    const turnId = ++this.#turns;
    const ctx: ErrorContext = {
      baseURL: this.#settings.baseURL,
      model: this.model,
      reachedBefore: this.#reachedBefore,
      retries: {},
      maxRetries: this.#settings.maxRetries ?? 4,
      baseDelayMs: this.#settings.retryBaseMs ?? 1000,
      maxDelayMs: this.#settings.maxDelayMs ?? 20_000,
    };
    for (;;) {
      try {
        return await this.#attempt(request, `call_${turnId}`);
      } catch (error) {
        if (request.signal.aborted || isAbort(error)) throw new CancelledError();
        ctx.lastErrorBody = this.#lastErrorBody;
        ctx.reachedBefore ||= this.#reachedBefore;
        ctx.sentImages = sendsImages(request.attachments) && !this.#adaptations.has('no_images');
        const decision = decide(named(error), ctx);
        if (decision.kind === 'fail') throw decision.error;
        if (decision.kind === 'adapt') {
          this.#adaptations.add(decision.adaptation);
          // the person should know the model stopped seeing images (the other adaptations change nothing they see)
          if (decision.adaptation === 'no_images') request.onRetry?.({ code: 'images_refused', message: decision.message, wait_ms: 0 });
          continue;
        }
        request.onRetry?.({ code: decision.code, message: decision.message, wait_ms: decision.waitMs });
        await sleep(decision.waitMs, request.signal);
      }
    }
  }

  /**
   * One request. It gets its own AbortController, linked to the run's signal only while it lasts: the SDK adds
   * an `abort` listener to the signal it is given and never removes it, which on the run's signal would pile
   * up one listener per step.
   */
  async #attempt(request: ModelRequest, idPrefix: string): Promise<ModelTurn> {
    const controller = new AbortController();
    const abort = () => controller.abort();
    request.signal.addEventListener('abort', abort, { once: true });
    if (request.signal.aborted) controller.abort();
    try {
      return await this.#stream(request, idPrefix, controller.signal);
    } finally {
      request.signal.removeEventListener('abort', abort);
    }
  }

  async #stream(request: ModelRequest, idPrefix: string, signal: AbortSignal): Promise<ModelTurn> {
    // the SDK makes the request (auth, headers, HTTP errors); the body is decoded here, in linear time (sse.ts)
    const response = await this.#client.chat.completions.create(this.#params(request), { signal }).asResponse();
    this.#reachedBefore = true;
    const accumulator = new TurnAccumulator(request.onDelta, idPrefix);
    try {
      await readChunks(response, accumulator, this.#settings.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
    } catch (error) {
      // an error event in the stream is the server's word; anything else is the connection giving way
      if (error instanceof OpenAI.APIError || error instanceof StreamIdleError || request.signal.aborted) throw error;
      throw new IncompleteStreamError(`The connection dropped during the answer: ${String(error)}`, { cause: error });
    }
    // a stream can end quietly when it is aborted or the socket closes: check both
    if (request.signal.aborted) throw new CancelledError();
    const turn = accumulator.result();
    if (turn.finish_reason === null) throw new IncompleteStreamError();
    return {
      ...turn,
      finish_reason: turn.finish_reason,
      usage: turn.usage ?? { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0 },
    };
  }

  #params(request: ModelRequest): OpenAI.Chat.ChatCompletionCreateParamsStreaming {
    const reasoning = this.#reasoning;
    const settings = this.#settings;
    const params: OpenAI.Chat.ChatCompletionCreateParamsStreaming = {
      model: this.model,
      messages: withImages(request.messages, request.attachments, this.#adaptations.has('no_images')).map((m) =>
        toWire(m, reasoning, this.#adaptations.has('send_reasoning')),
      ),
      stream: true,
    };
    if (!this.#adaptations.has('no_stream_options')) params.stream_options = { include_usage: true };
    if (request.tools.length) params.tools = request.tools;
    if (settings.maxOutputTokens) {
      if (reasoning || this.#adaptations.has('max_completion_tokens')) {
        params.max_completion_tokens = settings.maxOutputTokens;
      } else params.max_tokens = settings.maxOutputTokens;
    }
    if (settings.temperature !== undefined && !this.#adaptations.has('no_temperature')) {
      params.temperature = settings.temperature;
    }
    if (settings.reasoningEffort && reasoning) {
      params.reasoning_effort = settings.reasoningEffort as OpenAI.ReasoningEffort;
    }
    return params;
  }
}

/**
 * Feeds the stream's chunks to the accumulator as the SDK's Stream would: up to `[DONE]`, and an `error`
 * object in a chunk throws the SDK's APIError (which model-errors.ts knows how to retry or report).
 */
async function readChunks(response: Response, accumulator: TurnAccumulator, idleMs: number): Promise<void> {
  if (!response.body) throw new IncompleteStreamError('The model server sent no body.');
  let done = false;
  for await (const events of sseData(response.body, { idleMs })) {
    for (const data of events) {
      if (done) continue; // the SDK reads on past [DONE] and ignores the rest
      if (data.startsWith('[DONE]')) {
        done = true;
        continue;
      }
      const chunk: unknown = JSON.parse(data);
      const error = (chunk as { error?: unknown } | null)?.error;
      if (error) throw new OpenAI.APIError(undefined, error as object, undefined, response.headers);
      accumulator.add(chunk);
    }
  }
}

/** The SDK's error classes do not set `name`; model-errors.ts reads it (and must not import the SDK). */
function named(error: unknown): unknown {
  if (error instanceof OpenAI.APIConnectionTimeoutError) error.name = 'APIConnectionTimeoutError';
  else if (error instanceof OpenAI.APIConnectionError) error.name = 'APIConnectionError';
  else if (error instanceof OpenAI.APIError) error.name = 'APIError';
  return error;
}

/** A message as the server takes it; most are sent as they are (no copy: this runs over the whole history per request). */
function toWire(message: WireMessage, reasoningModel: boolean, sendReasoning: boolean): OpenAI.Chat.ChatCompletionMessageParam {
  if (message.role === 'system' && reasoningModel) return { role: 'developer', content: message.content };
  if (message.role === 'assistant' && message.reasoning_content !== undefined && !(sendReasoning && message.tool_calls && message.reasoning_content)) {
    const { reasoning_content: _reasoning, ...rest } = message;
    return rest;
  }
  return message;
}

/** Wait `ms`, or less if the signal aborts (then throw CancelledError). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new CancelledError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
