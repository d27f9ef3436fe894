/** The in-page Agents API and the ports it drives runs through. */
import type {
  AgentEvent,
  ExecuteParams,
  FailReason,
  HumanAnswer,
  HumanRequest,
  InterventionThreshold,
  ReasoningEffort,
  Run,
  RunError,
  RunEvent,
  RunStatus,
  ToolGroup,
  Usage,
} from '../core';
import type { WorkdirSnapshot } from '../sandbox/sandbox';
import type { FileChange } from '../changes';
import type { PriceTable } from '../models/prices';
import type { McpDefaults } from './mcp-servers';

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
  /** Answer a run that waits for a person, or (`{note}`) send a note to a working run for its next step. */
  respond(id: string, answer: HumanAnswer | { note: string }): Promise<Run>;
  /** Every event of the run so far, then each new one as it happens; returns the unsubscribe function. */
  subscribe(id: string, onEvent: (event: RunEvent) => void): () => void;
  /** A new run from the files and conversation of the run's `step`, with new instructions (linked to it like a follow-up). */
  fork(id: string, params: ForkParams): Promise<Run>;
}

/** What `fork` takes: the step to start from and the new task (other execute() arguments as there). */
export type ForkParams = ExecuteParams & { step: number };

/** The API plus what the page's own UI needs beyond the contract. */
export interface Agents extends AgentsApi {
  /** Called with a copy of a run whenever it changes (created, event applied, ended). */
  onRunChange(listener: (run: Run) => void): () => void;
  /** Every event of every run, as it is recorded. */
  onEvent(listener: (event: RunEvent) => void): () => void;
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
  /** Put the work dir back as it was after `step` of an ended run (recorded; later steps stay in the history). */
  restoreFiles(id: string, step: number): Promise<void>;
  /** The files a step changed (its work dir against the step before), or with no step, the whole run against its start. */
  changes(id: string, step?: number): Promise<FileChange[]>;
  /** The run's changes against its start as a git-style patch (`git apply` on the start gives the end). */
  patch(id: string): Promise<string>;
  /**
   * The person writes a file (content) or deletes it (null) by hand: refused while a run works here; recorded as
   * `workdir_edited`, and the model's next turn is told (paths and a bounded diff).
   */
  editFile(path: string, content: string | null): Promise<void>;
  /** The work dir a run left (its last kept state), from the store. */
  workdirOf(id: string): Promise<WorkdirSnapshot | undefined>;
  /**
   * A pull request was opened from the work dir of this page's run `id` (ended or not): recorded as a
   * `pull_request` event, its link in `outputs.pr_url`.
   */
  recordPullRequest(id: string, pull: { url: string; number: number; repository: string; branch: string }): void;
  /** Storage failures (e.g. a full disk) as they happen; returns the unsubscribe function. */
  onStoreError(listener: (error: Error) => void): () => void;
}


/** The page's settings a new run takes when `execute` does not say (resolved into its RunSpec once). */
export interface RunDefaults extends McpDefaults {
  baseURL: string;
  model: string;
  /** The page's key (in memory only): supplied to a run that names it, for the origin it was saved for. */
  apiKey?: string;
  reasoningEffort?: ReasoningEffort;
  /** Longest silence of the model's stream before the request is retried, in seconds. */
  idleTimeoutS?: number;
  max_steps: number;
  human_intervention_threshold: InterventionThreshold;
  /** "Ask before file changes" from Settings. */
  ask_file_changes?: boolean;
  /** Budgets from Settings; execute()'s own values win. */
  max_tokens?: number;
  max_cost_usd?: number;
  timeout_s?: number;
  /** The model's context window from Settings; absent: the built-in table's. */
  context_window?: number;
  /** Model prices from Settings (USD per million tokens, by model-name prefix). */
  prices?: PriceTable;
  /** Settings' "Model takes images" when not 'auto' (it is about the model Settings name). */
  model_images?: 'yes' | 'no';
}

/** Where runs, their events, steps and work dirs live: the port is in core, so the store can declare it implements it. */
export type { RunStore } from '../core';
export type { ReasoningEffort } from '../core';
export type { DriverHooks, DriverOutcome, RunDriver, RunJob, StepState } from '../bridge/run-driver';

/** The sandbox as the page shows it: booting, ready (and why it is the lite one, if it is), or failed. */
export type SandboxState =
  | { state: 'booting' }
  | { state: 'ready'; kind: 'lite' | 'webcontainer'; summary: string; fallbackReason?: string }
  | { state: 'failed'; message: string };
