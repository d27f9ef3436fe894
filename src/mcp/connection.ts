/**
 * One server's connection for a run (or a Settings test): opened on first use through the lazily loaded SDK
 * module, bounded by timeouts, and opened again once when the server forgot the session (a restart: it answers
 * 404, so the call did not run). A connection lost in the middle of a call is not retried — the call may have
 * run — but the next call opens a new session.
 */
import { McpConnectionError } from './errors';
import type { McpSession } from './sdk';
import type { RawToolResult } from './results';
import type { McpServerSpec, McpToolInfo } from './types';

/** Bounds of a connection. */
export interface ConnectionOptions {
  /** Opening a session and listing tools (default 15 s). */
  connectTimeoutMs?: number;
  /** One tool call (default 60 s; progress notifications extend it up to four times). */
  callTimeoutMs?: number;
  /** fetch for the transport (tests, and the page's probe); the global one by default. */
  fetch?: typeof fetch;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;

/** A lazily opened session with one MCP server. */
export class McpConnection {
  readonly spec: McpServerSpec;
  readonly #options: ConnectionOptions;
  #session: Promise<McpSession> | undefined;

  constructor(spec: McpServerSpec, options: ConnectionOptions = {}) {
    this.spec = spec;
    this.#options = options;
  }

  get connectTimeoutMs(): number {
    return this.#options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  }

  get callTimeoutMs(): number {
    return this.#options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  }

  /** The server's tools (opens the session). Throws McpConnectionError. */
  async tools(signal: AbortSignal): Promise<McpToolInfo[]> {
    const session = await this.#open(signal);
    return this.#retryOnExpiry(signal, session, (s) => s.listTools({ signal, timeoutMs: this.connectTimeoutMs }));
  }

  /** The server's name and transport, once open. */
  async describe(signal: AbortSignal): Promise<{ transport: string; serverInfo: string }> {
    const session = await this.#open(signal);
    return { transport: session.transport, serverInfo: session.serverInfo };
  }

  /** Call a tool by its server's own name. Throws McpConnectionError (timeouts, a lost server …). */
  async call(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<RawToolResult> {
    const session = await this.#open(signal);
    return this.#retryOnExpiry(signal, session, (s) => s.callTool(name, args, { signal, timeoutMs: this.callTimeoutMs }));
  }

  /** End the session (best effort, bounded). */
  async close(): Promise<void> {
    const session = this.#session;
    this.#session = undefined;
    if (session) await session.then((s) => s.close()).catch(() => undefined);
  }

  async #retryOnExpiry<T>(signal: AbortSignal, session: McpSession, work: (session: McpSession) => Promise<T>): Promise<T> {
    try {
      return await work(session);
    } catch (error) {
      if (!(error instanceof McpConnectionError)) throw error;
      const kind = error.failure.kind;
      if (kind === 'closed' || kind === 'unreachable' || kind === 'session_expired') this.#drop(session);
      if (kind !== 'session_expired') throw error;
      return work(await this.#open(signal));
    }
  }

  #drop(session: McpSession): void {
    void session.close();
    this.#session = undefined;
  }

  #open(signal: AbortSignal): Promise<McpSession> {
    if (!this.#session) {
      const opening = import('./sdk').then(({ openSession }) =>
        openSession(this.spec, { signal, timeoutMs: this.connectTimeoutMs, ...(this.#options.fetch && { fetch: this.#options.fetch }) }),
      );
      // a failed opening is not kept: the next use tries again
      opening.catch(() => {
        if (this.#session === opening) this.#session = undefined;
      });
      this.#session = opening;
    }
    return this.#session;
  }
}
