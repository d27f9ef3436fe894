/**
 * The agent loop: one step = ask the model → run its tool calls in order → record the observations. Pure TS
 * (no DOM): runs in Node and in a worker. This file is the run's lifecycle — limits between steps, the watch
 * (cancel, time limit), storing each step, the ending; leaving the loop is an exception carrying how the run
 * ended. The step itself is in step.ts, its tool calls in tool-calls.ts, a resumed step's rest in resume.ts.
 */
import { CancelledError } from '../core/errors';
import { emptyUsage } from '../core/run';
import { contextWindowOf, observationLimit, TokenEstimator } from './context';
import { endingOf, type Ending } from './ending';
import { withLateAnswer } from './human';
import type { Conversation } from './messages';
import { addProjectInstructions, openingMessages } from './opening';
import { Oversight } from './oversight';
import { priceOf } from './pricing';
import { createProcessWatch, type ProcessWatch } from './process-watch';
import { redactingEmit } from './redact';
import { finishPendingTurn } from './resume';
import { watchRun } from './run-watch';
import { StepRunner } from './step';
import { ToolCallRunner, type ToolCallDeps } from './tool-calls';
import { toolSchemas } from './tools';
import { BUILTIN_TOOLS } from '../core/builtin-tools';
import type { ToolCatalogue } from '../core/tool-catalogue';
import type { AgentConfig, AgentDeps, RunOutcome } from './types';

export type { HumanPort } from './human';
export type { ExternalTool } from './external-tool';
export type { AgentConfig, AgentDeps, RunOutcome } from './types';

/** Run the agent until it finishes, fails, or the signal aborts. Never rejects for a run's own failure. */
export function runAgent(config: AgentConfig, deps: AgentDeps, signal: AbortSignal): Promise<RunOutcome> {
  return new AgentRun(config, deps, signal).run();
}

class AgentRun {
  readonly #emit: AgentDeps['emit'];
  readonly #oversight: Oversight;
  readonly #processes: ProcessWatch;
  readonly #controller = new AbortController();
  readonly #conversation: Conversation;
  readonly #calls: ToolCallRunner;
  readonly #steps: StepRunner;
  #step: number;
  /** The last step handed to `onStepCommitted`. */
  #committedStep: number;

  constructor(
    private readonly config: AgentConfig,
    private readonly deps: AgentDeps,
    private readonly signal: AbortSignal,
  ) {
    const external = deps.externalTools ?? [];
    const tools = BUILTIN_TOOLS.withTools(external.map((tool) => tool.spec)).inGroups(config.tools);
    this.#emit = redactingEmit(deps.emit, config.secrets);
    const { max_steps, timeout_s, max_tokens, max_cost_usd, threshold } = config;
    const limits = { max_steps, timeout_s, max_tokens, max_cost_usd };
    const now = deps.now ?? Date.now;
    // a resumed run's late answer is taken where the loop would have asked: one path for live and late answers
    const human = deps.human && config.lateAnswer ? withLateAnswer(config.lateAnswer, deps.human) : deps.human;
    this.#oversight = new Oversight({ emit: this.#emit, human, threshold, limits, now, usedMs: config.initialActiveMs });
    this.#step = config.startStep ?? 0;
    // a resumed step with calls still to answer is stored once they are
    this.#committedStep = config.initialMessages ? this.#step - (config.pendingTurn ? 1 : 0) : -1;
    const opening = () => openingMessages(deps.sandbox, { instructions: config.instructions, tools: tools.names, commandTimeoutMs: config.command_timeout_ms });
    this.#conversation = { messages: config.initialMessages ? [...config.initialMessages] : opening() };
    this.#processes = createProcessWatch(deps.sandbox);
    const window = contextWindowOf(deps.model.model, config.context_window);
    this.#calls = this.#toolCallRunner(tools, new Map(external.map((tool) => [tool.spec.name, tool])), observationLimit(window));
    this.#steps = this.#stepRunner(tools, window);
  }

