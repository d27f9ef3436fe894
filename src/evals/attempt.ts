/**
 * One attempt at one task: a fresh sandbox with the start tree, the agent working on it (a Drive: the loop in
 * this thread for `npm run eval`, a run through the page's Agents API for the in-app check), then check.sh
 * (which the agent never saw) run with bash in the work dir. Everything the summary needs is counted here.
 */
import type { AgentEvent } from '../core/events';
import type { FailReason, Usage } from '../core/run';
import type { ToolGroup } from '../core';
import { validateCall } from '../agent/tool-schemas';
import { BUILTIN_TOOLS } from '../core/builtin-tools';
import { WORKDIR, type Sandbox } from '../sandbox/sandbox';
import type { EvalTask } from './task';

/** Tool calls the model got wrong, by kind. */
export interface Malformed {
  bad_json: number;
  unknown_tool: number;
  invalid_arguments: number;
}

/** One attempt's line in the results (JSONL). */
export interface AttemptResult {
  task: string;
  attempt: number;
  model: string;
  solved: boolean;
  steps: number;
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  cost_usd: number;
  wall_ms: number;
  tool_calls: number;
  malformed: Malformed;
  approvals_asked: number;
  /** How the run ended: completed, failed:<reason> or cancelled. */
  ended: string;
  /** The end of check.sh's output when it failed (what to look at). */
  check_output?: string;
  /** A harness error (the sandbox would not start, the check could not run). */
  error?: string;
  /** The run in the page's Run history (in-app checks only). */
  run_id?: string;
}

/** What the agent is given for one attempt. */
export interface DriveJob {
  instructions: string;
  max_steps: number;
  timeout_s: number;
  tools: ToolGroup[];
}

/** How the agent's work on one attempt ended. */
export interface Driven {
  status: 'completed' | 'failed' | 'cancelled';
  reason?: FailReason;
  steps: number;
  usage: Usage;
  /** The run's id where it is kept (the page's Run history). */
  run_id?: string;
}

/**
 * Lets the agent work on the job in the sandbox, telling each event; resolves when it ended. Rejects (or resolves
 * `cancelled`) once `signal` aborts. Runs never ask a person: approvals are off (threshold `never`).
 */
export type Drive = (job: DriveJob, sandbox: Sandbox, hooks: { emit(event: AgentEvent): void; signal: AbortSignal }) => Promise<Driven>;

/** What an attempt works with. */
export interface AttemptOptions {
  /** The model's name, for the results. */
  model: string;
  /** How the agent works: `loopDrive` (src/evals/loop-drive.ts) here, the page's runs in the app. */
  drive: Drive;
  makeSandbox(): Sandbox | Promise<Sandbox>;
  signal: AbortSignal;
  /** Events as they happen (progress, the report card's chart). */
  onEvent?(event: AgentEvent): void;
}

const TOOLS: ToolGroup[] = ['terminal', 'files'];
/** Heredoc delimiter for feeding check.sh to bash. */
const END = '__AUTOPILOT_CHECK__';
const CHECK_TIMEOUT_MS = 60_000;

/** Run one attempt to its end; never throws except on cancel (the signal). */
export async function runAttempt(task: EvalTask, attempt: number, options: AttemptOptions): Promise<AttemptResult> {
  const started = Date.now();
  const malformed: Malformed = { bad_json: 0, unknown_tool: 0, invalid_arguments: 0 };
  const allowed = BUILTIN_TOOLS.inGroups(TOOLS);
  let toolCalls = 0;
  let approvals = 0;
  const count = (event: AgentEvent) => {
    if (event.type === 'tool_call') {
      toolCalls++;
      const checked = validateCall(event.call, allowed, event.args && { ok: true, args: event.args });
      if (!checked.ok) malformed[kindOf(checked.message)]++;
    }
    if (event.type === 'human_request' && event.request.kind === 'approval') approvals++;
    options.onEvent?.(event);
  };
  const base = { task: task.id, attempt, model: options.model, malformed, approvals_asked: 0 };
  let runId: string | undefined;
  const sandbox = await options.makeSandbox();
  try {
    for (const [path, data] of Object.entries(task.files)) await sandbox.writeFile(path, data);
    const job: DriveJob = { instructions: task.instruction, max_steps: task.max_steps, timeout_s: task.timeout_s, tools: [...TOOLS] };
    const outcome = await options.drive(job, sandbox, { emit: count, signal: options.signal });
    runId = outcome.run_id;
    options.signal.throwIfAborted();
    const check = await sandbox.exec(`bash <<'${END}'\n${task.check.replace(/\n?$/, '\n')}${END}`, { cwd: WORKDIR, timeoutMs: CHECK_TIMEOUT_MS });
    const solved = check.exitCode === 0 && !check.timedOut;
    return {
      ...base,
      solved,
      steps: outcome.steps,
      ...tokens(outcome.usage),
      wall_ms: Date.now() - started,
      tool_calls: toolCalls,
      approvals_asked: approvals,
      ended: outcome.status === 'failed' ? `failed:${outcome.reason as FailReason}` : outcome.status,
      ...(solved ? {} : { check_output: check.output.slice(-500) }),
      ...(runId && { run_id: runId }),
    };
  } catch (error) {
    if (options.signal.aborted) throw error;
    return {
      ...base,
      solved: false,
      steps: 0,
      ...tokens(undefined),
      wall_ms: Date.now() - started,
      tool_calls: toolCalls,
      ended: 'error',
      error: (error as Error).message ?? String(error),
      ...(runId && { run_id: runId }),
    };
  } finally {
    await sandbox.dispose();
  }
}

function kindOf(message: string): keyof Malformed {
  if (message.startsWith('Unknown tool')) return 'unknown_tool';
  if (message.includes('not valid JSON') || message.includes('must be a JSON object')) return 'bad_json';
  return 'invalid_arguments';
}

function tokens(usage: Usage | undefined) {
  return {
    prompt_tokens: usage?.prompt_tokens ?? 0,
    completion_tokens: usage?.completion_tokens ?? 0,
    cached_tokens: usage?.cached_tokens ?? 0,
    cost_usd: usage?.cost_usd ?? 0,
  };
}
