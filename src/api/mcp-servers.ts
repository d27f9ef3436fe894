/**
 * A run's MCP servers: those of Settings plus those given to execute() (one of the same name replaces the
 * Settings one), resolved once with the run. Header values are secrets: stored only by the name of the page's
 * secret that holds them, and supplied when the run starts — a Settings token only while that server still
 * points at the same origin, an execute() header for as long as this page lives (after a reload it is gone, and
 * the token Settings hold for the same URL stands in for an Authorization header).
 */
import type { McpServerParam, RunSpec, SecretRegistry, StoredMcpServer } from '../core';

/** A server of Settings as runs take it: its token by name (the page's secret registry holds the value). */
export interface SettingsMcpServer {
  name: string;
  url: string;
  trusted?: boolean;
  disabled_tools?: string[];
  /** The registry name of its bearer token, when it has one. */
  token_secret?: string;
}

/** What resolving a run's MCP servers needs of the page. */
export interface McpDefaults {
  mcp_servers?: SettingsMcpServer[];
  /** The page's secret registry: holds Settings tokens, and takes execute()'s header values. */
  secrets?: SecretRegistry;
  /**
   * execute()'s header values by secret name, for as long as the page lives (one map per page). The registry
   * keeps only values long enough to scrub; a short header (`X-Team: blue`) is kept here all the same.
   */
  mcp_headers?: Map<string, string>;
}

/** The servers a new run stores: no header value, only secret names (execute()'s values are registered now). */
export function storedMcpServers(given: readonly McpServerParam[] | undefined, defaults: McpDefaults): StoredMcpServer[] {
  const servers = new Map<string, StoredMcpServer>();
  for (const server of defaults.mcp_servers ?? []) {
    const { token_secret, ...rest } = server;
    servers.set(server.name, { ...structuredClone(rest), ...(token_secret && { header_secrets: { Authorization: { secret: token_secret, prefix: 'Bearer ' } } }) });
  }
  for (const server of given ?? []) {
    const header_secrets: StoredMcpServer['header_secrets'] = {};
    for (const [header, value] of Object.entries(server.headers ?? {})) {
      const secret = `MCP header ${server.name} ${header} ${crypto.randomUUID().slice(0, 8)}`;
      defaults.secrets?.set(secret, value);
      defaults.mcp_headers?.set(secret, value);
      // the token inside `Bearer <token>` is scrubbed on its own too
      const token = /^[A-Za-z]+ (\S+)$/.exec(value)?.[1];
      if (token) defaults.secrets?.set(`${secret} token`, token);
      header_secrets[header] = { secret };
    }
    servers.set(server.name, { name: server.name, url: server.url, ...(Object.keys(header_secrets).length && { header_secrets }) });
  }
  return [...servers.values()];
}

/**
 * The values of the secrets a run's MCP servers name, by name, as the page supplies them when it starts: a Settings
 * token only while that server points at the origin it was entered for; an execute() header while the page lives.
 */
export function mcpSecretsFor(spec: Pick<RunSpec, 'mcp_servers' | 'tools'>, defaults: McpDefaults): Record<string, string> {
  const values: Record<string, string> = {};
  if (!spec.tools.includes('mcp')) return values;
  for (const server of spec.mcp_servers ?? []) {
    for (const [header, { secret }] of Object.entries(server.header_secrets ?? {})) {
      const value = defaults.secrets?.get(secret) ?? defaults.mcp_headers?.get(secret);
      if (value && mayUse(secret, server, defaults)) values[secret] = value;
      else if (!value && header.toLowerCase() === 'authorization' && secret.startsWith('MCP header ')) {
        // an execute() token is gone with the page that was given it (a reload): the token Settings hold for the
        // same URL stands in, as its Authorization header
        const token = settingsTokenFor(server.url, defaults);
        if (token) values[secret] = `Bearer ${token}`;
      }
    }
  }
  return values;
}

/** The token of the Settings server at exactly this URL, when Settings hold one. */
function settingsTokenFor(url: string, defaults: McpDefaults): string | undefined {
  const same = defaults.mcp_servers?.find((s) => s.token_secret && sameUrl(s.url, url));
  return same?.token_secret ? defaults.secrets?.get(same.token_secret) : undefined;
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

/** A Settings token goes only to the origin its server has in Settings now (it was entered for that one). */
function mayUse(secret: string, server: StoredMcpServer, defaults: McpDefaults): boolean {
  const inSettings = defaults.mcp_servers?.find((s) => s.token_secret === secret);
  if (!inSettings) return secret.startsWith('MCP header ');
  return originOf(inSettings.url) === originOf(server.url);
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
