/**
 * The worker's reading of a job: the run's spec as the agent loop takes it, and the model client's settings.
 * The one place where RunSpec's stored names meet AgentConfig's; secrets are looked up by the names the spec gives.
 */
import type { AgentConfig } from '../agent/types';
import type { ModelSettings } from '../agent/model';
import type { RunJob } from './run-driver';

/** run_command's timeout when the model gives none. */
export const COMMAND_TIMEOUT_MS = 120_000;

/** The model client's settings: the spec's model, and the key by the name the spec gives it. */
export function modelSettingsOf(job: RunJob): ModelSettings {
  const { spec } = job;
  const apiKey = spec.secrets?.api_key === undefined ? undefined : job.secrets[spec.secrets.api_key];
  return {
    baseURL: spec.base_url,
    model: spec.model,
    ...(apiKey && { apiKey }),
    ...(spec.reasoning_effort && { reasoningEffort: spec.reasoning_effort }),
    ...(spec.idle_timeout_s && { idleTimeoutMs: spec.idle_timeout_s * 1000 }),
  };
}

/** What the agent loop is asked to do: the spec's settings, where the run goes on from, its context window. */
export function agentConfigOf(job: RunJob, contextWindow: number | undefined): AgentConfig {
  const { spec } = job;
  return {
    instructions: job.instructions,
    max_steps: spec.max_steps,
    timeout_s: spec.timeout_s,
    max_tokens: spec.max_tokens,
    max_cost_usd: spec.max_cost_usd,
    command_timeout_ms: COMMAND_TIMEOUT_MS,
    tools: spec.tools,
    threshold: spec.human_intervention_threshold,
    ...(spec.ask_file_changes && { askFileChanges: true }),
    ...(spec.model_images && { modelTakesImages: true }),
    ...(spec.prices && { prices: spec.prices }),
    context_window: contextWindow,
    ...(job.initial_messages && { initialMessages: job.initial_messages }),
    ...(job.start_step !== undefined && { startStep: job.start_step }),
    ...(job.initial_usage && { initialUsage: job.initial_usage }),
    ...(job.initial_active_ms !== undefined && { initialActiveMs: job.initial_active_ms }),
    ...(job.pending_turn && { pendingTurn: job.pending_turn }),
    ...(job.late_answer && { lateAnswer: job.late_answer }),
    // every secret the page supplied goes to where it is for only: scrubbed from every event, should the model echo it
    secrets: Object.values(job.secrets),
  };
}
