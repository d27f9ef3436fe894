/**
 * The agent loop: one step = ask the model → run its tool calls in order → record the observations. Pure TS
 * (no DOM): runs in Node and in a worker. Limits, the reflection gate (in the observations), stuck detection,
 * risk approval and cancellation live here. Leaving the loop is an exception carrying how the run ended.
 */
import type { AgentEvent, ToolCall } from '../core/events';
import { CancelledError, isAbort, ModelError, SandboxError } from '../core/errors';
import { addUsage, emptyUsage } from '../core/run';
import { WORKDIR } from '../sandbox/sandbox';
import { compactIfNeeded } from './compaction';
import { contextWindowOf, observationLimit, TokenEstimator, truncateMiddle } from './context';
import { failed, RunEnded, timeoutEnding, type Ending } from './ending';
import { askQuestion, gate, RememberedKinds, resumeApproval, type HumanDeps, type LateApproval } from './human';
import { Oversight } from './oversight';
import type { ChatMessage, ToolSchema } from './messages';
import type { ModelTurn } from './model';
import type { AgentConfig, AgentDeps, RunOutcome } from './types';
import { costed, priceOf, type Price } from './pricing';
import { redactingEmit } from './redact';
import { CUT_OFF_NUDGE, cutOff, NUDGE, systemPrompt } from './prompt';
import { createProcessWatch, type ProcessWatch } from './process-watch';
import { formatProjectInstructions, projectInstructionsNotice, readProjectInstructions } from './project-instructions';
import { runSandboxTool, toolNames, toolSchemas, validateCall, type ToolName, type ToolResult } from './tools';

export type { HumanPort } from './human';
export type { AgentConfig, AgentDeps, RunOutcome } from './types';

/** Run the agent until it finishes, fails, or the signal aborts. Never rejects for a run's own failure. */
export function runAgent(config: AgentConfig, deps: AgentDeps, signal: AbortSignal): Promise<RunOutcome> {
  return new AgentRun(config, deps, signal).run();
}

class AgentRun {
  readonly #tools: ToolName[];
  readonly #schemas: ToolSchema[];
  readonly #estimator: TokenEstimator;
  readonly #window: number;
  readonly #observationChars: number;
  /** The model and the price table are fixed for the run: look the price up once. */
  readonly #price: Price | undefined;
  readonly #remembered = new RememberedKinds();
  readonly #emit: (event: AgentEvent) => void;
  readonly #oversight: Oversight;
  readonly #processes: ProcessWatch;
  readonly #controller = new AbortController();
  readonly #now: () => number;
  readonly #started: number;
  #messages: ChatMessage[];
  #usage = emptyUsage();
  #step: number;
  /** The last step handed to `onStepCommitted`. */
  #committedStep: number;
  #nudged = false;
  #timedOut = false;

  constructor(
    private readonly config: AgentConfig,
    private readonly deps: AgentDeps,
    private readonly signal: AbortSignal,
  ) {
    this.#tools = toolNames(config.tools);
    this.#schemas = toolSchemas(config.tools);
    this.#estimator = new TokenEstimator(this.#schemas);
    this.#window = contextWindowOf(deps.model.model, config.context_window);
    this.#observationChars = observationLimit(this.#window);
    this.#price = priceOf(deps.model.model, config.prices);
    this.#now = deps.now ?? Date.now;
    this.#started = this.#now();
    this.#emit = redactingEmit(deps.emit, config.secrets);
    const { max_steps, timeout_s, max_tokens, max_cost_usd, threshold } = config;
    const limits = { max_steps, timeout_s, max_tokens, max_cost_usd };
    this.#oversight = new Oversight({ emit: this.#emit, human: deps.human, threshold, limits, now: this.#now });
    this.#step = config.startStep ?? 0;
    // a resumed step with calls still to answer is stored once they are
    this.#committedStep = config.initialMessages ? this.#step - (config.pendingTurn ? 1 : 0) : -1;
    if (config.initialUsage) this.#usage = { ...config.initialUsage };
    this.#messages = config.initialMessages ? [...config.initialMessages] : this.#firstMessages();
    this.#processes = createProcessWatch(deps.sandbox);
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

  /** AGENTS.md (or .autopilot.md) in the work dir joins the system prompt once, before the first request. */
  async #addProjectInstructions(): Promise<void> {
    const found = await readProjectInstructions(this.deps.sandbox);
    if (!found) return;
    const [system, ...rest] = this.#messages;
    this.#messages = [{ role: 'system', content: `${system.content}\n\n${formatProjectInstructions(found)}` }, ...rest];
    this.#emit({ type: 'notice', message: projectInstructionsNotice(found) });
  }

