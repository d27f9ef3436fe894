/** The in-page Agents API and the ports it drives runs through. */
import type {
  AgentEvent,
  ExecuteParams,
  FailReason,
  HumanAnswer,
  HumanRequest,
  InterventionThreshold,
  Run,
  RunError,
  RunEvent,
  RunStatus,
  ToolGroup,
  Usage,
} from '../core';
import type { WorkdirSnapshot } from '../sandbox/sandbox';
import type { PriceTable } from '../agent/pricing';
import type { PendingTurn } from '../agent/types';
import type { ResumePoint, RunConfig, StepCommit } from '../store';

/** `window.autopilot.agents`, exactly as DESIGN's contract says. */
export interface AgentsApi {
  /** Create a run and return it at once (it does not wait for the end); it queues until the sandbox is free. */
  execute(params: ExecuteParams): Promise<Run>;
  /** The run as it is now; throws when there is no run with that id. */
  retrieve(id: string): Promise<Run>;
  /** Every run, newest first. */
  list(): Promise<Run[]>;
  /** Stop a run (queued, running or waiting); returns it as it ended. A final run is returned unchanged. */
  cancel(id: string): Promise<Run>;
  /** Answer a run that waits for a person. */
  respond(id: string, answer: HumanAnswer): Promise<Run>;
  /** Every event of the run so far, then each new one as it happens; returns the unsubscribe function. */
  subscribe(id: string, onEvent: (event: RunEvent) => void): () => void;
}

/** The API plus what the page's own UI needs beyond the contract. */
export interface Agents extends AgentsApi {
  /** Called with a copy of a run whenever it changes (created, event applied, ended). */
  onRunChange(listener: (run: Run) => void): () => void;
  /** Every event of every run, as it is recorded. */
  onEvent(listener: (event: RunEvent) => void): () => void;
  /** The step limit a run was started with (the Run shape does not carry it). */
  maxStepsOf(id: string): number | undefined;
  /** Continue an `interrupted` run (or answer later a run that waited for a person when the page closed). */
  resume(id: string): Promise<Run>;
  /** A new run that continues an ended one: its work dir and its conversation, with new instructions. */
  followUp(parentId: string, params: ExecuteParams): Promise<Run>;
  /** The run whose work dir the sandbox holds now (the last run this page drove), if any. */
  workdirRunId(): string | undefined;
  /**
   * Change the sandbox's work dir outside any run (a reset): rejects while a run is queued, running or waiting
   * for a person here; no run starts meanwhile; afterwards the sandbox holds no run's work dir (a follow-up
   * restores its parent's).
   */
  replaceWorkdir(work: () => Promise<void>): Promise<void>;
  /** The work dir a run left (its last kept state), from the store. */
  workdirOf(id: string): Promise<WorkdirSnapshot | undefined>;
  /** Storage failures (e.g. a full disk) as they happen; returns the unsubscribe function. */
  onStoreError(listener: (error: Error) => void): () => void;
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
}

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

/** Settings a run takes when `execute` does not say. */
export interface RunDefaults extends ModelSettings {
  max_steps: number;
  human_intervention_threshold: InterventionThreshold;
  /** Budgets from Settings; execute()'s own values win. */
  max_tokens?: number;
  max_cost_usd?: number;
  timeout_s?: number;
  /** The model's context window from Settings; absent: the built-in table's. */
  context_window?: number;
  /** Model prices from Settings (USD per million tokens, by model-name prefix). */
  prices?: PriceTable;
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
  model: ModelSettings;
  /** The model's context window in tokens, when Settings give one. */
  context_window?: number;
  /** Model prices from Settings, over the built-in table. */
  prices?: PriceTable;
  /** Resumes and follow-ups: the conversation to go on from (plain chat messages), the steps done, the usage so far. */
  initial_messages?: unknown[];
  start_step?: number;
  initial_usage?: Usage;
  /** Resumes: the run's own time before, in ms (waits for a person excluded), counted against timeout_s. */
  initial_active_ms?: number;
  /** Resumes: the interrupted step's calls still to answer (an approval given after a reload runs its call). */
  pending_turn?: PendingTurn;
}

/** What the driver calls back with while a run goes. */
export interface DriverHooks {
  emit(event: AgentEvent): void;
  /** Wait for a person's answer; rejects when `signal` aborts. */
  ask(request: HumanRequest, signal: AbortSignal): Promise<HumanAnswer>;
  /** Store a step (the loop waits for it before its next model request). */
  commit?(state: StepState): Promise<void>;
  /** Resolves once every event emitted so far is stored (before a tool call changes anything). */
  flush?(): Promise<void>;
}

/** The loop's state after a step, as it is committed. */
export interface StepState {
  step: number;
  messages: unknown[];
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

/** The sandbox as the page shows it: booting, ready (and why it is the lite one, if it is), or failed. */
export type SandboxState =
  | { state: 'booting' }
  | { state: 'ready'; kind: 'lite' | 'webcontainer'; summary: string; fallbackReason?: string }
  | { state: 'failed'; message: string };
