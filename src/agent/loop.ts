/**
 * The agent loop: one step = ask the model → run its tool calls in order → record the observations. Pure TS
 * (no DOM): runs in Node and in a worker. Limits, the reflection gate (in the observations), stuck detection,
 * risk approval and cancellation live here. Leaving the loop is an exception carrying how the run ended.
 */
import type { AgentEvent, RiskVerdict, ToolCall } from '../core/events';
import { CancelledError, isAbort, ModelError, SandboxError } from '../core/errors';
import { addUsage, emptyUsage, type FailReason, type InterventionThreshold, type RunError, type ToolGroup, type Usage } from '../core/run';
import { WORKDIR, type Sandbox } from '../sandbox/sandbox';
import { approvalRequest, decideApproval, needsApproval, replyObservation, type HumanPort } from './human';
import type { ChatMessage } from './messages';
import type { ModelClient, ModelTurn } from './model';
import { costed, priceOf } from './pricing';
import { systemPrompt } from './prompt';
import { StuckDetector } from './stuck';
import { runSandboxTool, toolNames, toolSchemas, validateCall, type ToolName, type ToolResult } from './tools';

export type { HumanPort } from './human';

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
  /** Resume: the messages persisted after the last committed step (system prompt and task included). */
  initialMessages?: ChatMessage[];
  /** Resume: steps already done. */
  startStep?: number;
}

/** What the loop works with. */
export interface AgentDeps {
  model: ModelClient;
  sandbox: Sandbox;
  emit(event: AgentEvent): void;
  human?: HumanPort;
  assessRisk?(call: ToolCall): Promise<RiskVerdict>;
  /** Awaited after each step's tool results, before the next model request (persist for resume). */
  onStepCommitted?(state: { step: number; messages: ChatMessage[]; usage: Usage }): Promise<void> | void;
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

type Ending =
  | { status: 'completed'; summary: string; outputs: Record<string, unknown> }
  | { status: 'failed'; reason: FailReason; error: RunError }
  | { status: 'cancelled' };

/** Leaving the loop, with how the run ended. */
class RunEnded extends Error {
  constructor(readonly ending: Ending) {
    super(ending.status);
  }
}

const failed = (reason: FailReason, message: string, code: string = reason) =>
  new RunEnded({ status: 'failed', reason, error: { code, message } });

const NUDGE =
  'Your last answer was empty: no text and no tool call. Continue the task by calling a tool, or call finish ' +
  'with a summary when it is done.';

const CUT_OFF_NUDGE =
  'Your last answer was cut off at the output token limit (finish_reason: length). Continue the task with a ' +
  'tool call and keep each answer shorter.';

function cutOff(tool: string): string {
  return (
    `Your answer was cut off at the output token limit (finish_reason: length) in the middle of the arguments ` +
    `of ${tool}; it was not run. Make the call again with shorter arguments: write a big file in parts ` +
    `(write_file the first part, then append the rest with run_command and cat >> file <<'EOF').`
  );
}

/** Run the agent until it finishes, fails, or the signal aborts. Never rejects for a run's own failure. */
export function runAgent(config: AgentConfig, deps: AgentDeps, signal: AbortSignal): Promise<RunOutcome> {
  return new AgentRun(config, deps, signal).run();
}

class AgentRun {
  readonly #tools: ToolName[];
  readonly #stuck = new StuckDetector();
  readonly #controller = new AbortController();
  readonly #now: () => number;
  readonly #started: number;
  #messages: ChatMessage[];
  #usage = emptyUsage();
  #step: number;
  #nudged = false;
  #timedOut = false;

  constructor(
    private readonly config: AgentConfig,
    private readonly deps: AgentDeps,
    private readonly signal: AbortSignal,
  ) {
    this.#tools = toolNames(config.tools);
    this.#now = deps.now ?? Date.now;
    this.#started = this.#now();
    this.#step = config.startStep ?? 0;
    this.#messages = config.initialMessages ? [...config.initialMessages] : this.#firstMessages();
  }

  #firstMessages(): ChatMessage[] {
    const { sandbox } = this.deps;
    const prompt = systemPrompt({
      capabilities: sandbox.capabilities,
      workdir: WORKDIR,
      tools: this.#tools,
      commandTimeoutMs: this.config.command_timeout_ms,
    });
    return [
      { role: 'system', content: prompt },
      { role: 'user', content: this.config.instructions },
    ];
  }

