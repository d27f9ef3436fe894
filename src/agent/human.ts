/** The human in the loop: approval of risky actions (by threshold) and the ask_human tool. */
import type { AgentEvent, HumanRequest, RiskVerdict, ToolCall } from '../core/events';
import type { RaisableLimit } from '../core/events';
import type { HumanAnswer, InterventionThreshold, RiskLevel } from '../core/run';
import { BUILTIN_TOOLS } from '../core/builtin-tools';
import type { ToolCatalogue, ToolSpec } from '../core/tool-catalogue';
import type { ToolArgs } from '../core/tool-call';
import { describeKind, isCoveredBy, kindOf, type ActionKind } from '../risk/kind';
import { rank } from '../risk/verdict';

/** A person the loop can ask: approvals and questions. Rejects (or never answers) when the signal aborts. */
export interface HumanPort {
  ask(request: HumanRequest, signal: AbortSignal): Promise<HumanAnswer>;
  /**
   * A resumed run: the answer a person gave after a reload to the request the run waited on, handed out once,
   * to the request that matches it (see `withLateAnswer`). The loop's gate, ask_human and oversight take it
   * where they would have asked, so a late answer is applied exactly as a live one.
   */
  takeLate?(match: LateMatch): LateAnswer | undefined;
}

/** A person's answer to the request a run waited on when its page closed. */
export interface LateAnswer {
  request: HumanRequest;
  answer: HumanAnswer;
}

/** Which request a late answer may answer: the approval or question of a call, or the raise of a limit. */
export type LateMatch = { kind: 'approval' | 'question'; call_id: string } | { kind: 'raise'; limit: RaisableLimit };

/** `human`, plus `late`: handed out once to the request it answered, never to another. */
export function withLateAnswer(late: LateAnswer, human: HumanPort): HumanPort {
  let pending: LateAnswer | undefined = late;
  return {
    ask: (request, signal) => human.ask(request, signal),
    takeLate(match) {
      if (!pending || !answers(pending.request, match)) return undefined;
      const taken = pending;
      pending = undefined;
      return taken;
    },
  };
}

function answers(request: HumanRequest, match: LateMatch): boolean {
  if (request.kind !== match.kind) return false;
  if (request.kind === 'raise') return match.kind === 'raise' && request.limit === match.limit;
  return match.kind !== 'raise' && request.call_id === match.call_id;
}

const LEVELS: RiskLevel[] = ['none', 'low', 'medium', 'high'];

/** True when a verdict is at or above the threshold, so the action waits for a person. */
export function needsApproval(verdict: RiskVerdict, threshold: InterventionThreshold): boolean {
  if (threshold === 'never' || verdict.level === 'none') return false;
  return LEVELS.indexOf(verdict.level) >= LEVELS.indexOf(threshold);
}

/**
 * What a call would do, for the person deciding: a command whole (they may edit it), else the tool and its
 * main argument, else the tool and its arguments.
 */
export function describeAction(name: string, args: ToolArgs, tools: ToolCatalogue = BUILTIN_TOOLS): string {
  if (typeof args.command === 'string') return args.command;
  const main = tools.get(name)?.main;
  const value = main === undefined ? undefined : args[main];
  if (typeof value === 'string') return `${name} ${value}`;
  return `${name} ${JSON.stringify(args)}`;
}

/** A request for approval. */
export type ApprovalRequest = Extract<HumanRequest, { kind: 'approval' }>;

/** What the approval decided: go on (maybe with an edited command), or the observation of a denial. */
export type Decision = { approved: true; args: Record<string, unknown>; note?: string } | { approved: false; observation: string };

/** Turn a person's answer to an approval request into a decision. */
export function decideApproval(answer: HumanAnswer, args: Record<string, unknown>): Decision {
  if ('approve' in answer && answer.approve) {
    const notes = answer.note ? [answer.note] : [];
    const withNotes = (decision: Extract<Decision, { approved: true }>): Decision => {
      const note = [decision.note, ...notes].filter(Boolean).join('\n');
      return note ? { ...decision, note } : { approved: true, args: decision.args };
    };
    if (answer.command && typeof args.command === 'string' && answer.command !== args.command) {
      return withNotes({ approved: true, args: { ...args, command: answer.command }, note: `The person approved an edited command: ${answer.command}` });
    }
    const edited = editedFields(args, answer.arguments);
    if (edited.length > 0) {
      const note = `The person edited ${edited.join(', ')} before approving; what ran is their version.`;
      return withNotes({ approved: true, args: { ...args, ...answer.arguments }, note });
    }
    return withNotes({ approved: true, args });
  }
  const note = 'approve' in answer ? answer.note : 'reply' in answer ? answer.reply : undefined;
  return {
    approved: false,
    observation:
      'The person denied this action; it was not run.' +
      (note ? ` Their note: ${note}` : '') +
      ' Do not retry it unchanged: follow the note, find another way, or call finish and explain.',
  };
}

