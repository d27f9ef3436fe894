/**
 * A run's MCP tools: the servers' sessions opened at the start (a server that cannot be used is said, and the
 * run goes on without it), their tools named for the model and cut to the context budget, each call rated,
 * checked against its schema and run within its bounds. Every failure — a server gone mid-run, a timeout, a
 * tool's own error, arguments that do not match — comes back as an observation; nothing hangs the run.
 */
import type { ToolSchema } from '../agent/messages';
import type { RiskVerdict } from '../core/events';
import type { SecretRegistry } from '../core/secrets';
import { McpConnection, type ConnectionOptions } from './connection';
import { describeFailure, McpConnectionError } from './errors';
import { qualifiedNames } from './naming';
import { rateMcpCall } from './rating';
import { readToolResult } from './results';
import { fitToBudget } from './schemas';
import type { McpCallOutcome, McpServerSpec, McpTool } from './types';

/** How a toolbox is opened. */
export interface ToolboxOptions extends ConnectionOptions {
  signal: AbortSignal;
  /** Characters of tool schemas the model's context leaves for MCP tools (see schemaBudget). */
  budgetChars: number;
  /** The run's secrets: arguments that carry one are rated high. */
  secrets?: SecretRegistry;
  now?: () => number;
}

/** The MCP tools of one run. */
export class McpToolbox {
  /** Function schemas for the model, in a fixed order (prompt caching). */
  readonly schemas: ToolSchema[];
  /** For the model: tools left out, servers that could not be used. */
  readonly notes: string[];
  /** For the person's timeline: what was connected, what was not. */
  readonly notices: string[];
  readonly #tools: Map<string, McpTool>;
  readonly #connections: Map<string, McpConnection>;
  readonly #checkers = new Map<string, (args: unknown) => string | undefined>();
  readonly #options: ToolboxOptions;

  private constructor(parts: { tools: McpTool[]; schemas: ToolSchema[]; notes: string[]; notices: string[]; connections: Map<string, McpConnection> }, options: ToolboxOptions) {
    this.schemas = parts.schemas;
    this.notes = parts.notes;
    this.notices = parts.notices;
    this.#tools = new Map(parts.tools.map((tool) => [tool.qualified, tool]));
    this.#connections = parts.connections;
    this.#options = options;
  }

  /** Connect to every server (at the same time, each bounded) and gather their enabled tools. */
  static async open(servers: readonly McpServerSpec[], options: ToolboxOptions): Promise<McpToolbox> {
    const connections = new Map(servers.filter((spec) => !spec.missing_headers?.length).map((spec) => [spec.name, new McpConnection(spec, options)]));
    const listed = await Promise.all(
      servers.map(async (spec) => {
        if (spec.missing_headers?.length) return { spec, missing: [...spec.missing_headers] };
        try {
          return { spec, tools: await connections.get(spec.name)!.tools(options.signal) };
        } catch (error) {
          if (!(error instanceof McpConnectionError)) throw error;
          return { spec, problem: describeFailure(spec.name, spec.url, error.failure) };
        }
      }),
    );
    const tools: McpTool[] = [];
    const notes: string[] = [];
    const notices: string[] = [];
    const taken = new Set<string>();
    for (const entry of listed) {
      if (entry.missing) {
        notices.push(needsTokenAgain(entry.spec.name, entry.missing));
        notes.push(`The MCP server ${entry.spec.name} needs a token this page no longer has, so its tools are not available in this run.`);
        continue;
      }
      if ('problem' in entry) {
        notices.push(`MCP server ${entry.spec.name} cannot be used in this run: ${entry.problem}`);
        notes.push(`The MCP server ${entry.spec.name} could not be reached, so its tools are not available in this run.`);
        continue;
      }
      const enabled = entry.tools.filter((tool) => !entry.spec.disabled_tools?.includes(tool.name));
      const names = qualifiedNames(entry.spec.name, enabled.map((tool) => tool.name), taken);
      enabled.forEach((tool, i) => {
        taken.add(names[i]);
        tools.push({ ...tool, qualified: names[i], server: entry.spec.name, trusted: entry.spec.trusted === true });
      });
      notices.push(`MCP server ${entry.spec.name}: ${enabled.length} tool${enabled.length === 1 ? '' : 's'}${enabled.length ? ` (${enabled.map((t) => t.name).join(', ')})` : ''}.`);
    }
    const fitted = fitToBudget(tools, options.budgetChars);
    if (fitted.note) {
      notes.push(fitted.note);
      notices.push(`Only ${fitted.tools.length} of ${tools.length} MCP tools fit the model's context; the model was told which were left out.`);
    }
    return new McpToolbox({ tools: fitted.tools, schemas: fitted.schemas, notes, notices, connections }, options);
  }

