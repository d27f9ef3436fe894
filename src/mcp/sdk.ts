/**
 * The one module that imports `@modelcontextprotocol/sdk` (loaded lazily: `import('./sdk')`). It opens a client
 * session to a server — Streamable HTTP, or the older HTTP+SSE transport when the server only speaks that — with
 * the SDK's CSP-safe JSON Schema validator (cfworker; the default Ajv one compiles code with `new Function`), and
 * turns the SDK's errors into McpFailure kinds.
 */
// the SDK parses with zod: shapes.ts (the one module that imports zod) sets it jitless, so zod never probes
// `new Function` — which the CSP refuses and reports — here in the agent worker either
import '../store/shapes';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport, SseError } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import { McpConnectionError, type McpFailure } from './errors';
import type { RawToolResult } from './results';
import type { McpServerSpec, McpToolInfo } from './types';

/** An open session with one server. */
export interface McpSession {
  readonly transport: 'streamable-http' | 'sse';
  /** The server's name and version, as it says. */
  readonly serverInfo: string;
  listTools(options: CallOptions): Promise<McpToolInfo[]>;
  callTool(name: string, args: Record<string, unknown>, options: CallOptions): Promise<RawToolResult>;
  close(): Promise<void>;
}

/** Bounds of one request. */
export interface CallOptions {
  signal: AbortSignal;
  timeoutMs: number;
}

/** How to open a session. `fetch` is for tests and for probing; the global one by default. */
export interface OpenOptions extends CallOptions {
  fetch?: typeof fetch;
}

const CLIENT_INFO = { name: 'autopilot', version: '0.1.0' };
/** Pages of tools/list read at most (a server that pages forever does not hang the run). */
const MAX_PAGES = 20;

/** Open a session: Streamable HTTP first, HTTP+SSE when the server refuses it with a 4xx other than 401/403. */
export async function openSession(spec: McpServerSpec, options: OpenOptions): Promise<McpSession> {
  const url = new URL(spec.url);
  const requestInit: RequestInit = { headers: { ...spec.headers } };
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  try {
    const transport = new StreamableHTTPClientTransport(url, { requestInit, fetch: fetchFn });
    return await connect(new StreamableHttpSession(newClient(), transport), transport, options);
  } catch (error) {
    const failure = await classify(error, { url: spec.url, signal: options.signal, timeoutMs: options.timeoutMs, fetch: fetchFn });
    if (failure.kind !== 'http' || failure.status < 400 || failure.status >= 500 || failure.status === 400) throw new McpConnectionError(failure, String(error));
  }
  const transport = new SSEClientTransport(url, { requestInit, fetch: fetchFn });
  try {
    return await connect(new SseSession(newClient(), transport), transport, options);
  } catch (error) {
    throw new McpConnectionError(await classify(error, { url: spec.url, signal: options.signal, timeoutMs: options.timeoutMs, fetch: fetchFn }), String(error));
  }
}

/** A validator of a tool's arguments against its input schema: what is wrong, or undefined. CSP-safe (cfworker). */
export function argumentChecker(schema: Record<string, unknown>): (args: unknown) => string | undefined {
  const validate = new CfWorkerJsonSchemaValidator({ shortcircuit: false }).getValidator(schema as never);
  return (args) => {
    const result = validate(args);
    if (result.valid) return undefined;
    // "#/id: …; #: …" → "id: …; …": locations as argument names
    return (result.errorMessage ?? 'does not match the schema').replace(/(^|; )#\/?(: )?/g, '$1');
  };
}

function newClient(): Client {
  return new Client(CLIENT_INFO, { capabilities: {}, jsonSchemaValidator: new CfWorkerJsonSchemaValidator() });
}

async function connect<S extends BaseSession>(session: S, transport: StreamableHTTPClientTransport | SSEClientTransport, options: CallOptions): Promise<S> {
  await session.client.connect(transport, { signal: options.signal, timeout: options.timeoutMs });
  return session;
}

abstract class BaseSession implements McpSession {
  abstract readonly transport: 'streamable-http' | 'sse';
  readonly client: Client;
  constructor(client: Client) {
    this.client = client;
  }

  get serverInfo(): string {
    const info = this.client.getServerVersion();
    return info ? `${info.name} ${info.version}` : 'unnamed server';
  }

  async listTools(options: CallOptions): Promise<McpToolInfo[]> {
    return this.#guard(options, async () => {
      const tools: McpToolInfo[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await this.client.listTools(cursor ? { cursor } : {}, { signal: options.signal, timeout: options.timeoutMs });
        for (const tool of result.tools) {
          tools.push({
            name: tool.name,
            ...(tool.title && { title: tool.title }),
            ...(tool.description && { description: tool.description }),
            inputSchema: tool.inputSchema as Record<string, unknown>,
            ...(tool.annotations && { annotations: { ...tool.annotations } }),
          });
        }
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      return tools;
    });
  }

  async callTool(name: string, args: Record<string, unknown>, options: CallOptions): Promise<RawToolResult> {
    return this.#guard(options, async () => {
      const result = await this.client.callTool({ name, arguments: args }, undefined, {
        signal: options.signal,
        timeout: options.timeoutMs,
        resetTimeoutOnProgress: true,
        maxTotalTimeout: options.timeoutMs * 4,
      });
      return result as RawToolResult;
    });
  }

  async close(): Promise<void> {
    await this.client.close().catch(() => undefined);
  }

  async #guard<T>(options: CallOptions, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const failure = await classify(error, { url: '', signal: options.signal, timeoutMs: options.timeoutMs, hadSession: true });
      throw new McpConnectionError(failure, String(error));
    }
  }
}

