/** The human in the loop: approval of risky actions (by threshold) and the ask_human tool. */
import type { AgentEvent, HumanRequest, RiskVerdict, ToolCall } from '../core/events';
import type { HumanAnswer, InterventionThreshold, RiskLevel } from '../core/run';

/** A person the loop can ask: approvals and questions. Rejects (or never answers) when the signal aborts. */
export interface HumanPort {
  ask(request: HumanRequest, signal: AbortSignal): Promise<HumanAnswer>;
}

const LEVELS: RiskLevel[] = ['none', 'low', 'medium', 'high'];

/** True when a verdict is at or above the threshold, so the action waits for a person. */
export function needsApproval(verdict: RiskVerdict, threshold: InterventionThreshold): boolean {
  if (threshold === 'never' || verdict.level === 'none') return false;
  return LEVELS.indexOf(verdict.level) >= LEVELS.indexOf(threshold);
}

/** One line saying what a call would do, for the person deciding. */
export function describeAction(name: string, args: Record<string, unknown>): string {
  if (typeof args.command === 'string') return args.command;
  if (typeof args.path === 'string') return `${name} ${args.path}`;
  return `${name} ${JSON.stringify(args)}`;
}

/** What the approval decided: go on (maybe with an edited command), or the observation of a denial. */
export type Decision = { approved: true; args: Record<string, unknown>; note?: string } | { approved: false; observation: string };

/** Turn a person's answer to an approval request into a decision. */
export function decideApproval(answer: HumanAnswer, args: Record<string, unknown>): Decision {
  if ('approve' in answer && answer.approve) {
    if (answer.command && typeof args.command === 'string' && answer.command !== args.command) {
      return { approved: true, args: { ...args, command: answer.command }, note: `The person approved an edited command: ${answer.command}` };
    }
    return { approved: true, args };
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

/** The observation of a person's reply to ask_human. */
export function replyObservation(answer: HumanAnswer): string {
  if ('reply' in answer) return `The person replied: ${answer.reply}`;
  if ('approve' in answer && !answer.approve && answer.note) return `The person replied: ${answer.note}`;
  return `The person answered: ${JSON.stringify(answer)}`;
}

/** The request made to a person before a risky call. */
export function approvalRequest(call: ToolCall, args: Record<string, unknown>, verdict: RiskVerdict): HumanRequest {
  return { kind: 'approval', call_id: call.id, tool: call.name, action: describeAction(call.name, args), verdict };
}

/** What the approval gate and ask_human need. */
export interface HumanDeps {
  emit(event: AgentEvent): void;
  human?: HumanPort;
  assessRisk?(call: ToolCall): Promise<RiskVerdict>;
  threshold: InterventionThreshold;
  signal: AbortSignal;
}

/** Before a sandbox call: assess its risk and, at or above the threshold, wait for a person's decision. */
export async function gate(call: ToolCall, args: Record<string, unknown>, deps: HumanDeps): Promise<Decision> {
  const { assessRisk, human, emit } = deps;
  if (!assessRisk || deps.threshold === 'never') return { approved: true, args };
  const verdict = await assessRisk(call).catch((error: unknown): RiskVerdict => {
    if (deps.signal.aborted) throw error;
    // a broken check must not wave actions through: ask the person
    return { level: 'high', reasons: [`The risk check failed: ${error instanceof Error ? error.message : String(error)}`] };
  });
  if (verdict.level !== 'none') emit({ type: 'risk', call_id: call.id, verdict });
  if (!needsApproval(verdict, deps.threshold)) return { approved: true, args };
  const request = approvalRequest(call, args, verdict);
  emit({ type: 'human_request', request });
  const answer: HumanAnswer = human
    ? await human.ask(request, deps.signal)
    : { approve: false, note: 'No person is available to approve risky actions in this run.' };
  emit({ type: 'human_response', call_id: call.id, answer });
  return decideApproval(answer, args);
}

/** ask_human: the question goes to the person; the reply is the observation. */
export async function askQuestion(call: ToolCall, question: string, deps: HumanDeps): Promise<{ ok: boolean; observation: string }> {
  if (!deps.human) return { ok: false, observation: 'No person is available to answer. Decide on your own and go on.' };
  const request: HumanRequest = { kind: 'question', call_id: call.id, question };
  deps.emit({ type: 'human_request', request });
  const answer = await deps.human.ask(request, deps.signal);
  deps.emit({ type: 'human_response', call_id: call.id, answer });
  return { ok: true, observation: replyObservation(answer) };
}
