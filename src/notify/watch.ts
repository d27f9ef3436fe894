/**
 * Someone is needed: when a run waits for a person, show a browser notification (when the page is not in
 * view) and POST to the webhook, as the settings say at that moment. Neither can stop or slow a run.
 */
import type { HumanRequest, RunEvent } from '../core/events';
import type { WebhookPayload, WebhookResult } from './webhook';

/** Where run events come from (the in-page API's `onEvent`). */
export interface EventSource {
  onEvent(listener: (event: RunEvent) => void): () => void;
}

/** What the watcher needs. */
export interface WatchDeps {
  /** The settings now: notifications on, and the webhook URL ('' for none). */
  settings(): { notify: boolean; webhookURL: string };
  /** Whether the person is looking at the page (no notification then). */
  inView(): boolean;
  notify(title: string, body: string, tag: string): void;
  sendWebhook(url: string, payload: WebhookPayload): Promise<WebhookResult>;
  /** Told when the webhook could not be reached. */
  onProblem(message: string): void;
}

/** Start watching; returns the function that stops it. */
export function watchForPeople(source: EventSource, deps: WatchDeps): () => void {
  return source.onEvent((event) => {
    if (event.type !== 'human_request') return;
    const payload = payloadOf(event.run_id, event.request, event.at);
    const { notify, webhookURL } = deps.settings();
    if (notify && !deps.inView()) deps.notify(titleOf(event.request), payload.action, `autopilot-${event.run_id}`);
    if (webhookURL) {
      void deps.sendWebhook(webhookURL, payload).then((result) => {
        if (!result.ok) deps.onProblem(result.error);
      });
    }
  });
}

/** The webhook's body for a request. */
export function payloadOf(runId: string, request: HumanRequest, at: number): WebhookPayload {
  const base = { event: 'awaiting_human' as const, run_id: runId, kind: request.kind, at };
  switch (request.kind) {
    case 'approval':
      return { ...base, action: `${request.tool}: ${request.action}`, risk: request.verdict.level, reasons: request.verdict.reasons };
    case 'question':
      return { ...base, action: `ask_human: ${request.question}` };
    case 'raise':
      return { ...base, action: request.message };
  }
}

function titleOf(request: HumanRequest): string {
  if (request.kind === 'approval') return `Autopilot: approval needed (${request.verdict.level} risk)`;
  if (request.kind === 'question') return 'Autopilot: the agent has a question';
  return request.limit === 'stuck' ? 'Autopilot: the agent seems stuck' : 'Autopilot: a run reached a limit';
}
