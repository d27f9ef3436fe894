/**
 * MCP tools as the model sees them: function schemas built from each tool's own JSON Schema, and a long list cut
 * to what fits the context budget, with a note telling the model what was left out.
 */
import type { ToolSchema } from '../agent/messages';
import type { McpTool } from './types';

/** A tool description longer than this is cut (some servers ship manuals in them). */
const MAX_DESCRIPTION = 1_000;
/** At most this many MCP tools go to the model (OpenAI takes 128 tools in all). */
export const MAX_MCP_TOOLS = 100;

/** The function schema of one MCP tool: its own argument schema, described with the server it runs on. */
export function mcpToolSchema(tool: McpTool): ToolSchema {
  const about = (tool.description ?? tool.title ?? tool.annotations?.title ?? '').trim();
  const cut = about.length > MAX_DESCRIPTION ? `${about.slice(0, MAX_DESCRIPTION)}…` : about;
  const description = `${cut ? `${cut} ` : ''}(Tool "${tool.name}" of the MCP server "${tool.server}".)`;
  return { type: 'function', function: { name: tool.qualified, description, parameters: objectSchema(tool.inputSchema) } };
}

/** A tool's input schema as a function's parameters: always an object schema. */
function objectSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _draft, ...rest } = schema;
  if (rest.type !== 'object') return { type: 'object', properties: {} };
  return { ...rest, properties: rest.properties ?? {} };
}

/** The tools that go to the model, and a note for it about those that did not fit (undefined when all did). */
export interface FittedTools {
  tools: McpTool[];
  schemas: ToolSchema[];
  note?: string;
}

/**
 * The MCP tools that fit `budgetChars` of schema text (and MAX_MCP_TOOLS), in the order given: servers in their
 * order, each server's tools in its own. The rest are named in a note for the model, so it can ask for them.
 */
export function fitToBudget(tools: readonly McpTool[], budgetChars: number): FittedTools {
  const kept: McpTool[] = [];
  const schemas: ToolSchema[] = [];
  const left: McpTool[] = [];
  let used = 0;
  for (const tool of tools) {
    const schema = mcpToolSchema(tool);
    const size = JSON.stringify(schema).length;
    if (left.length === 0 && kept.length < MAX_MCP_TOOLS && used + size <= budgetChars) {
      kept.push(tool);
      schemas.push(schema);
      used += size;
    } else left.push(tool);
  }
  if (left.length === 0) return { tools: kept, schemas };
  const names = left.map((tool) => `${tool.server}/${tool.name}`);
  const shown = names.length > 30 ? `${names.slice(0, 30).join(', ')} and ${names.length - 30} more` : names.join(', ');
  const note =
    `${left.length} of the ${tools.length} MCP tools were left out so that their descriptions fit your context window: ${shown}. ` +
    'You cannot call them in this run; if you need one, say so (ask_human or your final answer) so the person can switch others off.';
  return { tools: kept, schemas, note };
}

/**
 * How many characters of tool schemas a context window leaves for MCP tools: a tenth of it (at four characters
 * a token), so the task, the files and the history keep the rest.
 */
export function schemaBudget(contextWindowTokens: number): number {
  return Math.floor(contextWindowTokens * 0.1 * 4);
}
