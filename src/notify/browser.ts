/** Browser notifications: permission is asked once, on the gesture that turns them on (Settings). */

/** What notifications can do here. */
export type NotificationState = 'unsupported' | 'default' | 'granted' | 'denied';

/** Whether this browser shows notifications, and whether this page may. */
export function notificationState(): NotificationState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Ask for permission (call from a click or change handler); resolves to the state after asking. */
export async function askNotificationPermission(): Promise<NotificationState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  return Notification.requestPermission();
}

/** Show a notification when allowed; clicking it brings the tab forward. Returns whether one was shown. */
export function showNotification(title: string, body: string, tag: string): boolean {
  if (notificationState() !== 'granted') return false;
  const note = new Notification(title, { body, tag });
  note.onclick = () => {
    window.focus();
    note.close();
  };
  return true;
}
