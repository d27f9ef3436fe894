/**
 * Names: a server's name as the person gives it, and a tool's name as the model calls it — `mcp__<server>__<tool>`,
 * within what model APIs accept for a function name (letters, digits, `_` and `-`, at most 64 characters).
 */

/** The prefix of every MCP tool name the model sees. */
export const MCP_PREFIX = 'mcp__';
/** Longest function name model APIs accept (OpenAI: 64). */
export const MAX_TOOL_NAME = 64;
/** Longest server name: leaves room for the tool's own name. */
export const MAX_SERVER_NAME = 24;

/** Why a server name cannot be used (a sentence for the person), or undefined when it can. */
export function serverNameProblem(name: string): string | undefined {
  if (name === '') return 'Give the server a name.';
  if (name.length > MAX_SERVER_NAME) return `A server name has at most ${MAX_SERVER_NAME} characters.`;
  if (!/^[A-Za-z0-9]([A-Za-z0-9-]|_(?!_))*$/.test(name) || name.endsWith('_')) {
    return 'A server name is letters, digits, "-" and single "_" (it becomes part of tool names, like mcp__notes__search).';
  }
  return undefined;
}

/** Why a URL cannot be an MCP server's (a sentence for the person), or undefined when it can. */
export function serverUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'The MCP server URL is not a URL (like https://mcp.example.com/mcp).';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'An MCP server URL starts with https:// (or http:// for a local server).';
  if (parsed.protocol === 'http:' && !isLocalHost(parsed.hostname)) {
    return 'Only local servers (localhost, 127.0.0.1) may use http://: use https:// for a remote MCP server.';
  }
  if (parsed.username || parsed.password) return 'Put no user name or password in the URL: give a bearer token instead.';
  return undefined;
}

function isLocalHost(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/** A tool's own name made fit for a function name: other characters become `_`. */
function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_') || 'tool';
}

/** A short, stable tag of a text (FNV-1a, base 36), to keep cut names apart. */
function tag(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36).slice(0, 6);
}

/**
 * The names the model sees for one server's tools, in the order given: `mcp__<server>__<tool>`, cut with a tag
 * when too long, and unique (a tool whose fitted name is taken gets a tag too).
 */
export function qualifiedNames(server: string, tools: readonly string[], taken: ReadonlySet<string> = new Set()): string[] {
  const used = new Set(taken);
  return tools.map((tool) => {
    const base = `${MCP_PREFIX}${server}__`;
    let name = base + sanitize(tool);
    if (name.length > MAX_TOOL_NAME || used.has(name)) name = `${name.slice(0, MAX_TOOL_NAME - 7)}_${tag(tool)}`;
    for (let n = 2; used.has(name); n++) name = `${name.slice(0, MAX_TOOL_NAME - 3)}_${n}`;
    used.add(name);
    return name;
  });
}

/** True for a name in the MCP tools' form (it says nothing about whether such a tool exists). */
export function isMcpToolName(name: string): boolean {
  return name.startsWith(MCP_PREFIX) && name.indexOf('__', MCP_PREFIX.length) > MCP_PREFIX.length;
}
