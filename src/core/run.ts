/** A run: one task given to the agent, as the in-page Agents API shows it. */
import type { ToolGroup, TOOL_ALIASES } from './tool-catalogue';

export type { ToolGroup } from './tool-catalogue';

/** Where a run is in its life. Final: completed, failed, cancelled. */
export type RunStatus =
  | 'queued'
  | 'in_progress'
  | 'awaiting_human'
  | 'interrupted'
  | 'completed'
  | 'failed'
  | 'cancelled';

export const FINAL_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];

/** True once a run can no longer change. */
export function isFinal(status: RunStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** Why a run ended as `failed`. */
export type FailReason =
  | 'max_steps'
  | 'budget'
  | 'timeout'
  | 'stuck'
  | 'model_error'
  | 'sandbox_error'
  | 'empty_response';

/** How dangerous an action is. */
export type RiskLevel = 'none' | 'low' | 'medium' | 'high';

/** Pause before any action whose risk is at or above this; `never` never pauses. */
export type InterventionThreshold = 'never' | 'high' | 'medium' | 'low';

/** Tokens and money spent. */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  cost_usd: number;
}

export function emptyUsage(): Usage {
  return { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, cost_usd: 0 };
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    prompt_tokens: a.prompt_tokens + b.prompt_tokens,
    completion_tokens: a.completion_tokens + b.completion_tokens,
    cached_tokens: a.cached_tokens + b.cached_tokens,
    cost_usd: a.cost_usd + b.cost_usd,
  };
}

/** What the agent did last, for a glance at a running run. */
export interface LatestAction {
  type: string;
  description: string;
}

/** An error a run ended with (or met and survived). */
export interface RunError {
  code: string;
  message: string;
}

/** The run as `execute`, `retrieve` and `list` return it. Times are milliseconds since the epoch. */
export interface Run {
  id: string;
  instructions: string;
  status: RunStatus;
  reason?: FailReason;
  created_at: number;
  updated_at: number;
  steps: number;
  latest_action?: LatestAction;
  summary?: string;
  outputs: Record<string, unknown>;
  usage: Usage;
  error?: RunError;
  /** The run this one follows up on, if any. */
  parent_id?: string;
  /** The run's step limit: as it started with, then as a person raised it (absent from runs stored before it). */
  max_steps?: number;
  /**
   * Set when part of the run's history could not be stored (browser storage full): the steps whose
   * conversation and work dir are missing, and how many events were lost. Absent: the history is whole.
   */
  partly_saved?: PartlySaved;
}

/** What of a run's history is missing from storage. */
export interface PartlySaved {
  steps: number[];
  events: number;
}

/** Arguments of `execute()`. */
export interface ExecuteParams {
  instructions: string;
  model?: string;
  /** Tool groups, or the seed's names for them (TOOL_ALIASES). */
  tools?: (ToolGroup | keyof typeof TOOL_ALIASES)[];
  /** Files written into the work dir before the first step: path → text or bytes. */
  files?: Record<string, string | Uint8Array>;
  /** A GitHub repository (`owner/name` or a github.com URL) opened into the work dir before the first step. */
  repo?: string;
  /** The branch of `repo` to open (default: its default branch). */
  ref?: string;
  max_steps?: number;
  max_tokens?: number;
  max_cost_usd?: number;
  timeout_s?: number;
  human_intervention_threshold?: InterventionThreshold;
  /** MCP servers for this run, beside those of Settings (one of the same name replaces it). */
  mcp_servers?: McpServerParam[];
}

/** An MCP server given to `execute()`: its `headers` (e.g. Authorization) are secrets, never stored with the run. */
export interface McpServerParam {
  name: string;
  url: string;
  headers?: Record<string, string>;
}

/** Limits that can be raised while a run waits. */
export interface Limits {
  max_steps: number;
  max_tokens?: number;
  max_cost_usd?: number;
  timeout_s?: number;
}

/** A person's answer to a waiting run, through `respond()` or the UI. */
export type HumanAnswer =
  /**
   * `arguments`: the call's arguments as the person edited them (e.g. a file's new content), over the model's;
   * `note`: something the model is told with the call's result (e.g. what the person changed by hand meanwhile).
   */
  | { approve: true; command?: string; arguments?: Record<string, unknown>; remember?: boolean; note?: string }
  | { approve: false; note?: string }
  | { reply: string }
  | { raise: Partial<Limits> };
