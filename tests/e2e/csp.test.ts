/**
 * The page's Content-Security-Policy: sent as a header by `vite preview` and as a meta tag in the built page;
 * the app works under it (workers, lazy chunks, xterm styles, the model at 127.0.0.1), and neither an inline
 * script nor markup in the model's text runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../vite.config';
import { plain, runStatus, startHarness, terminalStream, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const HOSTILE = [
  'Done. <script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'onerror\'">',
  '<img src="https://example.com/tracker.png" alt="tracker">',
  '[click](javascript:window.__pwned="link")',
].join('\n\n');

describe('the Content-Security-Policy', () => {
  it('is sent as a header and a meta tag; the app runs under it and injected scripts do not', async () => {
    const response = await fetch(`${harness.preview.url}/`);
    const html = await response.text();
    const policy = contentSecurityPolicy('build');

    const server = await harness.model([
      { tool_calls: [{ name: 'run_command', arguments: { command: 'echo csp-ok' } }] },
      { content: HOSTILE },
    ]);
    const page = await harness.open(server);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    // load again with the listener in place: a policy the browser cannot parse is reported while loading
    await page.reload({ timeout: 15_000 });
    await page.waitForFunction(() => Boolean(window.autopilot?.agents), undefined, { timeout: 10_000 });
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Say done');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), { timeout: 15_000 }).toContain('completed');

    const appViolations = [...violations]; // what the app itself did under the policy: nothing refused
    // an inline script added to the page is refused by the policy
    const inline = await page.evaluate(
      () =>
        new Promise<{ ran: boolean; blocked: string }>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) => resolve({ ran: '__inline' in window, blocked: event.violatedDirective }), { once: true });
          const script = document.createElement('script');
          script.textContent = 'window.__inline = true';
          document.head.append(script);
          setTimeout(() => resolve({ ran: '__inline' in window, blocked: 'none' }), 2_000);
        }),
    );
    const state = await page.evaluate(() => ({
      pwned: (window as { __pwned?: string }).__pwned ?? null,
      remoteImages: [...document.images].filter((img) => img.src.startsWith('https://')).map((img) => img.complete && img.naturalWidth > 0),
      xtermStyled: getComputedStyle(document.querySelector('.xterm')!).position,
    }));
    expect({
      header: response.headers.get('content-security-policy'),
      meta: html.includes(`<meta http-equiv="Content-Security-Policy" content="${policy.replaceAll("'", '&#39;')}">`),
      isolation: [response.headers.get('cross-origin-opener-policy'), response.headers.get('cross-origin-embedder-policy')],
      terminal: plain(await terminalStream(page)).includes('$ echo csp-ok\ncsp-ok\n'),
      inline,
      state,
      appViolations,
    }).toEqual({
      header: policy,
      meta: true,
      isolation: ['same-origin', 'credentialless'],
      terminal: true,
      inline: { ran: false, blocked: 'script-src-elem' },
      state: { pwned: null, remoteImages: [], xtermStyled: 'relative' },
      appViolations: [],
    });
    await page.close();
  });
});
