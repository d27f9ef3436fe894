/**
 * What went wrong talking to an MCP server, as a kind the code can act on and in words a person (or the model)
 * can act on: unreachable, CORS (with the headers the server must send and expose), a refused token, a protocol
 * version we do not speak, a timeout, a server that went away.
 */

/** The kinds of failure, from the transport up. */
export type McpFailure =
  | { kind: 'unreachable'; detail: string }
  | { kind: 'cors' }
  | { kind: 'session_header' }
  | { kind: 'unauthorized'; status: number }
  | { kind: 'http'; status: number; detail: string }
  | { kind: 'protocol'; detail: string }
  | { kind: 'timeout'; ms: number }
  | { kind: 'session_expired' }
  | { kind: 'closed'; detail: string }
  | { kind: 'cancelled' }
  | { kind: 'other'; detail: string };

/** A failure to reach or use an MCP server; `failure` says which kind. */
export class McpConnectionError extends Error {
  readonly failure: McpFailure;
  constructor(failure: McpFailure, message: string = failure.kind) {
    super(message);
    this.name = 'McpConnectionError';
    this.failure = failure;
  }
}

/** The CORS headers an MCP server must send for a page to use it (docs/mcp.md says the same). */
export const CORS_HELP =
  'Access-Control-Allow-Origin: <this page\'s origin or *>, Access-Control-Allow-Methods: GET, POST, DELETE, OPTIONS, ' +
  'Access-Control-Allow-Headers: Content-Type, Authorization, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID, ' +
  'and Access-Control-Expose-Headers: Mcp-Session-Id';

/** What went wrong with `server` at `url`, said for a person (Settings) and for the model alike. */
export function describeFailure(server: string, url: string, failure: McpFailure): string {
  const where = `the MCP server ${server} (${url})`;
  switch (failure.kind) {
    case 'unreachable':
      return `Could not reach ${where}: ${failure.detail}. Check the URL and that the server is running.`;
    case 'cors':
      return `${capital(where)} answers, but not to this page: its CORS headers do not allow this origin. The server must send ${CORS_HELP}.`;
    case 'session_header':
      return `${capital(where)} started a session but this page cannot read its Mcp-Session-Id header: the server must send Access-Control-Expose-Headers: Mcp-Session-Id.`;
    case 'unauthorized':
      return `${capital(where)} refused the request (HTTP ${failure.status}): ${failure.status === 401 ? 'a bearer token is missing or wrong' : 'the token may not use it'}. Check the token in Settings → MCP servers.`;
    case 'http':
      return `${capital(where)} answered HTTP ${failure.status}: ${failure.detail}. Is this the MCP endpoint (often ending in /mcp)?`;
    case 'protocol':
      return `${capital(where)} speaks a protocol this page does not: ${failure.detail}.`;
    case 'timeout':
      return `${capital(where)} did not answer within ${failure.ms < 1_000 ? `${failure.ms} ms` : `${Math.round(failure.ms / 1000)} s`}.`;
    case 'session_expired':
      return `${capital(where)} forgot our session (it may have restarted), and a new one could not be started.`;
    case 'closed':
      return `The connection to ${where} was lost: ${failure.detail}.`;
    case 'cancelled':
      return `The request to ${where} was cancelled.`;
    case 'other':
      return `${capital(where)} failed: ${failure.detail}.`;
  }
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