  async run(): Promise<RunOutcome> {
    const stopWatching = this.#watch();
    let ending: Ending;
    try {
      await this.#loop();
      throw new Error('unreachable: the loop only ends by throwing');
    } catch (error) {
      ending = this.#ending(error);
    } finally {
      stopWatching();
    }
    const { status } = ending;
    this.deps.emit(
      ending.status === 'failed' ? { type: 'status', status, reason: ending.reason, error: ending.error } : { type: 'status', status },
    );
    return {
      ...ending,
      outputs: ending.status === 'completed' ? ending.outputs : {},
      usage: this.#usage,
      steps: this.#step,
    };
  }

  /** Abort the inner controller on the caller's cancel and at the wall-time limit. */
  #watch(): () => void {
    const abort = () => this.#controller.abort();
    this.signal.addEventListener('abort', abort, { once: true });
    if (this.signal.aborted) abort();
    const limit = this.config.timeout_s;
    const timer =
      limit === undefined
        ? undefined
        : setTimeout(() => {
            this.#timedOut = true;
            abort();
          }, Math.max(0, limit * 1000 - (this.#now() - this.#started)));
    return () => {
      clearTimeout(timer);
      this.signal.removeEventListener('abort', abort);
    };
  }

  #ending(error: unknown): Ending {
    if (error instanceof RunEnded) return error.ending;
    if (this.#timedOut) return timeoutEnding(this.config.timeout_s ?? 0);
    if (this.signal.aborted || error instanceof CancelledError || isAbort(error)) return { status: 'cancelled' };
    if (error instanceof ModelError) {
      return { status: 'failed', reason: 'model_error', error: { code: error.code, message: error.message } };
    }
    if (error instanceof SandboxError) {
      return { status: 'failed', reason: 'sandbox_error', error: { code: 'sandbox_error', message: error.message } };
    }
    throw error; // a bug: let it surface
  }

  async #loop(): Promise<never> {
    for (;;) {
      this.#checkLimits();
      await this.#runStep();
      await this.deps.onStepCommitted?.({ step: this.#step, messages: [...this.#messages], usage: this.#usage });
    }
  }

  #checkLimits(): void {
    const { max_steps, max_tokens, max_cost_usd, timeout_s } = this.config;
    if (this.#controller.signal.aborted) throw new CancelledError();
    if (timeout_s !== undefined && this.#now() - this.#started >= timeout_s * 1000) throw new RunEnded(timeoutEnding(timeout_s));
    if (this.#step >= max_steps) {
      throw failed('max_steps', `The run used all ${max_steps} steps (max_steps) before the task was finished.`);
    }
    const tokens = this.#usage.prompt_tokens + this.#usage.completion_tokens;
    if (max_tokens !== undefined && tokens >= max_tokens) {
      throw failed('budget', `The run used ${tokens} tokens, reaching its max_tokens of ${max_tokens}.`);
    }
    if (max_cost_usd !== undefined && this.#usage.cost_usd >= max_cost_usd) {
      throw failed('budget', `The run cost $${this.#usage.cost_usd.toFixed(4)}, reaching its max_cost_usd of $${max_cost_usd}.`);
    }
  }

  async #runStep(): Promise<void> {
    this.#step++;
    this.deps.emit({ type: 'step', step: this.#step });
    const turn = await this.#askModel();
    const hasCalls = turn.tool_calls.length > 0;
    this.#messages.push({
      role: 'assistant',
      content: turn.text || (hasCalls ? null : ''),
      ...(hasCalls && {
        tool_calls: turn.tool_calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })),
      }),
      ...(turn.reasoning && { reasoning_content: turn.reasoning }),
    });
    this.deps.emit({ type: 'assistant_message', text: turn.text, tool_calls: turn.tool_calls });
    const step = costed(turn.usage, priceOf(this.deps.model.model));
    this.#usage = addUsage(this.#usage, step);
    this.deps.emit({ type: 'usage', step, total: this.#usage });
    if (!hasCalls) return this.#answerWithoutCalls(turn);
    this.#nudged = false;
    for (const call of turn.tool_calls) await this.#runCall(call, turn.finish_reason);
  }

  #askModel(): Promise<ModelTurn> {
    const { emit } = this.deps;
    return this.deps.model.complete({
      messages: this.#messages,
      tools: toolSchemas(this.config.tools),
      signal: this.#controller.signal,
      onDelta: (delta) => emit({ type: delta.type === 'text' ? 'text_delta' : 'reasoning_delta', text: delta.text }),
      onRetry: ({ code, message, wait_ms }) => emit({ type: 'error', code, message, retrying: true, wait_ms }),
    });
  }

  /** DESIGN's rule: text without tool calls is the final answer; an empty turn gets one nudge, then fails. */
  #answerWithoutCalls(turn: ModelTurn): void {
    const text = turn.text.trim();
    if (turn.finish_reason === 'content_filter') {
      throw failed('model_error', "The provider's content filter stopped the model's answer.", 'content_filter');
    }
    if (text && turn.finish_reason !== 'length') throw new RunEnded({ status: 'completed', summary: text, outputs: {} });
    if (this.#nudged) {
      const what = text ? 'answers cut off at the output limit' : 'answers with neither text nor a tool call';
      throw failed('empty_response', `The model gave two ${what} in a row (finish_reason: ${turn.finish_reason}).`);
    }
    this.#nudged = true;
    this.deps.emit({ type: 'notice', message: 'The model gave an empty answer; it was asked to continue.' });
    this.#messages.push({ role: 'user', content: turn.finish_reason === 'length' ? CUT_OFF_NUDGE : NUDGE });
  }

