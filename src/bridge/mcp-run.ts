/**
 * A run's MCP servers in the agent worker: their sessions opened before the loop starts (the worker fetches the
 * servers itself; their tokens came with the job, in memory), their tools handed to the loop as external tools,
 * every call of them rated by the MCP rules, what the model must know said to it, and the sessions ended after.
 */
import type { ExternalTool } from '../agent/external-tool';
import type { AgentEvent, RiskVerdict, ToolCall } from '../core/events';
import { SecretRegistry } from '../core/secrets';
import type { ToolArgs } from '../core/tool-call';
import { ATTACHED_NOTE_END, IMAGES_NOT_KEPT } from '../agent/images';
import { mcpExternalTools } from '../mcp/external-tools';
import { schemaBudget } from '../mcp/schemas';
import { McpToolbox } from '../mcp/toolbox';
import type { McpServerSpec } from '../mcp/types';
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

/**
 * The job's MCP servers as the client takes them: the spec's servers (when the run has the `mcp` group) with
 * their header values from the secrets the page supplied (a header whose secret was not supplied is named in
 * `missing_headers`: the server is then not connected).
 */
export function mcpServersOf(job: RunJob): McpServerSpec[] {
  if (!job.spec.tools.includes('mcp')) return [];
  return (job.spec.mcp_servers ?? []).map((server) => {
    const headers: Record<string, string> = {};
    const missing: string[] = [];
    for (const [header, { secret, prefix }] of Object.entries(server.header_secrets ?? {})) {
      const value = job.secrets[secret];
      if (value) headers[header] = `${prefix ?? ''}${value}`;
      else missing.push(header);
    }
    return {
      name: server.name,
      url: server.url,
      ...(Object.keys(headers).length && { headers }),
      ...(missing.length && { missing_headers: missing }),
      ...(server.trusted && { trusted: true }),
      ...(server.disabled_tools?.length && { disabled_tools: [...server.disabled_tools] }),
    };
  });
}

/** The header values of the job's servers, and the tokens in them (`Bearer <token>`): scrubbed from every event like the API key. */
export function mcpSecrets(job: RunJob): string[] {
  const values = mcpServersOf(job).flatMap((server) => Object.values(server.headers ?? {}));
  const tokens = values.map((value) => /^[A-Za-z]+ (\S+)$/.exec(value)?.[1]).filter((token): token is string => token !== undefined);
  return [...new Set([...values, ...tokens])];
}

/** Open the job's MCP servers; undefined when it has none. Never throws for a server's failure (it is said). */
export async function openRunMcp(job: RunJob, options: { contextWindow: number; signal: AbortSignal; emit(event: AgentEvent): void }): Promise<RunMcp | undefined> {
  const servers = mcpServersOf(job);
  if (!servers.length) return undefined;
  // every secret the run holds: arguments that carry one are rated high
  const secrets = new SecretRegistry();
  for (const [name, value] of Object.entries(job.secrets)) secrets.set(name, value);
  mcpSecrets(job).forEach((value, i) => secrets.set(`MCP token ${i + 1}`, value));
  const toolbox = await McpToolbox.open(servers, { signal: options.signal, budgetChars: schemaBudget(options.contextWindow), secrets });
  for (const message of toolbox.notices) options.emit({ type: 'notice', message });
  return {
    tools: mcpExternalTools(toolbox),
    assessor: (base) => async (call, args) => {
      if (!toolbox.tool(call.name)) return base(call, args);
      return toolbox.rate(call.name, args ?? parsedArgs(call.arguments));
    },
    told: (target) => withNotes(target, [...toolbox.notes, ...imagesGone(target)]),
    close: () => toolbox.close(),
  };
}

/** A resumed or followed-up conversation whose tool results had images attached: they are gone with the memory that held them. */
function imagesGone(job: RunJob): string[] {
  const attached = job.initial_messages?.some((m) => m.role === 'tool' && m.content.endsWith(ATTACHED_NOTE_END));
  return attached ? [IMAGES_NOT_KEPT] : [];
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
