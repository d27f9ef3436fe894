/** Someone is needed: browser notifications and the webhook, wired to the page's runs and settings. */
import { showNotification } from './browser';
import { watchForPeople, type EventSource } from './watch';
import { sendWebhook } from './webhook';

export { askNotificationPermission, notificationState, type NotificationState } from './browser';

/** Watch every run of the page; the settings are read at each request, so changes apply at once. */
export function notifyWhenNeeded(source: EventSource, settings: { notify: boolean; webhookURL: string }): () => void {
  return watchForPeople(source, {
    settings: () => ({ notify: settings.notify, webhookURL: settings.webhookURL }),
    inView: () => document.visibilityState === 'visible' && document.hasFocus(),
    notify: (title, body, tag) => void showNotification(title, body, tag),
    sendWebhook: (url, payload) => sendWebhook(url, payload),
    onProblem: (message) => console.warn(`Autopilot: ${message}. The run goes on.`),
  });
}
