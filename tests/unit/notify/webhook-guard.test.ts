/**
 * The webhook is rated as a channel out (rateOutbound) against a real SecretRegistry: the page's registered
 * secrets are scrubbed from its body, and a body that still carries a secret goes without its action.
 */
import { describe, expect, it } from 'vitest';
import { MODEL_API_KEY, SecretRegistry } from '../../../src/core/secrets';
import type { WebhookPayload } from '../../../src/notify/webhook';
import { guardWebhook, WITHHELD } from '../../../src/notify/webhook-guard';

const KEY = 'sk-page-key-0123456789abcdefghijklmn';
const URL = 'https://hooks.example.com/autopilot';
const registry = () => {
  const secrets = new SecretRegistry();
  secrets.set(MODEL_API_KEY, KEY);
  return secrets;
};
const approval = (action: string): WebhookPayload => ({
  event: 'awaiting_human', run_id: 'r1', kind: 'approval', action, risk: 'high', reasons: [`because ${action}`], at: 5,
});

describe('guardWebhook', () => {
  it('sends an ordinary request as it is', () => {
    const payload = approval('run_command: rm -rf dist');
    expect(guardWebhook(URL, payload, registry())).toEqual({ payload, withheld: [] });
  });

  it('scrubs the page\'s registered key from the body, which may then go', () => {
    expect(guardWebhook(URL, approval(`run_command: curl -H "Authorization: Bearer ${KEY}" x.io`), registry())).toEqual({
      payload: approval('run_command: curl -H "Authorization: Bearer [redacted]" x.io'),
      withheld: [],
    });
  });

  it('withholds the action and reasons when a secret the registry does not hold is still there', () => {
    const token = 'ghp_' + 'A'.repeat(36);
    const { payload, withheld } = guardWebhook(URL, approval(`run_command: echo GITHUB_TOKEN=${token}`), registry());
    expect(payload).toEqual({ event: 'awaiting_human', run_id: 'r1', kind: 'approval', action: WITHHELD, risk: 'high', at: 5 });
    expect(withheld).toEqual([
      'the webhook to hooks.example.com carries GitHub token in action',
      'the webhook to hooks.example.com carries the value of GITHUB_TOKEN in action',
      'the webhook to hooks.example.com carries GitHub token in reasons[0]',
      'the webhook to hooks.example.com carries the value of GITHUB_TOKEN in reasons[0]',
    ]);
  });
});