  #toolCallRunner(tools: ToolCatalogue, external: ToolCallDeps['external'], observationChars: number): ToolCallRunner {
    const { sandbox, assessRisk } = this.deps;
    return new ToolCallRunner({
      conversation: this.#conversation,
      tools,
      external,
      observationChars,
      emit: this.#emit,
      oversight: this.#oversight,
      sandbox,
      processes: this.#processes,
      assessRisk,
      threshold: this.config.threshold,
      askFileChanges: this.config.askFileChanges,
      modelTakesImages: this.config.modelTakesImages,
      commandTimeoutMs: this.config.command_timeout_ms,
      signal: this.#controller.signal,
    });
  }

  /** The model and the price table are fixed for the run: the price is looked up once. */
  #stepRunner(tools: ToolCatalogue, window: number): StepRunner {
    const { model, sandbox } = this.deps;
    const schemas = toolSchemas(tools);
    const estimator = new TokenEstimator(schemas);
    const conversation = this.#conversation;
    const modelTurn = {
      conversation, model, schemas, estimator, window, sandbox,
      task: this.config.instructions,
      emit: this.#emit,
      oversight: this.#oversight,
      processes: this.#processes,
      signal: this.#controller.signal,
    };
    const price = priceOf(model.model, this.config.prices);
    const deps = { conversation, modelTurn, calls: this.#calls, price, estimator, window, emit: this.#emit };
    return new StepRunner(deps, this.config.initialUsage ?? emptyUsage());
  }

  async run(): Promise<RunOutcome> {
    // when a person can be asked to raise the time limit, it is checked between steps instead
    const timeout_s = this.#oversight.canAsk ? undefined : this.config.timeout_s;
    const watch = watchRun({ signal: this.signal, controller: this.#controller, timeout_s, activeMs: this.#oversight.activeMs });
    let ending: Ending;
    try {
      await this.#start();
      await this.#loop();
      throw new Error('unreachable: the loop only ends by throwing');
    } catch (error) {
      const cancelled = this.signal.aborted;
      ending = endingOf(error, { timedOut: watch.timedOut, timeout_s: this.#oversight.limits.timeout_s, cancelled });
      // the step that ended the run (finish, final answer, a limit met mid-step) is stored like any other
      if (ending.status !== 'cancelled') await this.#commit();
    } finally {
      watch.stop();
      this.#processes.dispose();
    }
    const { status } = ending;
    this.#emit(
      ending.status === 'failed' ? { type: 'status', status, reason: ending.reason, error: ending.error } : { type: 'status', status },
    );
    return {
      ...ending,
      outputs: ending.status === 'completed' ? ending.outputs : {},
      usage: this.#steps.usage,
      steps: this.#step,
    };
  }

  /** Before the first step: the project's instructions (fresh run) or the interrupted step's rest (resume). */
  async #start(): Promise<void> {
    if (!this.config.initialMessages) await addProjectInstructions(this.#conversation, this.deps.sandbox, this.#emit);
    if (this.config.pendingTurn) await finishPendingTurn(this.config.pendingTurn, this.#calls, this.#conversation);
    this.#oversight.resumeStuck();
    await this.#commit();
  }

  async #loop(): Promise<never> {
    for (;;) {
      if (this.#controller.signal.aborted) throw new CancelledError();
      await this.#oversight.checkLimits({ step: this.#step, usage: this.#steps.usage }, this.#controller.signal);
      await this.#steps.run(++this.#step);
      await this.#commit();
    }
  }

  /** Hands the state after the current step (step 0: before the first request) to be stored, once per step. */
  async #commit(): Promise<void> {
    if (this.#step <= this.#committedStep) return;
    this.#committedStep = this.#step;
    const messages = [...this.#conversation.messages];
    const state = { step: this.#step, messages, usage: this.#steps.usage, active_ms: this.#oversight.activeMs };
    const notes = await this.deps.onStepCommitted?.(state);
    for (const note of notes ?? []) this.#oversight.addPersonNote(note);
  }
}
