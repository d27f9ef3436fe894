/** Resuming a run: the interrupted step's calls that had not run are answered before the next model request. */
import type { Conversation } from './messages';
import type { ToolCallRunner } from './tool-calls';
import type { PendingTurn } from './types';

/**
 * The call that waited for a person runs now, once, through the loop's own gate or ask_human (which take the
 * late answer from the human port); the others get their fixed observation; then the note for the model.
 */
export async function finishPendingTurn(turn: PendingTurn, calls: ToolCallRunner, conversation: Conversation): Promise<void> {
  for (const pending of turn.calls) {
    if ('observation' in pending) conversation.messages.push({ role: 'tool', tool_call_id: pending.call.id, content: pending.observation });
    else await calls.run(pending.call, 'tool_calls', { resumed: true });
  }
  if (turn.note) conversation.messages.push({ role: 'user', content: turn.note });
}
