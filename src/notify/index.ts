/** Someone is needed: browser notifications and the webhook, wired to the page's runs and settings. */
import { showNotification } from './browser';
import { watchForPeople, type EventSource } from './watch';
import type { SecretRegistry } from '../core/secrets';
import { sendWebhook } from './webhook';
import { guardWebhook } from './webhook-guard';

export { askNotificationPermission, notificationState, type NotificationState } from './browser';

/**
 * Watch every run of the page; the settings are read at each request, so changes apply at once. The webhook's
 * body is scrubbed of the page's `secrets` and rated first; what still carries a secret is withheld.
 */
export function notifyWhenNeeded(source: EventSource, settings: { notify: boolean; webhookURL: string }, secrets: SecretRegistry): () => void {
  return watchForPeople(source, {
    settings: () => ({ notify: settings.notify, webhookURL: settings.webhookURL }),
    inView: () => document.visibilityState === 'visible' && document.hasFocus(),
    notify: (title, body, tag) => void showNotification(title, body, tag),
    sendWebhook: (url, payload) => {
      const guarded = guardWebhook(url, payload, secrets);
      if (guarded.withheld.length > 0) console.warn(`Autopilot: the webhook was sent without the action, which carries a secret (${guarded.withheld.join('; ')}).`);
      return sendWebhook(url, guarded.payload);
    },
    onProblem: (message) => console.warn(`Autopilot: ${message}. The run goes on.`),
  });
}