  async #runCall(call: ToolCall, finishReason: string): Promise<void> {
    this.deps.emit({ type: 'tool_call', call });
    const valid = validateCall(call.name, call.arguments, this.#tools);
    let result: ToolResult;
    if (!valid.ok) result = { ok: false, failed: true, observation: finishReason === 'length' ? cutOff(call.name) : valid.message };
    else if (valid.name === 'finish') return this.#finish(call, valid.args);
    else if (valid.name === 'ask_human') result = await this.#askHuman(call, valid.args.question as string);
    else result = await this.#runGated(call, valid.name, valid.args);
    this.#record(call, result);
    const stuck = this.#stuck.record({ name: call.name, arguments: call.arguments, observation: result.observation, failed: result.failed });
    if (stuck) throw failed('stuck', `The agent is stuck. ${stuck}`);
  }

  #record(call: ToolCall, result: ToolResult): void {
    this.#messages.push({ role: 'tool', tool_call_id: call.id, content: result.observation });
    const { ok, observation, exit_code, duration_ms, timed_out } = result;
    this.deps.emit({
      type: 'tool_result',
      call_id: call.id,
      name: call.name,
      ok,
      observation,
      ...(exit_code !== undefined && { exit_code }),
      ...(duration_ms !== undefined && { duration_ms }),
      ...(timed_out && { timed_out }),
    });
  }

  #finish(call: ToolCall, args: Record<string, unknown>): never {
    this.#record(call, { ok: true, failed: false, observation: 'Finished.' });
    const outputs = (args.outputs as Record<string, unknown> | undefined) ?? {};
    throw new RunEnded({ status: 'completed', summary: args.summary as string, outputs });
  }

  async #askHuman(call: ToolCall, question: string): Promise<ToolResult> {
    const { human, emit } = this.deps;
    if (!human) {
      return { ok: false, failed: false, observation: 'No person is available to answer. Decide on your own and go on.' };
    }
    emit({ type: 'human_request', request: { kind: 'question', call_id: call.id, question } });
    const answer = await human.ask({ kind: 'question', call_id: call.id, question }, this.#controller.signal);
    emit({ type: 'human_response', call_id: call.id, answer });
    return { ok: true, failed: false, observation: replyObservation(answer) };
  }

  /** Ask a person first when the action's risk is at or above the threshold; then run it. */
  async #runGated(call: ToolCall, name: ToolName, args: Record<string, unknown>): Promise<ToolResult> {
    const { assessRisk, human, emit } = this.deps;
    let note: string | undefined;
    if (assessRisk && this.config.threshold !== 'never') {
      const verdict = await assessRisk(call);
      if (verdict.level !== 'none') emit({ type: 'risk', call_id: call.id, verdict });
      if (needsApproval(verdict, this.config.threshold)) {
        const request = approvalRequest(call, args, verdict);
        emit({ type: 'human_request', request });
        const answer = human
          ? await human.ask(request, this.#controller.signal)
          : { approve: false as const, note: 'No person is available to approve risky actions in this run.' };
        emit({ type: 'human_response', call_id: call.id, answer });
        const decision = decideApproval(answer, args);
        if (!decision.approved) return { ok: false, failed: false, observation: decision.observation };
        [args, note] = [decision.args, decision.note];
      }
    }
    const result = await runSandboxTool(name, args, {
      sandbox: this.deps.sandbox,
      signal: this.#controller.signal,
      commandTimeoutMs: this.config.command_timeout_ms,
      onOutput: (data) => emit({ type: 'tool_output', call_id: call.id, data }),
    });
    return note ? { ...result, observation: `${note}\n${result.observation}` } : result;
  }
}

function timeoutEnding(timeout_s: number): Ending {
  return { status: 'failed', reason: 'timeout', error: { code: 'timeout', message: `The run passed its time limit of ${timeout_s} s (timeout_s).` } };
}
