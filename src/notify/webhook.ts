/**
 * The webhook: a POST with a small JSON body when a run waits for a person. It is sent `no-cors` as
 * `text/plain` so no CORS preflight is needed (most receivers answer none); the response is opaque, so only a
 * network failure can be seen, and it is retried a bounded number of times. A failure is a value: it never
 * stops a run.
 */

/** What the webhook receives. */
export interface WebhookPayload {
  event: 'awaiting_human';
  run_id: string;
  /** What the run waits for: approval, question or raise. */
  kind: string;
  /** The action to approve, the question, or the limit reached. */
  action: string;
  /** The action's risk level, for approvals. */
  risk?: string;
  reasons?: string[];
  /** When the run started waiting (ms since the epoch). */
  at: number;
}

/** How sending went. */
export type WebhookResult = { ok: true; attempts: number } | { ok: false; attempts: number; error: string };

/** Options of `sendWebhook`. */
export interface WebhookOptions {
  /** Attempts in all (default 3). */
  attempts?: number;
  /** Wait before the second attempt; doubled for each later one (default 1000 ms). */
  backoffMs?: number;
  /** Bound of each attempt (default 10 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/** POST the payload to the URL, retrying network failures; resolves (never rejects) with how it went. */
export async function sendWebhook(url: string, payload: WebhookPayload, options: WebhookOptions = {}): Promise<WebhookResult> {
  const { attempts = 3, backoffMs = 1_000, timeoutMs = 10_000, signal } = options;
  const doFetch = options.fetch ?? fetch;
  let error = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await wait(backoffMs * 2 ** (attempt - 2), signal);
    if (signal?.aborted) return { ok: false, attempts: attempt - 1, error: 'cancelled' };
    try {
      await doFetch(url, {
        method: 'POST',
        mode: 'no-cors',
        credentials: 'omit',
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify(payload),
        signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
      });
      return { ok: true, attempts: attempt };
    } catch (cause) {
      error = cause instanceof Error ? `${cause.message}${cause.cause instanceof Error ? ` (${cause.cause.message})` : ''}` : String(cause);
    }
  }
  return { ok: false, attempts, error: `The webhook ${url} could not be reached after ${attempts} attempts: ${error}` };
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