  async run(): Promise<RunOutcome> {
    const stopWatching = this.#watch();
    let ending: Ending;
    try {
      if (!this.config.initialMessages) await this.#addProjectInstructions();
      await this.#finishPendingTurn();
      await this.#commit();
      await this.#loop();
      throw new Error('unreachable: the loop only ends by throwing');
    } catch (error) {
      ending = this.#ending(error);
      // the step that ended the run (finish, final answer, a limit met mid-step) is stored like any other
      if (ending.status !== 'cancelled') await this.#commit();
    } finally {
      stopWatching();
      this.#processes.dispose();
    }
    const { status } = ending;
    this.#emit(
      ending.status === 'failed' ? { type: 'status', status, reason: ending.reason, error: ending.error } : { type: 'status', status },
    );
    return {
      ...ending,
      outputs: ending.status === 'completed' ? ending.outputs : {},
      usage: this.#usage,
      steps: this.#step,
    };
  }

  /**
   * Abort the inner controller on the caller's cancel and at the wall-time limit. When the person can be asked
   * to raise the limit, it is checked between steps instead (on the run's own time, waits for a person excluded).
   */
  #watch(): () => void {
    const abort = () => this.#controller.abort();
    this.signal.addEventListener('abort', abort, { once: true });
    if (this.signal.aborted) abort();
    const limit = this.config.timeout_s;
    const timer =
      limit === undefined || this.#oversight.canAsk
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
    if (this.#timedOut) return timeoutEnding(this.#oversight.limits.timeout_s ?? 0);
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
      await this.#checkLimits();
      await this.#runStep();
      await this.#commit();
    }
  }

  /** Hands the state after the current step (step 0: before the first request) to be stored, once per step. */
  async #commit(): Promise<void> {
    if (this.#step <= this.#committedStep) return;
    this.#committedStep = this.#step;
    await this.deps.onStepCommitted?.({ step: this.#step, messages: [...this.#messages], usage: this.#usage });
  }

  async #checkLimits(): Promise<void> {
    if (this.#controller.signal.aborted) throw new CancelledError();
    await this.#oversight.checkLimits({ step: this.#step, usage: this.#usage }, this.#controller.signal);
  }

  async #runStep(): Promise<void> {
    this.#step++;
    this.#emit({ type: 'step', step: this.#step });
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
    this.#emit({ type: 'assistant_message', text: turn.text, tool_calls: turn.tool_calls });
    const step = costed(turn.usage, this.#price);
    this.#usage = addUsage(this.#usage, step);
    const context = { tokens: turn.usage.prompt_tokens || this.#estimator.estimate(this.#messages), window: this.#window };
    this.#emit({ type: 'usage', step, total: this.#usage, context });
    if (!hasCalls) return this.#answerWithoutCalls(turn);
    this.#nudged = false;
    for (const call of turn.tool_calls) await this.#runCall(call, turn.finish_reason);
  }

  /** Ask the model, compacting the history first when it nears the context window (and once more if the server says it is too long). */
  async #askModel(): Promise<ModelTurn> {
    await this.#reportBackground();
    for (const note of this.#oversight.takeNotes()) this.#messages.push({ role: 'user', content: note });
    await this.#compact(false);
    try {
      return await this.#request();
    } catch (error) {
      if (!(error instanceof ModelError) || error.code !== 'context_length_exceeded') throw error;
      this.#emit({ type: 'error', code: error.code, message: error.message, retrying: true, wait_ms: 0 });
      await this.#compact(true);
      return this.#request();
    }
  }

  /** Crashed processes and preview errors since the last step reach the model before it is asked again. */
  async #reportBackground(): Promise<void> {
    const report = await this.#processes.drain(this.#controller.signal);
    if (!report) return;
    this.#messages.push({ role: 'user', content: report.observation });
    this.#emit({ type: 'notice', message: report.notice });
  }

  async #request(): Promise<ModelTurn> {
    const emit = this.#emit;
    const messages = this.#messages;
    const turn = await this.deps.model.complete({
      messages,
      tools: this.#schemas,
      signal: this.#controller.signal,
      onDelta: (delta) => emit({ type: delta.type === 'text' ? 'text_delta' : 'reasoning_delta', text: delta.text }),
      onRetry: ({ code, message, wait_ms }) => emit({ type: 'error', code, message, retrying: true, wait_ms }),
    });
    this.#estimator.observe(messages, turn.usage.prompt_tokens);
    return turn;
  }

  async #compact(force: boolean): Promise<void> {
    const window = this.#window;
    const compacted = await compactIfNeeded(this.#messages, { window }, {
      model: this.deps.model,
      sandbox: this.deps.sandbox,
      estimator: this.#estimator,
      task: this.config.instructions,
      signal: this.#controller.signal,
    }, force);
    if (!compacted) return;
    this.#messages = compacted.messages;
    const what = compacted.how === 'elided' ? 'old tool outputs were elided' : 'the earlier steps were summarised';
    this.#emit({
      type: 'notice',
      message: `The conversation neared the model's context window (${window} tokens): ${what}, from about ${compacted.before} to ${compacted.after} tokens.`,
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
    this.#emit({ type: 'notice', message: 'The model gave an empty answer; it was asked to continue.' });
    this.#messages.push({ role: 'user', content: turn.finish_reason === 'length' ? CUT_OFF_NUDGE : NUDGE });
  }

  /** Resume: the interrupted step's calls that had not run are answered (an approved one runs now, once). */
  async #finishPendingTurn(): Promise<void> {
    const turn = this.config.pendingTurn;
    if (!turn) return;
    for (const pending of turn.calls) {
      if ('approval' in pending) await this.#runCall(pending.call, 'tool_calls', pending.approval);
      else this.#messages.push({ role: 'tool', tool_call_id: pending.call.id, content: pending.observation });
    }
    if (turn.note) this.#messages.push({ role: 'user', content: turn.note });
  }

  /** Run one call; `approval`: it waited for one when the page closed (its tool_call event is already stored). */
  async #runCall(call: ToolCall, finishReason: string, approval?: LateApproval): Promise<void> {
    if (!approval) this.#emit({ type: 'tool_call', call });
    const valid = validateCall(call.name, call.arguments, this.#tools);
    let result: ToolResult;
    if (!valid.ok) result = { ok: false, failed: true, observation: finishReason === 'length' ? cutOff(call.name) : valid.message };
    else if (valid.name === 'finish') return this.#finish(call, valid.args);
    else if (valid.name === 'ask_human') {
      result = { ...(await askQuestion(call, valid.args.question as string, this.#humanDeps())), failed: false };
    }
    else result = await this.#runGated(call, valid.name, valid.args, approval);
    this.#record(call, result);
    const action = { name: call.name, arguments: call.arguments, observation: result.observation, failed: result.failed };
    await this.#oversight.recordAction(action, this.#controller.signal);
  }

  #record(call: ToolCall, result: ToolResult): void {
    const observation = truncateMiddle(result.observation, this.#observationChars);
    this.#messages.push({ role: 'tool', tool_call_id: call.id, content: observation });
    const { ok, exit_code, duration_ms, timed_out } = result;
    this.#emit({
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

  #humanDeps(): HumanDeps {
    const { assessRisk } = this.deps;
    const { threshold } = this.config;
    return { emit: this.#emit, human: this.#oversight.human, assessRisk, threshold, signal: this.#controller.signal, remembered: this.#remembered };
  }

  /** Ask a person first when the action's risk is at or above the threshold; then run it. */
  async #runGated(call: ToolCall, name: ToolName, args: Record<string, unknown>, approval?: LateApproval): Promise<ToolResult> {
    const human = this.#humanDeps();
    const decision = approval ? await resumeApproval(call, args, approval, human) : await gate(call, args, human);
    if (!decision.approved) return { ok: false, failed: false, observation: decision.observation };
    const emit = this.#emit;
    const result = await runSandboxTool(name, decision.args, {
      sandbox: this.deps.sandbox,
      signal: this.#controller.signal,
      commandTimeoutMs: this.config.command_timeout_ms,
      onOutput: (data) => emit({ type: 'tool_output', call_id: call.id, data }),
      processes: this.#processes,
    });
    return decision.note ? { ...result, observation: `${decision.note}\n${result.observation}` } : result;
  }
}
