/**
 * The RunStore port — where runs, their events, steps and work dirs live (IndexedDB on the page: src/store/;
 * memory in tests and when IndexedDB cannot be opened) — and the shapes it keeps.
 */
import type { ChatMessage } from './messages';
import type { RunEvent, ToolCall } from './events';
import type { ExecuteParams, Run, Usage } from './run';
import type { PriceTable } from './prices';
import type { WorkdirSnapshot } from './workdir';

/**
 * A run's settings, resolved once when execute() creates it (its arguments over the page's settings) and stored
 * with it: a resume goes on with them, never with what Settings say by then. Never a secret: `secrets` names the
 * ones the run uses (SecretRegistry names), and the page supplies their values when the run starts. Records
 * stored before `spec` was written lack the fields after `base_url` (a resume takes today's settings for those).
 */
export type RunConfig = Omit<ExecuteParams, 'instructions' | 'files' | 'mcp_servers'> & {
  base_url?: string;
  sandbox?: string;
  /** 1: every field below was resolved when the run was created. */
  spec?: 1;
  reasoning_effort?: 'low' | 'medium' | 'high';
  idle_timeout_s?: number;
  context_window?: number;
  prices?: PriceTable;
  ask_file_changes?: boolean;
  secrets?: { api_key?: string };
  /** The run's MCP servers (Settings' and execute()'s), each header value by the name of the secret that holds it. */
  mcp_servers?: StoredMcpServer[];
};

/** An MCP server as a run stores it: never a header's value, only the SecretRegistry name the page supplies it by. */
export interface StoredMcpServer {
  name: string;
  url: string;
  trusted?: boolean;
  disabled_tools?: string[];
  /** Header name → the secret that holds its value (and what goes before it, e.g. `Bearer `). */
  header_secrets?: Record<string, { secret: string; prefix?: string }>;
}

/** The conversation and usage after a committed step. */
export interface Checkpoint {
  run_id: string;
  step: number;
  at: number;
  usage: Usage;
  /** The run's own time after the step, in ms (waits for a person excluded); absent: not recorded (0). */
  active_ms?: number;
  messages: ChatMessage[];
}

/** The step that was under way when the run stopped: what its events say happened. */
export interface PendingStep {
  step: number;
  assistant?: { text: string; tool_calls: ToolCall[] };
  /** Tool results that arrived (their effect on the work dir is not in the last committed state). */
  results: Extract<RunEvent, { type: 'tool_result' }>[];
  /** Tool calls that started or were asked for and have no result: their effect is unknown. */
  in_flight: ToolCall[];
  /** Ids of the calls that had started (a `tool_call` event was stored); the others of `in_flight` never ran. */
  started: string[];
}

/** Where a run can continue from. */
export interface ResumePoint {
  checkpoint?: Checkpoint;
  pending?: PendingStep;
}

/** One committed step: the conversation after its tool results, its usage, the work dir after it. */
export interface StepCommit {
  /** 1-based model turn; 0 is the work dir before the first turn. */
  step: number;
  /** The conversation after the step; leave out to store only the work dir (step 0, before any turn). */
  messages?: readonly ChatMessage[];
  /** The run's total usage after this step. */
  usage: Usage;
  /** The run's own time after this step, in ms (waits for a person excluded). */
  active_ms?: number;
  snapshot?: WorkdirSnapshot;
  /** The run as it is now (status, steps, usage …), saved in the same transaction. */
  run?: Run;
}

/** Where runs, their events, steps and work dirs live: IndexedDB on the page (store/), memory in tests. */
export interface RunStore {
  /** Saves the run; `config` (never the key) goes with the first save of a new run. */
  put(run: Run, config?: RunConfig): Promise<void>;
  get(id: string): Promise<Run | undefined>;
  /** Newest first. */
  list(): Promise<Run[]>;
  appendEvent(event: RunEvent): Promise<void>;
  events(runId: string): Promise<RunEvent[]>;
  /** The number of the run's last stored event (0 when none). */
  lastSeq(runId: string): Promise<number>;
  /** Takes the run for this tab; rejects when another tab drives it. */
  claim(runId: string): Promise<void>;
  /** Stores a step atomically (events so far, run, conversation, work dir). */
  commitStep(runId: string, commit: StepCommit): Promise<void>;
  /** Resolves once everything written for the run is stored. */
  flush(runId: string): Promise<void>;
  /** The run's configuration as stored. */
  config(runId: string): Promise<RunConfig | undefined>;
  /** Where the run can continue from. */
  resumePoint(runId: string): Promise<ResumePoint>;
  /** The work dir after `step` (default: the last kept one). */
  workdirAt(runId: string, step?: number): Promise<WorkdirSnapshot | undefined>;
  /** The run's last committed step, work dir only ones included (-1 when none). */
  lastStep(runId: string): Promise<number>;
  /** The conversation after the last committed step at or before `step` (a fork starts from it). */
  checkpointAt(runId: string, step: number): Promise<Checkpoint | undefined>;
}
