/**
 * The risk of an MCP call, before it runs. Annotations are the server's claims, not facts (the MCP spec says so,
 * and defaults destructiveHint to true): a tool without them is high; readOnlyHint lowers a tool to low only on a
 * server the person marked trusted; a tool the server says is not destructive is medium (it still sends data out);
 * and arguments that carry a secret are high whatever the tool claims (rateOutbound).
 */
import type { RiskVerdict } from '../core/events';
import type { SecretRegistry } from '../core/secrets';
import { rateOutbound } from '../risk/channels';
import type { McpAnnotations, McpTool } from './types';

const HINTS: readonly (keyof McpAnnotations)[] = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'];

/** Rates a call of an MCP tool with these arguments. */
export function rateMcpCall(tool: McpTool, args: unknown, secrets?: SecretRegistry): RiskVerdict {
  const outbound = rateOutbound({ channel: 'mcp', name: tool.qualified, payload: args }, secrets);
  if (outbound.level === 'high') return outbound;
  const what = `${tool.name} on the MCP server ${tool.server}`;
  const hints = tool.annotations;
  if (!hints || HINTS.every((hint) => hints[hint] === undefined)) {
    return { level: 'high', reasons: [`${what} says nothing about what it does (no annotations): it may change or delete anything`] };
  }
  if (hints.readOnlyHint === true) {
    if (tool.trusted) return { level: 'low', reasons: [`${what} says it only reads (a server you trust)`] };
    return { level: 'medium', reasons: [`${what} says it only reads, but the server is not marked trusted: a claim, not a fact`] };
  }
  if (hints.destructiveHint === false) return { level: 'medium', reasons: [`${what} changes things on the server (it says nothing is destroyed)`] };
  return { level: 'high', reasons: [`${what} may delete or overwrite data (destructive, as its server says or by default)`] };
}