class StreamableHttpSession extends BaseSession {
  readonly transport = 'streamable-http' as const;
  readonly #transport: StreamableHTTPClientTransport;
  constructor(client: Client, transport: StreamableHTTPClientTransport) {
    super(client);
    this.#transport = transport;
  }

  override async close(): Promise<void> {
    // end the session on the server too (it may be gone: a short, best-effort DELETE)
    await Promise.race([this.#transport.terminateSession().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1_000))]);
    await super.close();
  }
}

class SseSession extends BaseSession {
  readonly transport = 'sse' as const;
  constructor(client: Client, _transport: SSEClientTransport) {
    super(client);
  }
}

interface ClassifyContext {
  url: string;
  signal: AbortSignal;
  timeoutMs: number;
  hadSession?: boolean;
  fetch?: typeof fetch;
}

/** The kind of an SDK or network error. */
async function classify(error: unknown, context: ClassifyContext): Promise<McpFailure> {
  if (error instanceof McpConnectionError) return error.failure;
  if (context.signal.aborted) return { kind: 'cancelled' };
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof McpError) {
    if (error.code === ErrorCode.RequestTimeout) return { kind: 'timeout', ms: context.timeoutMs };
    if (error.code === ErrorCode.ConnectionClosed) return { kind: 'closed', detail: message };
    return { kind: 'other', detail: message };
  }
  const status = error instanceof StreamableHTTPError || error instanceof SseError ? error.code : undefined;
  if (status === 401 || status === 403) return { kind: 'unauthorized', status };
  if (status === 404 && context.hadSession) return { kind: 'session_expired' };
  if (status !== undefined && status >= 400 && /session/i.test(message) && !context.hadSession) return { kind: 'session_header' };
  if (status !== undefined && status > 0) return { kind: 'http', status, detail: bodyOf(message) };
  if (/protocol version/i.test(message)) return { kind: 'protocol', detail: message };
  if (error instanceof TypeError && /fetch|network|load failed/i.test(message)) {
    if (context.hadSession) return { kind: 'closed', detail: causeOf(error) };
    return (await answersWithoutCors(context)) ? { kind: 'cors' } : { kind: 'unreachable', detail: causeOf(error) };
  }
  return { kind: 'other', detail: message };
}

/** In a browser a CORS refusal and an unreachable server look alike; an opaque no-cors request tells them apart. */
async function answersWithoutCors(context: ClassifyContext): Promise<boolean> {
  if (!context.url || typeof (globalThis as { location?: unknown }).location === 'undefined') return false;
  try {
    await (context.fetch ?? fetch)(context.url, { mode: 'no-cors', signal: AbortSignal.timeout(Math.min(context.timeoutMs, 5_000)) });
    return true;
  } catch {
    return false;
  }
}

function causeOf(error: TypeError): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}

/** The server's words in an SDK message like "Error POSTing to endpoint: {…}". */
function bodyOf(message: string): string {
  const text = message.replace(/^.*?endpoint:\s*/, '').replace(/^Streamable HTTP error:\s*/, '');
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string } | string };
    const inner = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message;
    if (inner) return inner.slice(0, 200);
  } catch {
    // not JSON: the text as it is
  }
  return text.slice(0, 200) || 'no detail';
}