/** The fields the person's arguments change (none when they gave none). */
function editedFields(args: Record<string, unknown>, edited: Record<string, unknown> | undefined): string[] {
  if (!edited || typeof edited !== 'object') return [];
  return Object.keys(edited).filter((key) => JSON.stringify(edited[key]) !== JSON.stringify(args[key]));
}

/** The observation of a person's reply to ask_human. */
export function replyObservation(answer: HumanAnswer): string {
  if ('reply' in answer) return `The person replied: ${answer.reply}`;
  if ('approve' in answer && !answer.approve && answer.note) return `The person replied: ${answer.note}`;
  return `The person answered: ${JSON.stringify(answer)}`;
}

/** The request made to a person before a risky call. */
export function approvalRequest(call: ToolCall, args: Record<string, unknown>, verdict: RiskVerdict, remember_as?: string): ApprovalRequest {
  return { kind: 'approval', call_id: call.id, tool: call.name, action: describeAction(call.name, args), verdict, ...(remember_as && { remember_as }) };
}

/** Kinds of action the person allowed for the rest of a run (one per run). */
export class RememberedKinds {
  readonly #allowed: ActionKind[] = [];

  /** The allowed kind that covers this one, if any. */
  covering(kind: ActionKind): ActionKind | undefined {
    return this.#allowed.find((allowed) => isCoveredBy(kind, allowed));
  }

  add(kind: ActionKind): void {
    this.#allowed.push(kind);
  }
}

/** What the approval gate and ask_human need. */
export interface HumanDeps {
  emit(event: AgentEvent): void;
  human?: HumanPort;
  assessRisk?(call: ToolCall, args: ToolArgs): Promise<RiskVerdict>;
  threshold: InterventionThreshold;
  /** "Ask before file changes": every call of a tool that changes files waits for a person, whatever its risk. */
  askFileChanges?: boolean;
  signal: AbortSignal;
  /** What the person allowed for the rest of the run. */
  remembered: RememberedKinds;
}

/** Before a sandbox call: rate it (every verdict is an event) and, at or above the threshold, wait for a person's decision. */
export async function gate(call: ToolCall, spec: ToolSpec, args: ToolArgs, deps: HumanDeps): Promise<Decision> {
  const late = deps.human?.takeLate?.({ kind: 'approval', call_id: call.id });
  if (late?.request.kind === 'approval') return resumeApproval(call, args, { request: late.request, answer: late.answer }, deps);
  if (!deps.assessRisk) return { approved: true, args };
  const verdict = await rate(call, args, deps);
  const held = deps.askFileChanges === true && deps.human !== undefined && spec.changesFiles;
  if (!held && !needsApproval(verdict, deps.threshold)) {
    deps.emit({ type: 'risk', call_id: call.id, verdict, decision: 'allowed' });
    return { approved: true, args };
  }
  const kind = await kindOf(call.name, args, verdict);
  const allowed = deps.remembered.covering(kind);
  if (allowed) {
    deps.emit({ type: 'risk', call_id: call.id, verdict, decision: 'remembered', kind: describeKind(allowed) });
    return { approved: true, args };
  }
  deps.emit({ type: 'risk', call_id: call.id, verdict, decision: 'asked' });
  return approve(call, { original: args, args, verdict, kind, request: approvalRequest(call, args, verdict, describeKind(kind)) }, deps);
}

/** An approval request the person answered after the page was reloaded (the call had not run). */
export interface LateApproval {
  request: ApprovalRequest;
  answer: HumanAnswer;
}

/**
 * Resume: the call waited for this approval when the page closed; go on from the person's late answer as if it
 * had come live (an edit is rated again, "allow for the rest of the run" is remembered). Asks nothing again
 * unless an edit is riskier. The request was rated and stored before the reload: it is not rated again.
 */
