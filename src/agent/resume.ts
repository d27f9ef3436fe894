/** Resuming a run: the interrupted step's calls that had not run are answered before the next model request. */
import type { Conversation } from './messages';
import type { ToolCallRunner } from './tool-calls';
import type { PendingTurn } from './types';

/** An approved call runs now (once); the others get their fixed observation; then the note for the model. */
export async function finishPendingTurn(turn: PendingTurn, calls: ToolCallRunner, conversation: Conversation): Promise<void> {
  for (const pending of turn.calls) {
    if ('approval' in pending) await calls.run(pending.call, 'tool_calls', pending.approval);
    else conversation.messages.push({ role: 'tool', tool_call_id: pending.call.id, content: pending.observation });
  }
  if (turn.note) conversation.messages.push({ role: 'user', content: turn.note });
}
