/**
 * MCP servers in Settings as plain data over the storage port: the list (name, URL, trust, switched-off tools,
 * auth) is remembered; a bearer token stays in memory unless the person asks to remember it, and is remembered
 * (and offered) only for the origin of the URL it was entered for — a server moved elsewhere gets no token.
 * The auth setting is a tagged union so OAuth can be added as another kind.
 */
import { serverNameProblem, serverUrlProblem } from '../mcp/naming';
import type { McpServerSpec } from '../mcp/types';
import { originOf, type SettingsStorage } from './store';

/** How a server is authenticated: none, or a bearer token (OAuth comes later as another kind). */
export type McpAuth = { kind: 'none' } | { kind: 'bearer' };

/** One server as Settings keep it (never its token). */
export interface McpServerSetting {
  name: string;
  url: string;
  /** The person trusts its annotations: tools it marks read-only are rated low. */
  trusted: boolean;
  /** Tools (the server's own names) switched off. */
  disabled_tools: string[];
  auth: McpAuth;
}

/** A token and the origin it belongs to. */
export interface BoundToken {
  origin: string;
  token: string;
}

export const MCP_SERVERS_KEY = 'autopilot.mcpServers';
export const MCP_TOKENS_KEY = 'autopilot.mcpTokens';

/** The page's secret registry name of a server's token. */
export function mcpTokenSecret(server: string): string {
  return `MCP token ${server}`;
}

/** A stored server, checked; undefined when it is not one. */
function validServer(value: unknown): McpServerSetting | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.name !== 'string' || serverNameProblem(v.name) || typeof v.url !== 'string' || serverUrlProblem(v.url)) return undefined;
  const disabled = Array.isArray(v.disabled_tools) ? v.disabled_tools.filter((t): t is string => typeof t === 'string') : [];
  const auth: McpAuth = (v.auth as { kind?: string } | undefined)?.kind === 'bearer' ? { kind: 'bearer' } : { kind: 'none' };
  return { name: v.name, url: v.url, trusted: v.trusted === true, disabled_tools: disabled, auth };
}

/** The remembered servers (only valid ones, names unique). */
export function loadServers(storage: SettingsStorage): McpServerSetting[] {
  const servers: McpServerSetting[] = [];
  for (const item of readArray(storage, MCP_SERVERS_KEY)) {
    const server = validServer(item);
    if (server && !servers.some((s) => s.name === server.name)) servers.push(server);
  }
  return servers;
}

export function saveServers(storage: SettingsStorage, servers: readonly McpServerSetting[]): void {
  write(storage, MCP_SERVERS_KEY, JSON.stringify(servers));
}

/** Remembered tokens by server name, each with the origin it was entered for. */
export function loadTokens(storage: SettingsStorage): Map<string, BoundToken> {
  const tokens = new Map<string, BoundToken>();
  let stored: unknown;
  try {
    stored = JSON.parse(storage.getItem(MCP_TOKENS_KEY) ?? '{}');
  } catch {
    return tokens;
  }
  if (!stored || typeof stored !== 'object') return tokens;
  for (const [name, value] of Object.entries(stored)) {
    const v = value as Partial<BoundToken> | null;
    if (v && typeof v.token === 'string' && v.token && typeof v.origin === 'string' && originOf(v.origin) === v.origin) tokens.set(name, { origin: v.origin, token: v.token });
  }
  return tokens;
}

/** Remember (or with null forget) one server's token. */
export function saveToken(storage: SettingsStorage, name: string, bound: BoundToken | null): void {
  const tokens = Object.fromEntries(loadTokens(storage));
  if (bound) tokens[name] = bound;
  else delete tokens[name];
  if (Object.keys(tokens).length) write(storage, MCP_TOKENS_KEY, JSON.stringify(tokens));
  else {
    try {
      storage.removeItem(MCP_TOKENS_KEY);
    } catch {
      // blocked storage holds nothing to forget
    }
  }
}

/** The token for a server now: only one entered for the origin its URL has now. */
export function tokenFor(server: McpServerSetting, bound: BoundToken | undefined): string {
  if (server.auth.kind !== 'bearer' || !bound) return '';
  return originOf(server.url) === bound.origin ? bound.token : '';
}

/** A server as a run (or a test) uses it, with its Authorization header when it has a token. */
export function specOf(server: McpServerSetting, token: string): McpServerSpec {
  return {
    name: server.name,
    url: server.url,
    ...(token && { headers: { Authorization: `Bearer ${token}` } }),
    ...(server.trusted && { trusted: true }),
    ...(server.disabled_tools.length && { disabled_tools: [...server.disabled_tools] }),
  };
}

function readArray(storage: SettingsStorage, key: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function write(storage: SettingsStorage, key: string, value: string): void {
  try {
    storage.setItem(key, value);
  } catch {
    // storage full or blocked (private mode): the setting still applies for this page
  }
}