  /** The names the model may call, in order. */
  get names(): string[] {
    return [...this.#tools.keys()];
  }

  /** The tool behind a name the model calls, if it is one of this run's. */
  tool(name: string): McpTool | undefined {
    return this.#tools.get(name);
  }

  /** The risk of a call, before it runs (an unknown name is high). */
  rate(name: string, args: unknown): RiskVerdict {
    const tool = this.#tools.get(name);
    if (!tool) return { level: 'high', reasons: [`unknown MCP tool ${JSON.stringify(name)}`] };
    return rateMcpCall(tool, args, this.#options.secrets);
  }

  /** One line for the person deciding: the server, the tool and the arguments. */
  describe(name: string, args: Record<string, unknown>): string {
    const tool = this.#tools.get(name);
    if (!tool) return `${name} ${JSON.stringify(args)}`;
    return `MCP server ${tool.server}, tool ${tool.name}, arguments ${JSON.stringify(args)}`;
  }

  /** Run a call: check its arguments, call the server, read the result. Never throws but for a cancelled run. */
  async call(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<McpCallOutcome> {
    const now = this.#options.now ?? Date.now;
    const started = now();
    const tool = this.#tools.get(name);
    const outcome = (ok: boolean, observation: string, extra: Partial<McpCallOutcome> = {}): McpCallOutcome => ({ ok, observation, images: [], duration_ms: now() - started, ...extra });
    if (!tool) return outcome(false, `Unknown MCP tool "${name}". The MCP tools you can call are: ${this.names.join(', ') || 'none'}.`);
    const problem = (await this.#checker(tool))(args);
    if (problem) {
      return outcome(false, `The arguments of ${name} do not match its schema (${problem}). Nothing was sent. The schema: ${JSON.stringify(tool.inputSchema).slice(0, 1_500)}`);
    }
    const connection = this.#connections.get(tool.server)!;
    try {
      const result = readToolResult(name, await connection.call(tool.name, args, signal));
      return outcome(result.ok, result.observation, { images: result.images });
    } catch (error) {
      if (!(error instanceof McpConnectionError)) throw error;
      const failure = error.failure;
      if (failure.kind === 'cancelled') throw error;
      const said = describeFailure(tool.server, connection.spec.url, failure);
      const advice =
        failure.kind === 'timeout'
          ? ' The call was cancelled; it may have done part of its work. Try something smaller, or go on without it.'
          : ' The call may not have run. Go on without this server, or try again later.';
      return outcome(false, `${name} failed: ${said}${advice}`, failure.kind === 'timeout' ? { timed_out: true } : {});
    }
  }

  /** End every session (bounded). */
  async close(): Promise<void> {
    await Promise.all([...this.#connections.values()].map((connection) => connection.close()));
  }

  async #checker(tool: McpTool): Promise<(args: unknown) => string | undefined> {
    let checker = this.#checkers.get(tool.qualified);
    if (!checker) {
      const { argumentChecker } = await import('./sdk');
      try {
        checker = argumentChecker(tool.inputSchema);
      } catch {
        checker = () => undefined; // a schema the validator cannot read: the server checks the arguments itself
      }
      this.#checkers.set(tool.qualified, checker);
    }
    return checker;
  }
}

/** The timeline's line for a server whose token is gone: what happened, and what the person can do. */
export function needsTokenAgain(server: string, headers: readonly string[]): string {
  const what = headers.length === 1 ? `its ${headers[0]} header` : `its headers (${headers.join(', ')})`;
  return (
    `MCP server ${server} needs its token again: this page no longer has ${what} (headers given to execute() live only ` +
    `while their page is open; a Settings token only while it is remembered or typed in again, and its server keeps its origin). ` +
    `This run goes on without its tools. Give the token in Settings → MCP servers (a server with the same URL) for the next run.`
  );
}
