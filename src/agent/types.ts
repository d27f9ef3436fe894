/** The agent loop's ports and values: what a run is asked to do, what it works with, how it ended. */
import type { AgentEvent, RiskVerdict, ToolCall } from '../core/events';
import type { FailReason, InterventionThreshold, RunError, ToolGroup, Usage } from '../core/run';
import type { ToolArgs } from '../core/tool-call';
import type { ExternalTool } from './external-tool';
import type { AgentSandbox } from '../sandbox/sandbox';
import type { HumanPort, LateAnswer } from './human';
import type { ChatMessage } from './messages';
import type { ModelClient } from './model';
import type { PriceTable } from './pricing';

/** What a run is asked to do, and its limits. */
export interface AgentConfig {
  instructions: string;
  /** Model turns allowed. */
  max_steps: number;
  /** Wall time of the run, in seconds. */
  timeout_s?: number;
  /** Prompt + completion tokens of the whole run. */
  max_tokens?: number;
  max_cost_usd?: number;
  /** Timeout of run_command when the model gives none. */
  command_timeout_ms: number;
  tools: ToolGroup[];
  threshold: InterventionThreshold;
  /** "Ask before file changes": every write_file / edit_file waits for a person's review. */
  askFileChanges?: boolean;
  /** The model takes images: tool results' images are sent to it (default: not; it reads a note instead). */
  modelTakesImages?: boolean;
  /** The model's context window in tokens, when known better than the built-in table (local servers). */
  context_window?: number;
  /** Resume: the messages persisted after the last committed step (system prompt and task included). */
  initialMessages?: ChatMessage[];
  /** Resume: steps already done. */
  startStep?: number;
  /** Resume: the run's usage so far (default: none). */
  initialUsage?: Usage;
  /** Resume: the run's own time before, in ms (waits for a person excluded), counted against `timeout_s` (default 0). */
  initialActiveMs?: number;
  /** Resume: the rest of the interrupted step, answered before the next model request (needs `initialMessages`). */
  pendingTurn?: PendingTurn;
  /** Resume: the person's answer, given after a reload, to the request the run waited on (see `withLateAnswer`). */
  lateAnswer?: LateAnswer;
  /** Model prices that replace or add to the built-in table (Settings). */
  prices?: PriceTable;
  /** Texts that must never appear in events (the API key): replaced by `[redacted]` wherever they occur. */
  secrets?: string[];
}

/**
 * Resume: calls of the interrupted step that had not run — the one that waited for a person when the page closed
 * (it runs now, once, on their late answer), the ones after it get a fixed observation — then a note for the model.
 */
export interface PendingTurn {
  calls: PendingCall[];
  note?: string;
}

/** A call of the interrupted step: run (it waited for a person, who answered late), or answered with a fixed observation. */
export type PendingCall = { call: ToolCall } | { call: ToolCall; observation: string };

/** What the loop works with. */
export interface AgentDeps {
  model: ModelClient;
  sandbox: AgentSandbox;
  emit(event: AgentEvent): void;
  human?: HumanPort;
  /** Rates a call before it runs; `args`: its arguments, parsed (the call's own, or as a person edited them). */
  assessRisk?(call: ToolCall, args: ToolArgs): Promise<RiskVerdict>;
  /** Tools beyond the built-in ones (an MCP server's): given to the model when their group is in `tools`. */
  externalTools?: readonly ExternalTool[];
  /**
   * Awaited after each step's tool results, before the next model request (persist for resume); also for
   * step 0 before the first request of a fresh run, and for the step that ended the run (not when cancelled).
   * `active_ms`: the run's own time so far (resumes included, waits for a person excluded).
   * Returns the person's notes sent to the working run meanwhile: the model reads them before its next request.
   */
  onStepCommitted?(state: { step: number; messages: ChatMessage[]; usage: Usage; active_ms: number }): Promise<string[] | void> | string[] | void;
  now?(): number;
}

/** How a run ended. */
export interface RunOutcome {
  status: 'completed' | 'failed' | 'cancelled';
  reason?: FailReason;
  summary?: string;
  outputs: Record<string, unknown>;
  error?: RunError;
  usage: Usage;
  steps: number;
}
