/**
 * A run as it crosses to the agent worker: the job posted to it, the hooks it calls back, and how the run
 * ended. The page's driver (worker-driver.ts) and the worker's runner (worker-runner.ts) share these.
 */
import type { AgentEvent, ChatMessage, FailReason, HumanAnswer, HumanRequest, InterventionThreshold, RunError, RunStatus, ToolGroup, Usage } from '../core';
import type { PriceTable } from '../models/prices';
import type { LateAnswer } from '../agent/human';
import type { PendingTurn } from '../agent/types';
import type { McpServerSpec } from '../mcp/types';

/** How much a reasoning model thinks before it answers (sent as `reasoning_effort`). */
export type ReasoningEffort = 'low' | 'medium' | 'high';

/** How to reach the model; the key stays in memory and goes only to `baseURL`. */
export interface ModelSettings {
  baseURL: string;
  model: string;
  apiKey?: string;
  /** Sent to reasoning models only; absent: the server's default. */
  reasoningEffort?: ReasoningEffort;
  /** Longest silence of the stream before the request is retried, in seconds; absent: 120. */
  idleTimeoutS?: number;
}

/** Everything the agent worker needs to run one run: plain data, safe to post. */
export interface RunJob {
  run_id: string;
  instructions: string;
  tools: ToolGroup[];
  max_steps: number;
  max_tokens?: number;
  max_cost_usd?: number;
  timeout_s?: number;
  human_intervention_threshold: InterventionThreshold;
  /** "Ask before file changes" (Settings): every write_file / edit_file waits for review. */
  ask_file_changes?: boolean;
  model: ModelSettings;
  /** The model's context window in tokens, when Settings give one. */
  context_window?: number;
  /** Model prices from Settings, over the built-in table. */
  prices?: PriceTable;
  /** Resumes and follow-ups: the conversation to go on from (plain chat messages), the steps done, the usage so far. */
  initial_messages?: ChatMessage[];
  start_step?: number;
  initial_usage?: Usage;
  /** Resumes: the run's own time before, in ms (waits for a person excluded), counted against timeout_s. */
  initial_active_ms?: number;
  /** Resumes: the interrupted step's calls still to answer (an approval given after a reload runs its call). */
  pending_turn?: PendingTurn;
  /** MCP servers with their header values (tokens): in memory only, sent only to their server. */
  mcp_servers?: McpServerSpec[];
  /** Resumes: the person's answer, given after a reload, to the request the run waited on (the loop applies it). */
  late_answer?: LateAnswer;
}

/** What the driver calls back with while a run goes. */
export interface DriverHooks {
  emit(event: AgentEvent): void;
  /** Wait for a person's answer; rejects when `signal` aborts. */
  ask(request: HumanRequest, signal: AbortSignal): Promise<HumanAnswer>;
  /** Store a step (the loop waits for it before its next model request); returns the person's notes to the run. */
  commit?(state: StepState): Promise<string[] | void>;
  /** Resolves once every event emitted so far is stored (before a tool call changes anything). */
  flush?(): Promise<void>;
}

/** The loop's state after a step, as it is committed. */
export interface StepState {
  step: number;
  messages: ChatMessage[];
  usage: Usage;
  /** The run's own time so far, in ms (waits for a person excluded); absent from older loops. */
  active_ms?: number;
}

/** How a run ended, as the driver reports it. */
export interface DriverOutcome {
  status: Extract<RunStatus, 'completed' | 'failed' | 'cancelled'>;
  reason?: FailReason;
  summary?: string;
  outputs?: Record<string, unknown>;
  error?: RunError;
}

/** Runs the agent loop for one job (in the agent worker). Resolves soon after `signal` aborts (within ~1.5 s). */
export interface RunDriver {
  run(job: RunJob, hooks: DriverHooks, signal: AbortSignal): Promise<DriverOutcome>;
}
