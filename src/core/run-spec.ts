/** The settings a run goes by, resolved once when execute() creates it. */
import type { PriceTable } from './prices';
import type { InterventionThreshold } from './run';
import type { ToolGroup } from './tool-catalogue';

/** How much a reasoning model thinks before it answers (sent as `reasoning_effort`). */
export type ReasoningEffort = 'low' | 'medium' | 'high';

/**
 * A run's settings, resolved once when execute() creates it (its arguments over the page's settings), stored
 * with it and posted to the agent worker as they are: a resume goes on with them, never with what Settings say
 * by then. Never a secret: `secrets` names the ones the run uses (SecretRegistry names), and the page supplies
 * their values (RunJob.secrets) when the run starts.
 */
export interface RunSpec {
  /** 1: every field was resolved when the run was created. */
  spec: 1;
  model: string;
  base_url: string;
  /** Tool groups, the seed's aliases resolved. */
  tools: ToolGroup[];
  max_steps: number;
  human_intervention_threshold: InterventionThreshold;
  max_tokens?: number;
  max_cost_usd?: number;
  timeout_s?: number;
  /** Sent to reasoning models only; absent: the server's default. */
  reasoning_effort?: ReasoningEffort;
  /** Longest silence of the model's stream before the request is retried, in seconds; absent: 120. */
  idle_timeout_s?: number;
  /** The model takes images: tool results' images are sent to it (absent: it does not; it reads a note). */
  model_images?: boolean;
  /** The model's context window in tokens, when Settings give one. */
  context_window?: number;
  /** Model prices from Settings, over the built-in table. */
  prices?: PriceTable;
  /** "Ask before file changes": every call of a tool that changes files waits for review. */
  ask_file_changes?: boolean;
  /** The secrets the run uses, by role: the name each goes by in the page's SecretRegistry. */
  secrets?: { api_key?: string };
  /** The run's MCP servers (Settings' and execute()'s), each header value by the name of the secret that holds it. */
  mcp_servers?: StoredMcpServer[];
  /**
   * `owner/name` of the GitHub repository the run's work dir came from (execute({repo}), or the one opened on
   * the page when the run was created): whenever the run starts — resumed after a reload too — the page's git
   * broker is tied to it again.
   */
  repository?: string;
  /** execute() named the tools. Otherwise `github` joins them whenever the run starts (resumed too) on a work dir opened from GitHub. */
  tools_named?: true;
}

/** An MCP server as a run stores it: never a header's value, only the SecretRegistry name the page supplies it by. */
export interface StoredMcpServer {
  name: string;
  url: string;
  trusted?: boolean;
  disabled_tools?: string[];
  /** Header name → the secret that holds its value (and what goes before it, e.g. `Bearer `). */
  header_secrets?: Record<string, { secret: string; prefix?: string }>;
}