async function resumeApproval(call: ToolCall, args: Record<string, unknown>, late: LateApproval, deps: HumanDeps): Promise<Decision> {
  const { request, answer } = late;
  // a re-ask about the person's own riskier edit: that edit is what was shown and is what would run
  const shown = request.edited_from !== undefined && typeof args.command === 'string' ? { ...args, command: request.action } : args;
  const kind = await kindOf(call.name, shown, request.verdict);
  deps.emit({ type: 'human_response', call_id: call.id, answer });
  return approve(call, { original: args, args: shown, verdict: request.verdict, kind, request }, deps, answer);
}

/** Where an approval stands: the agent's arguments, what is asked about now, its rating and request. */
interface Asking {
  original: Record<string, unknown>;
  args: Record<string, unknown>;
  verdict: RiskVerdict;
  kind: ActionKind;
  request: ApprovalRequest;
}

/**
 * Ask the person (unless `given` already answers the first request); an edited command is rated again, and
 * asked about again when the edit is riskier.
 */
async function approve(call: ToolCall, asking: Asking, deps: HumanDeps, given?: HumanAnswer): Promise<Decision> {
  const { original } = asking;
  let { args, verdict, kind, request } = asking;
  for (;;) {
    const answer = given ?? (await askPerson(request, call.id, deps));
    given = undefined;
    const decision = decideApproval(answer, args);
    if (!decision.approved) return decision;
    if (decision.args === args) {
      if ('remember' in answer && answer.remember) remember(kind, deps);
      return args === original ? decision : decideApproval({ approve: true, command: args.command as string }, original);
    }
    // the person edited the command: rate what will really run
    const edited = await rate(call, decision.args, deps, true);
    const editedKind = await kindOf(call.name, decision.args, edited);
    deps.emit({ type: 'risk', call_id: call.id, verdict: edited, decision: 'asked', edited: true });
    if (rank(edited.level) <= rank(verdict.level) || !needsApproval(edited, deps.threshold)) {
      if ('remember' in answer && answer.remember) remember(editedKind, deps);
      return decision;
    }
    const warning = `Your edit is riskier than the agent's command (${edited.level}, it was ${verdict.level}). Approve again to run it.`;
    request = {
      ...approvalRequest(call, decision.args, { level: edited.level, reasons: [warning, ...edited.reasons] }, describeKind(editedKind)),
      edited_from: describeAction(call.name, args),
    };
    ({ args, verdict, kind } = { args: decision.args, verdict: edited, kind: editedKind });
  }
}

function remember(kind: ActionKind, deps: HumanDeps): void {
  deps.remembered.add(kind);
  deps.emit({ type: 'notice', message: `Allowed for the rest of this run without asking: ${describeKind(kind)}.` });
}

/** Rates the call with these arguments (the model's, or as the person edited them: then the call's text says so too). */
async function rate(call: ToolCall, args: ToolArgs, deps: HumanDeps, edited = false): Promise<RiskVerdict> {
  const rated = edited ? { ...call, arguments: JSON.stringify(args) } : call;
  return deps.assessRisk!(rated, args).catch((error: unknown): RiskVerdict => {
    if (deps.signal.aborted) throw error;
    // a broken check must not wave actions through: ask the person
    return { level: 'high', reasons: [`The risk check failed: ${error instanceof Error ? error.message : String(error)}`] };
  });
}

/** Ask and record the request and the answer; with no person, risky actions are denied. */
async function askPerson(request: HumanRequest, callId: string, deps: HumanDeps): Promise<HumanAnswer> {
  deps.emit({ type: 'human_request', request });
  const answer: HumanAnswer = deps.human
    ? await deps.human.ask(request, deps.signal)
    : { approve: false, note: 'No person is available to approve risky actions in this run.' };
  deps.emit({ type: 'human_response', call_id: callId, answer });
  return answer;
}

/** ask_human: the question goes to the person; the reply is the observation. */
export async function askQuestion(call: ToolCall, question: string, deps: HumanDeps): Promise<{ ok: boolean; observation: string }> {
  if (!deps.human) return { ok: false, observation: 'No person is available to answer. Decide on your own and go on.' };
  const late = deps.human.takeLate?.({ kind: 'question', call_id: call.id });
  if (late) {
    deps.emit({ type: 'human_response', call_id: call.id, answer: late.answer }); // its request was stored before the reload
    return { ok: true, observation: replyObservation(late.answer) };
  }
  const request: HumanRequest = { kind: 'question', call_id: call.id, question };
  const answer = await askPerson(request, call.id, deps);
  return { ok: true, observation: replyObservation(answer) };
}
