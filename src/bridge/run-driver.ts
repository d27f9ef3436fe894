/**
 * A run as it crosses to the agent worker: the job posted to it, the hooks it calls back, and how the run
 * ended. The page's driver (worker-driver.ts) and the worker's runner (worker-runner.ts) share these.
 */
import type { AgentEvent, ChatMessage, FailReason, HumanAnswer, HumanRequest, RunError, RunSpec, RunStatus, Usage } from '../core';
import type { LateAnswer } from '../agent/human';
import type { PendingTurn } from '../agent/types';

/**
 * Everything the agent worker needs to run one run: plain data, safe to post. `spec` is the run's stored spec
 * as it is; `secrets` holds the values of the secrets it names (by their SecretRegistry names), supplied by the
 * page as the run starts: they live in the worker's memory only, and never in the store.
 */
export interface RunJob {
  run_id: string;
  instructions: string;
  spec: RunSpec;
  secrets: Record<string, string>;
  /** Resumes and follow-ups: the conversation to go on from (plain chat messages), the steps done, the usage so far. */
  initial_messages?: ChatMessage[];
  start_step?: number;
  initial_usage?: Usage;
  /** Resumes: the run's own time before, in ms (waits for a person excluded), counted against timeout_s. */
  initial_active_ms?: number;
  /** Resumes: the interrupted step's calls still to answer (an approval given after a reload runs its call). */
  pending_turn?: PendingTurn;
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
