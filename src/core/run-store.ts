/**
 * The RunStore port — where runs, their events, steps and work dirs live (IndexedDB on the page: src/store/;
 * memory in tests and when IndexedDB cannot be opened) — and the shapes it keeps.
 */
import type { ChatMessage } from './messages';
import type { RunEvent, ToolCall } from './events';
import type { Run, Usage } from './run';
import type { RunSpec } from './run-spec';
import type { WorkdirSnapshot } from './workdir';

/**
 * A run's settings as stored: its RunSpec. Records stored before the spec was resolved with the run (no `spec`)
 * hold only execute()'s arguments, the model and the base URL (a resume takes today's settings for the rest),
 * and their `tools` may still name the seed's aliases.
 */
export type RunConfig = Partial<Omit<RunSpec, 'tools'>> & { tools?: string[]; sandbox?: string };

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
