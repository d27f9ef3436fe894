/**
 * Tabs of this page tell each other that a person's request was answered, so every other tab closes its
 * dialog at once instead of leaving a stale modal over the page (the answer itself goes through the API).
 */

const CHANNEL = 'autopilot-human-answers';

/** "The request of this run (and this call, when it has one) was answered." */
export interface AnsweredMessage {
  type: 'answered';
  run_id: string;
  call_id?: string;
}

/** Announces answers to other tabs and hears theirs. Without BroadcastChannel it does nothing. */
export interface AnswerChannel {
  announce(runId: string, callId?: string): void;
  /** Calls `listener` for each answer another tab announces; returns the unsubscribe. */
  listen(listener: (message: AnsweredMessage) => void): () => void;
  close(): void;
}

/** A channel over `BroadcastChannel` (same origin, every tab of this browser profile). */
export function answerChannel(): AnswerChannel {
  if (typeof BroadcastChannel === 'undefined') return { announce: () => {}, listen: () => () => {}, close: () => {} };
  const channel = new BroadcastChannel(CHANNEL);
  return {
    announce(runId, callId) {
      const message: AnsweredMessage = { type: 'answered', run_id: runId, ...(callId !== undefined && { call_id: callId }) };
      channel.postMessage(message);
    },
    listen(listener) {
      const onMessage = (event: MessageEvent) => {
        if (isAnswered(event.data)) listener(event.data);
      };
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
    close: () => channel.close(),
  };
}

/** Checked at runtime: anything on the channel could have been posted by another build of the page. */
function isAnswered(data: unknown): data is AnsweredMessage {
  const message = data as Partial<AnsweredMessage> | null;
  return (
    typeof message === 'object' &&
    message !== null &&
    message.type === 'answered' &&
    typeof message.run_id === 'string' &&
    (message.call_id === undefined || typeof message.call_id === 'string')
  );
}

/** True when an announced answer settles this request (a request without a call id is settled by any answer). */
export function settles(message: AnsweredMessage, runId: string | undefined, request: object | undefined): boolean {
  if (!request || message.run_id !== runId) return false;
  const callId = 'call_id' in request ? request.call_id : undefined;
  return message.call_id === undefined || callId === undefined || message.call_id === callId;
}
