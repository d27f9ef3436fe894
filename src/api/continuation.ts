/**
 * Going on from a stored run: the conversation a resumed run continues with (the step that was under way
 * when the page closed, told honestly to the model), and the one a follow-up starts from. Pure functions.
 */
import type { AgentEvent, ChatMessage, ToolCall } from '../core';
import type { LateAnswer } from '../agent/human';
import { raiseOutcome } from '../agent/oversight';
import type { PendingCall, PendingTurn } from '../agent/types';
import type { Capabilities, WorkdirSnapshot } from '../sandbox/sandbox';
import type { PendingStep, ResumePoint } from '../store';
import type { DriverOutcome } from './types';

/** What a tool call that was running when the page closed is reported as. It is never run again. */
export const INTERRUPTED_CALL =
  'Interrupted: the page was closed or reloaded while this call was running, so its effect is unknown (it may have ' +
  'done part or all of its work, or nothing). It was not run again. Check its effect before relying on it.';

/** What a call of the interrupted turn that had not started yet is reported as. */
export const NOT_STARTED_CALL = 'Not run: the run was interrupted before this call started. Call it again if it is still needed.';

/** The note that tells the model what a resume lost. */
export function resumeNote(step: number): string {
  return (
    'The run was interrupted (the page was closed or reloaded) and is now resumed. ' +
    `The work dir was restored as it was after step ${step}: file changes made after that were lost. ` +
    'The shell state (current directory, exported variables) and every background process were lost too: ' +
    'start again what you need. Tool calls that were running when it stopped were not run again.'
  );
}

/** What the model is told when a restored work dir came without node_modules (stored work dirs leave it out). */
export const NODE_MODULES_NOT_KEPT =
  'node_modules is not kept in stored work dirs, so the restored work dir has none: if you need the ' +
  "project's dependencies, reinstall them (npm install).";

/**
 * The note for a work dir restored from the store that holds a package.json but no node_modules, when the
 * sandbox can run npm; undefined otherwise (nothing to reinstall, or no way to).
 */
export function restoredNote(snapshot: WorkdirSnapshot | undefined, capabilities: Capabilities): string | undefined {
  if (!snapshot || !capabilities.node) return undefined;
  const named = (path: string, name: string) => path === name || path.endsWith(`/${name}`);
  if (!snapshot.files.some((file) => named(file.path, 'package.json'))) return undefined;
  if (snapshot.dirs.some((dir) => dir.split('/').includes('node_modules'))) return undefined;
  return NODE_MODULES_NOT_KEPT;
}

export type { LateAnswer } from '../agent/human';

/** How a resumed run goes on: its conversation, the steps done, and events that close what was left open. */
export interface Continuation {
  messages: ChatMessage[];
  startStep: number;
  events: AgentEvent[];
  /** The call that waited for a person who answered late, and the calls after it: the loop answers these before the note. */
  pendingTurn?: PendingTurn;
}

/**
 * The conversation a resumed run continues with. Without a checkpoint there is none (start afresh). The
 * unfinished step, if the model had answered in it, keeps that answer; each of its calls gets its result,
 * "interrupted" (started, unknown effect) or "not run" (never started). A call that waited for a person who
 * answered late (an approval or a question) has not run: it and the calls after it go to the loop, which runs
 * it once, taking the late answer where it would have asked (the late answer goes to the loop with the job).
 * `restored` (see restoredNote) is added to the note.
 */
export function resumeFrom(point: ResumePoint, late?: LateAnswer, restored?: string): Continuation | undefined {
  const checkpoint = point.checkpoint;
  if (!checkpoint) return undefined;
  const messages = [...checkpoint.messages];
  const events: AgentEvent[] = [];
  const note = [resumeNote(checkpoint.step), ...(restored ? [restored] : [])].join('\n\n');
  const pending = point.pending;
  if (!pending?.assistant) {
    messages.push({ role: 'user', content: note });
    return { messages, startStep: checkpoint.step, events };
  }
  const calls = pending.assistant.tool_calls;
  messages.push(assistantMessage(pending.assistant.text, calls));
  const waited = calls.findIndex((call) => waitedOn(call, pending, late));
  for (const call of waited < 0 ? calls : calls.slice(0, waited)) {
    const observation = observationOf(call, pending);
    messages.push({ role: 'tool', tool_call_id: call.id, content: observation.text });
    if (observation.event) events.push(observation.event);
  }
  if (waited < 0) {
    messages.push({ role: 'user', content: note });
    return { messages, startStep: pending.step, events };
  }
  const rest = calls.slice(waited + 1).map((call): PendingCall => ({ call, observation: NOT_STARTED_CALL }));
  return { messages, startStep: pending.step, events, pendingTurn: { calls: [{ call: calls[waited] }, ...rest], note } };
}

/**
 * A late answer that ends the run instead of resuming it: a limit the person did not raise, or a stuck run they
 * did not let go on — by the loop's own rule (raiseOutcome), with the ending its request carries.
 */
export function lateEnding({ request, answer }: LateAnswer): DriverOutcome | undefined {
  if (request.kind !== 'raise') return undefined;
  const outcome = raiseOutcome(request, answer);
  if (!('end' in outcome) || outcome.end.ending.status !== 'failed') return undefined;
  const { reason, error } = outcome.end.ending;
  return { status: 'failed', reason, error };
}

/** The call a person was asked about (an approval or a question), still without a result (so it never ran). */
function waitedOn(call: ToolCall, pending: PendingStep, late?: LateAnswer): boolean {
  const request = late?.request;
  const asked = (request?.kind === 'approval' || request?.kind === 'question') && request.call_id === call.id;
  return asked && !pending.results.some((result) => result.call_id === call.id);
}

function observationOf(call: ToolCall, pending: PendingStep): { text: string; event?: AgentEvent } {
  const result = pending.results.find((stored) => stored.call_id === call.id);
  if (result) return { text: result.observation };
  if (pending.started.includes(call.id)) {
    return { text: INTERRUPTED_CALL, event: { type: 'tool_result', call_id: call.id, name: call.name, ok: false, observation: INTERRUPTED_CALL } };
  }
  return { text: NOT_STARTED_CALL };
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
 * the model API accepts it), then the new instructions. The loop compacts it if it is long. `restored` (see
 * restoredNote) says what the work dir, restored from the store, lacks.
 */
export function followUpMessages(parent: readonly ChatMessage[], instructions: string, restored?: string): ChatMessage[] {
  const messages = answerDangling(parent);
  const workdir = restored ? `the work dir is as the previous task left it, restored from the history. ${restored}` : 'the work dir is as the previous task left it';
  messages.push({ role: 'user', content: `Follow-up task (${workdir}):\n${instructions}` });
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
