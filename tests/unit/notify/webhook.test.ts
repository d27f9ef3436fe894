/** The webhook sender against a real local HTTP server; the watcher over recorded events. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/core/events';
import { payloadOf, watchForPeople } from '../../../src/notify/watch';
import { sendWebhook, type WebhookPayload } from '../../../src/notify/webhook';
import { freePort } from '../agent/harness';

interface Received {
  method: string;
  contentType: string | undefined;
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A receiver that drops the first `drops` connections, then answers 204. */
async function receiver(drops = 0): Promise<{ url: string; received: Received[]; dropped: () => number }> {
  const received: Received[] = [];
  let dropped = 0;
  const server = createServer((req, res) => {
    if (dropped < drops) {
      dropped++;
      req.socket.destroy();
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', contentType: req.headers['content-type'], body });
      res.writeHead(204).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, dropped: () => dropped };
}

const payload: WebhookPayload = { event: 'awaiting_human', run_id: 'run_1', kind: 'approval', action: 'run_command: rm -rf ~/', risk: 'high', reasons: ['deletes ~/'], at: 5 };

describe('sendWebhook', () => {
  it('POSTs the payload as text/plain JSON', async () => {
    const hook = await receiver();
    const result = await sendWebhook(hook.url, payload);
    expect([result, hook.received]).toEqual([{ ok: true, attempts: 1 }, [{ method: 'POST', contentType: 'text/plain', body: JSON.stringify(payload) }]]);
  });

  it('retries a failed attempt', async () => {
    const hook = await receiver(2);
    const result = await sendWebhook(hook.url, payload, { backoffMs: 10 });
    expect([result, hook.dropped(), hook.received.length]).toEqual([{ ok: true, attempts: 3 }, 2, 1]);
  });

  it('gives up after a bounded number of attempts and says so, without throwing', async () => {
    const url = `http://127.0.0.1:${await freePort()}/hook`;
    const result = await sendWebhook(url, payload, { attempts: 2, backoffMs: 10 });
    expect(result.ok ? 'sent' : [result.attempts, result.error.startsWith(`The webhook ${url} could not be reached after 2 attempts: fetch failed`)]).toEqual([2, true]);
  });
});

describe('watchForPeople', () => {
  it('on a human_request: a notification when the page is not in view, and the webhook; a webhook failure is reported', async () => {
    let listener: (event: RunEvent) => void = () => {};
    const notes: string[][] = [];
    const sent: [string, WebhookPayload][] = [];
    const problems: string[] = [];
    const stop = watchForPeople(
      { onEvent: (l) => ((listener = l), () => (listener = () => {})) },
      {
        settings: () => ({ notify: true, webhookURL: 'https://hooks.example/x' }),
        inView: () => false,
        notify: (title, body, tag) => notes.push([title, body, tag]),
        sendWebhook: async (url, body) => (sent.push([url, body]), { ok: false, attempts: 3, error: 'unreachable' }),
        onProblem: (message) => problems.push(message),
      },
    );
    const request = { kind: 'approval' as const, call_id: 'c1', tool: 'run_command', action: 'rm -rf ~/', verdict: { level: 'high' as const, reasons: ['deletes ~/'] } };
    listener({ type: 'tool_call', call: { id: 'c1', name: 'run_command', arguments: '{}' }, run_id: 'run_1', seq: 1, at: 4 });
    listener({ type: 'human_request', request, run_id: 'run_1', seq: 2, at: 5 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    stop();
    expect({ notes, sent, problems }).toEqual({
      notes: [['Autopilot: approval needed (high risk)', 'run_command: rm -rf ~/', 'autopilot-run_1']],
      sent: [['https://hooks.example/x', payload]],
      problems: ['unreachable'],
    });
    expect(payloadOf('run_2', { kind: 'raise', limit: 'max_steps', message: 'Out of steps.' }, 9)).toEqual({
      event: 'awaiting_human',
      run_id: 'run_2',
      kind: 'raise',
      action: 'Out of steps.',
      at: 9,
    });
  });
});
