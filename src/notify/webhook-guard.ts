/**
 * The webhook is a channel out of the page: before a body leaves, the page's registered secrets are scrubbed
 * from it and it is rated like any outbound action (`rateOutbound`). A body that still carries a secret (a
 * key-shaped string, a value assigned to a key's name) is sent with its action and reasons withheld, and the
 * person is told why — whatever a planted instruction in the action asked for.
 */
import type { SecretRegistry } from '../core/secrets';
import { rateOutbound } from '../risk/channels';
import type { WebhookPayload } from './webhook';

/** What the webhook may send in place of an action that carries a secret. */
export const WITHHELD = '[withheld: it carries a secret]';

/** The body to send, and why parts were withheld (empty when nothing was). */
export function guardWebhook(url: string, payload: WebhookPayload, secrets: SecretRegistry): { payload: WebhookPayload; withheld: string[] } {
  const scrubbed = secrets.scrub(payload);
  const verdict = rateOutbound({ channel: 'webhook', name: url, payload: scrubbed }, secrets);
  if (verdict.level !== 'high') return { payload: scrubbed, withheld: [] };
  const { reasons: _reasons, ...rest } = scrubbed;
  return { payload: { ...rest, action: WITHHELD }, withheld: verdict.reasons };
}
