/**
 * A run's MCP servers in the agent worker: their sessions opened before the loop starts (the worker fetches the
 * servers itself; their tokens came with the job, in memory), their tools handed to the loop as external tools,
 * every call of them rated by the MCP rules, what the model must know said to it, and the sessions ended after.
 */
import type { ExternalTool } from '../agent/external-tool';
import type { AgentEvent, RiskVerdict, ToolCall } from '../core/events';
import { SecretRegistry } from '../core/secrets';
import type { ToolArgs } from '../core/tool-call';
import { mcpExternalTools } from '../mcp/external-tools';
import { schemaBudget } from '../mcp/schemas';
import { McpToolbox } from '../mcp/toolbox';
import type { RunJob } from './run-driver';

/** What a run gets of its MCP servers. */
export interface RunMcp {
  tools: ExternalTool[];
  /** Rates MCP calls by the MCP rules; any other call by `base`. */
  assessor(base: (call: ToolCall, args?: ToolArgs) => Promise<RiskVerdict>): (call: ToolCall, args?: ToolArgs) => Promise<RiskVerdict>;
  /** The job with what the model must know (tools left out, servers not reached) told before its first turn. */
  told(job: RunJob): RunJob;
  close(): Promise<void>;
}

/** The header values of the job's servers, and the tokens in them (`Bearer <token>`): scrubbed from every event like the API key. */
export function mcpSecrets(job: RunJob): string[] {
  const values = (job.mcp_servers ?? []).flatMap((server) => Object.values(server.headers ?? {}));
  const tokens = values.map((value) => /^[A-Za-z]+ (\S+)$/.exec(value)?.[1]).filter((token): token is string => token !== undefined);
  return [...new Set([...values, ...tokens])];
}

/** Open the job's MCP servers; undefined when it has none. Never throws for a server's failure (it is said). */
export async function openRunMcp(job: RunJob, options: { contextWindow: number; signal: AbortSignal; emit(event: AgentEvent): void }): Promise<RunMcp | undefined> {
  if (!job.mcp_servers?.length) return undefined;
  const secrets = new SecretRegistry();
  secrets.set('model API key', job.model.apiKey);
  mcpSecrets(job).forEach((value, i) => secrets.set(`MCP token ${i + 1}`, value));
  const toolbox = await McpToolbox.open(job.mcp_servers, { signal: options.signal, budgetChars: schemaBudget(options.contextWindow), secrets });
  for (const message of toolbox.notices) options.emit({ type: 'notice', message });
  return {
    tools: mcpExternalTools(toolbox),
    assessor: (base) => async (call, args) => {
      if (!toolbox.tool(call.name)) return base(call, args);
      return toolbox.rate(call.name, args ?? parsedArgs(call.arguments));
    },
    told: (target) => withNotes(target, toolbox.notes),
    close: () => toolbox.close(),
  };
}

function parsedArgs(text: string): unknown {
  try {
    return JSON.parse(text || '{}');
  } catch {
    return text;
  }
}

/** The notes before the task (a fresh run) or after the conversation (a follow-up); none into a turn still open. */
function withNotes(job: RunJob, notes: readonly string[]): RunJob {
  if (notes.length === 0 || job.pending_turn) return job;
  const note = `About the MCP tools: ${notes.join(' ')}`;
  if (job.initial_messages) return { ...job, initial_messages: [...job.initial_messages, { role: 'user', content: note }] };
  return { ...job, instructions: `${note}\n\nTask:\n${job.instructions}` };
}
