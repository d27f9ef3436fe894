/**
 * Running the model's tool calls, one at a time: validate, finish or ask a person or run in the sandbox (after
 * an approval when the risk calls for one), then record the observation for the model and the events.
 */
import type { AgentEvent, RiskVerdict, ToolCall } from '../core/events';
import type { InterventionThreshold } from '../core/run';
import type { BuiltinToolName } from '../core/builtin-tools';
import type { ToolCatalogue, ToolSpec } from '../core/tool-catalogue';
import { parseArguments, type ToolArgs } from '../core/tool-call';
import type { AgentSandbox } from '../sandbox/sandbox';
import { CancelledError } from '../core/errors';
import { truncateMiddle } from './context';
import { RunEnded } from './ending';
import { askQuestion, gate, RememberedKinds, type HumanDeps } from './human';
import type { Conversation } from './messages';
import type { Oversight } from './oversight';
import type { ProcessWatch } from './process-watch';
import { cutOff } from './prompt';
import { attachImages, imageNote } from './images';
import type { ExternalTool } from './external-tool';
import { runSandboxTool, validateCall, type ToolOutcome } from './tools';

/** Arguments longer than this leave `args` off their `tool_call` event (readers parse `call.arguments`). */
export const EVENT_ARGS_MAX_CHARS = 64 * 1024;

/** What running tool calls works with. */
export interface ToolCallDeps {
  conversation: Conversation;
  /** The tools the run was given. */
  tools: ToolCatalogue;
  /** The ones of them that run outside the loop (by name). */
  external: ReadonlyMap<string, ExternalTool>;
  /** Observations longer than this are cut in the middle. */
  observationChars: number;
  emit(event: AgentEvent): void;
  oversight: Oversight;
  sandbox: AgentSandbox;
  processes: ProcessWatch;
  assessRisk?(call: ToolCall, args: ToolArgs): Promise<RiskVerdict>;
  threshold: InterventionThreshold;
  /** Hold every write_file / edit_file for review. */
  askFileChanges?: boolean;
  /** The model takes images: a result's images are sent to it (else it reads that they were shown to the person). */
  modelTakesImages?: boolean;
  commandTimeoutMs: number;
  signal: AbortSignal;
}

/** Runs one run's tool calls; kinds of action a person approved for the run are remembered across calls. */
export class ToolCallRunner {
  readonly #deps: ToolCallDeps;
  readonly #remembered = new RememberedKinds();

  constructor(deps: ToolCallDeps) {
    this.#deps = deps;
  }

  /**
   * Run one call (`finish` throws the run's ending). `resumed`: it waited for a person when the page closed (its
   * tool_call event is already stored; the person's late answer comes through the human port).
   */
  async run(call: ToolCall, finishReason: string, options: { resumed?: boolean } = {}): Promise<void> {
    // the arguments are parsed here, once, and carried on the event for all who show or rate the call — but big
    // ones (a file of megabytes) only as their text: the event is cloned, posted and stored, and twice is too much
    const parsed = parseArguments(call.arguments);
    const carried = parsed.ok && call.arguments.length <= EVENT_ARGS_MAX_CHARS;
    if (!options.resumed) this.#deps.emit({ type: 'tool_call', call, ...(carried && { args: parsed.args }) });
    const valid = validateCall(call, this.#deps.tools, parsed);
    let result: ToolOutcome;
    if (!valid.ok) result = { ok: false, failed: true, observation: finishReason === 'length' ? cutOff(call.name) : valid.message };
    else if (valid.spec.name === 'finish') return this.#finish(call, valid.args);
    else if (valid.spec.name === 'ask_human') {
      result = { ...(await askQuestion(call, valid.args.question as string, this.#humanDeps())), failed: false };
    }
    else result = await this.#runGated(call, valid.spec, valid.args);
    this.#record(call, result);
    const action = { name: call.name, arguments: call.arguments, args: valid.ok ? valid.args : undefined, observation: result.observation, failed: result.failed };
    await this.#deps.oversight.recordAction(action, this.#deps.signal);
  }

  #record(call: ToolCall, result: ToolOutcome): void {
    const { ok, exit_code, duration_ms, timed_out, images } = result;
    const { conversation, modelTakesImages = false } = this.#deps;
    const cut = truncateMiddle(result.observation, this.#deps.observationChars);
    const observation = images?.length ? `${cut}\n${imageNote(images.length, modelTakesImages)}` : cut;
    conversation.messages.push({ role: 'tool', tool_call_id: call.id, content: observation });
    if (images?.length && modelTakesImages) attachImages(conversation, call.id, call.name, images);
    this.#deps.emit({
      type: 'tool_result',
      call_id: call.id,
      name: call.name,
      ok,
      observation,
      ...(exit_code !== undefined && { exit_code }),
      ...(duration_ms !== undefined && { duration_ms }),
      ...(timed_out && { timed_out }),
      ...(images?.length && { images }),
    });
  }

  #finish(call: ToolCall, args: Record<string, unknown>): never {
    this.#record(call, { ok: true, failed: false, observation: 'Finished.' });
    const outputs = (args.outputs as Record<string, unknown> | undefined) ?? {};
    throw new RunEnded({ status: 'completed', summary: args.summary as string, outputs });
  }

  #humanDeps(): HumanDeps {
    const { emit, oversight, assessRisk, threshold, askFileChanges, signal } = this.#deps;
    return { emit, human: oversight.human, assessRisk, threshold, askFileChanges, signal, remembered: this.#remembered };
  }

  /** Ask a person first when the action's risk is at or above the threshold; then run it. */
  async #runGated(call: ToolCall, spec: ToolSpec, args: ToolArgs): Promise<ToolOutcome> {
    const decision = await gate(call, spec, args, this.#humanDeps());
    if (!decision.approved) return { ok: false, failed: false, observation: decision.observation };
    const { emit, sandbox, signal, commandTimeoutMs, processes, external } = this.#deps;
    const onOutput = (data: string) => emit({ type: 'tool_output', call_id: call.id, data });
    const tool = external.get(spec.name);
    const result: ToolOutcome = tool
      ? { ...(await runExternal(tool, decision.args, { signal, onOutput })), failed: false }
      : await runSandboxTool(spec.name as BuiltinToolName, decision.args, { sandbox, signal, commandTimeoutMs, onOutput, processes });
    return decision.note ? { ...result, observation: `${decision.note}\n${result.observation}` } : result;
  }
}

/** An external tool's call; a throw (not a cancel) is a result the model reads. */
async function runExternal(tool: ExternalTool, args: ToolArgs, context: { signal: AbortSignal; onOutput(data: string): void }) {
  try {
    return await tool.run(args, context);
  } catch (error) {
    if (context.signal.aborted) throw new CancelledError();
    return { ok: false, observation: `${tool.spec.name} failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
