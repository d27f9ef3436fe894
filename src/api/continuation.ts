/**
 * Going on from a stored run: the conversation a resumed run continues with (the step that was under way
 * when the page closed, told honestly to the model), and the one a follow-up starts from. Pure functions.
 */
import type { AgentEvent, HumanAnswer, HumanRequest, ToolCall } from '../core';
import { decideApproval, replyObservation } from '../agent/human';
import type { ChatMessage } from '../agent/messages';
import type { PendingStep, ResumePoint } from '../store';

/** What a tool call that was running when the page closed is reported as. It is never run again. */
export const INTERRUPTED_CALL =
  'Interrupted: the page was closed or reloaded while this call was running, so its effect is unknown (it may have ' +
  'done part or all of its work, or nothing). It was not run again. Check its effect before relying on it.';

/** What a call of the interrupted turn that had not started yet is reported as. */
export const NOT_STARTED_CALL = 'Not run: the run was interrupted before this call started. Call it again if it is still needed.';

/** An approval given after a reload: the action had never run, so it is the model's to call again. */
export const APPROVED_AFTER_RELOAD =
  'The person approved this action after the page was reloaded, but it has not run: the run was interrupted while ' +
  'it waited. Call it again to run it.';

/** The note that tells the model what a resume lost. */
export function resumeNote(step: number): string {
  return (
    'The run was interrupted (the page was closed or reloaded) and is now resumed. ' +
    `The work dir was restored as it was after step ${step}: file changes made after that were lost. ` +
    'The shell state (current directory, exported variables) and every background process were lost too: ' +
    'start again what you need. Tool calls that were running when it stopped were not run again.'
  );
}

/** A person's answer to the request a run waited on when the page closed. */
export interface LateAnswer {
  request: HumanRequest;
  answer: HumanAnswer;
}

/** How a resumed run goes on: its conversation, the steps done, and events that close what was left open. */
export interface Continuation {
  messages: ChatMessage[];
  startStep: number;
  events: AgentEvent[];
}

/**
 * The conversation a resumed run continues with. Without a checkpoint there is none (start afresh). The
 * unfinished step, if the model had answered in it, keeps that answer; each of its calls gets its result, the
 * person's late answer, "interrupted" (started, unknown effect) or "not run" (never started).
 */
export function resumeFrom(point: ResumePoint, late?: LateAnswer): Continuation | undefined {
  const checkpoint = point.checkpoint;
  if (!checkpoint) return undefined;
  const messages = [...(checkpoint.messages as ChatMessage[])];
  const events: AgentEvent[] = [];
  const pending = point.pending;
  if (!pending?.assistant) {
    messages.push({ role: 'user', content: resumeNote(checkpoint.step) });
    return { messages, startStep: checkpoint.step, events };
  }
  messages.push(assistantMessage(pending.assistant.text, pending.assistant.tool_calls));
  for (const call of pending.assistant.tool_calls) {
    const observation = observationOf(call, pending, late);
    messages.push({ role: 'tool', tool_call_id: call.id, content: observation.text });
    if (observation.event) events.push(observation.event);
  }
  messages.push({ role: 'user', content: resumeNote(checkpoint.step) });
  return { messages, startStep: pending.step, events };
}

function observationOf(call: ToolCall, pending: PendingStep, late?: LateAnswer): { text: string; event?: AgentEvent } {
  const result = pending.results.find((stored) => stored.call_id === call.id);
  if (result) return { text: result.observation };
  const answered = late && 'call_id' in late.request && late.request.call_id === call.id ? late : undefined;
  if (answered) {
    const text = lateObservation(answered);
    return { text, event: { type: 'human_response', call_id: call.id, answer: answered.answer } };
  }
  if (pending.started.includes(call.id)) {
    return { text: INTERRUPTED_CALL, event: { type: 'tool_result', call_id: call.id, name: call.name, ok: false, observation: INTERRUPTED_CALL } };
  }
  return { text: NOT_STARTED_CALL };
}

function lateObservation({ request, answer }: LateAnswer): string {
  if (request.kind === 'question') return replyObservation(answer);
  if ('approve' in answer && answer.approve) return APPROVED_AFTER_RELOAD;
  const decision = decideApproval(answer, {});
  return decision.approved ? APPROVED_AFTER_RELOAD : decision.observation;
}

function assistantMessage(text: string, calls: ToolCall[]): ChatMessage {
  return {
    role: 'assistant',
    content: text || (calls.length > 0 ? null : ''),
    ...(calls.length > 0 && {
      tool_calls: calls.map((call) => ({ id: call.id, type: 'function' as const, function: { name: call.name, arguments: call.arguments } })),
    }),
  };
}

/**
 * The conversation a follow-up starts from: the earlier run's (calls left without a result are answered, so
 * the model API accepts it), then the new instructions. The loop compacts it if it is long.
 */
export function followUpMessages(parent: readonly unknown[], instructions: string): ChatMessage[] {
  const messages = answerDangling(parent as ChatMessage[]);
  messages.push({
    role: 'user',
    content: `Follow-up task (the work dir is as the previous task left it):\n${instructions}`,
  });
  return messages;
}

/** Every tool call of an assistant message gets a tool message: the model API refuses a conversation without. */
export function answerDangling(messages: readonly ChatMessage[]): ChatMessage[] {
  const answered = new Set(messages.flatMap((message) => (message.role === 'tool' ? [message.tool_call_id] : [])));
  const out: ChatMessage[] = [];
  for (const message of messages) {
    out.push(message);
    if (message.role !== 'assistant' || !message.tool_calls) continue;
    // the tool messages that follow an assistant message may come in any order: the missing ones go first
    const missing = message.tool_calls.filter((call) => !answered.has(call.id));
    for (const call of missing) out.push({ role: 'tool', tool_call_id: call.id, content: NOT_STARTED_CALL });
  }
  return out;
}
