import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { selectSandbox } from '../../../src/sandbox/select';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { createBooter, explainBootFailure } from '../../../src/sandbox/webcontainer/boot';
import { fetchProbe, type ProbeVerdict, type ReachabilityProbe } from '../../../src/sandbox/webcontainer/probe';
import type { WcBoot, WcBootOptions } from '../../../src/sandbox/webcontainer/port';
import { createWebContainerStarter } from '../../../src/sandbox/webcontainer/starter';
import { FakeWebContainer } from './fake-container';

const lite = { kind: 'lite' } as Sandbox;
const makeLite = async () => lite;
const isolated = () => ({ crossOriginIsolated: true, onLine: true });

/** A boot that never settles, as with StackBlitz unreachable; counts its calls. */
function hangingBoot() {
  const calls: WcBootOptions[] = [];
  const boot: WcBoot = (options) => {
    calls.push(options);
    return new Promise(() => {});
  };
  return { boot, calls };
}

describe('selectSandbox', () => {
  it('uses lite when asked, without touching WebContainer', async () => {
    const { boot, calls } = hangingBoot();
    const bootWebContainer = createWebContainerStarter(boot, {}, { env: isolated });
    expect(await selectSandbox({ mode: 'lite', makeLite, bootWebContainer })).toEqual({ sandbox: lite });
    expect(calls).toEqual([]);
  });

  it('falls back at once, without booting, when the page is not cross-origin isolated', async () => {
    const { boot, calls } = hangingBoot();
    const env = () => ({ crossOriginIsolated: false, onLine: true });
    const selected = await selectSandbox({ mode: 'auto', makeLite, bootWebContainer: createWebContainerStarter(boot, {}, { env }) });
    expect(selected).toEqual({
      sandbox: lite,
      fallbackReason:
        'WebContainer is not available: WebContainer needs a cross-origin isolated page, and this one is not ' +
        '(not cross-origin isolated): serve it with the COOP/COEP headers described in docs/deploy.md. Using the lite sandbox instead.',
    });
    expect(calls).toEqual([]);
  });

  it('falls back at once when the browser is offline, and says so in webcontainer mode', async () => {
    const { boot, calls } = hangingBoot();
    const env = () => ({ crossOriginIsolated: true, onLine: false });
    const selected = await selectSandbox({ mode: 'webcontainer', makeLite, bootWebContainer: createWebContainerStarter(boot, {}, { env }) });
    expect(selected).toEqual({
      sandbox: lite,
      fallbackReason:
        'The WebContainer sandbox was requested but could not start: WebContainer cannot boot offline: the browser ' +
        'reports no network connection (offline). Using the lite sandbox instead.',
    });
    expect(calls).toEqual([]);
  });

  it('gives up on a boot that never settles after the timeout, boots only once, and says a reload is needed', async () => {
    const { boot, calls } = hangingBoot();
    const bootWebContainer = createWebContainerStarter(boot, { coep: 'credentialless' }, { env: isolated });
    const reason =
      'WebContainer is not available: WebContainer boot timed out after 0.03 s (StackBlitz unreachable, a cold cache on a ' +
      'slow connection, or third-party cookies blocked). See docs/webcontainer.md (Troubleshooting). A started ' +
      'boot cannot be retried on this page: reload it to try again. Using the lite sandbox instead.';
    expect(await selectSandbox({ mode: 'auto', bootTimeoutMs: 30, makeLite, bootWebContainer })).toEqual({ sandbox: lite, fallbackReason: reason });
    expect(await selectSandbox({ mode: 'auto', bootTimeoutMs: 30, makeLite, bootWebContainer })).toEqual({ sandbox: lite, fallbackReason: reason });
    expect(calls).toEqual([{ coep: 'credentialless', workdirName: 'project', forwardPreviewErrors: 'exceptions-only' }]);
  });

  it('reports a boot that fails', async () => {
    const boot: WcBoot = async () => {
      throw new Error('Unable to create more instances');
    };
    const selected = await selectSandbox({ mode: 'auto', makeLite, bootWebContainer: createWebContainerStarter(boot, {}, { env: isolated }) });
    expect(selected.fallbackReason).toEqual(
      'WebContainer is not available: WebContainer failed to boot: Unable to create more instances. A started boot ' +
        'cannot be retried on this page: reload it to try again. Using the lite sandbox instead.',
    );
  });

  it('uses the WebContainer sandbox when it boots', async () => {
    const container = await new FakeWebContainer().init();
    const boot: WcBoot = async () => container;
    const selected = await selectSandbox({ mode: 'auto', makeLite, bootWebContainer: createWebContainerStarter(boot, {}, { env: isolated }) });
    expect({ kind: selected.sandbox.kind, fallbackReason: selected.fallbackReason }).toEqual({ kind: 'webcontainer', fallbackReason: undefined });
    expect((await selected.sandbox.exec('echo up')).output).toEqual('up\n');
    await selected.sandbox.dispose();
  });

  it('says when this build has no WebContainer', async () => {
    expect(await selectSandbox({ mode: 'webcontainer', makeLite })).toEqual({
      sandbox: lite,
      fallbackReason: 'The WebContainer sandbox was requested but could not start: this build has no WebContainer support. Using the lite sandbox instead.',
    });
  });
});

describe('createBooter', () => {
  it('applies the API key before the boot, and refuses to boot when it cannot', async () => {
    const order: string[] = [];
    const container = await new FakeWebContainer().init();
    const booter = createBooter(
      async () => {
        order.push('boot');
        return container;
      },
      { env: isolated, configureKey: (key) => void order.push(`key ${key}`) },
    );
    expect((await booter({ apiKey: ' wc_api_123 ' })).ok).toEqual(true);
    expect(order).toEqual(['key wc_api_123', 'boot']);
    const refused = createBooter(async () => container, { env: isolated, configureKey: () => 'too late: reload the page' });
    expect(await refused({ apiKey: 'k' })).toEqual({ ok: false, reason: 'too late: reload the page', retryable: false });
  });
});

const UNREACHABLE =
  'StackBlitz unreachable (offline?): https://stackblitz.com/headless did not answer (fetch failed). Reload the page to try again once it is reachable.';

const REACHABLE: ProbeVerdict = { kind: 'reachable' };

/** A probe answering from a list of verdicts in turn, recording that it got a live signal. */
function scriptedProbe(verdicts: ProbeVerdict[]) {
  const signals: boolean[] = [];
  const probe: ReachabilityProbe = async (signal) => {
    signals.push(signal.aborted);
    return verdicts.shift()!;
  };
  return { probe, signals };
}

describe('the reachability probe before boot()', () => {
  it('tells a refused API key and blocked storage apart from other failures, with what to do', () => {
    expect(explainBootFailure('Unauthorized: invalid API key')).toEqual(
      'WebContainer refused to boot (Unauthorized: invalid API key): the WebContainer API key was not accepted for this ' +
        'origin. Check the key under Settings → Advanced and the origins it allows. See docs/webcontainer.md (Troubleshooting).',
    );
    expect(explainBootFailure("SecurityError: Failed to read the 'localStorage' property")).toEqual(
      "WebContainer failed to boot (SecurityError: Failed to read the 'localStorage' property): the browser blocked the " +
        "storage or cookies StackBlitz's frame needs (third-party cookies blocked, Brave shields, Safari, Firefox strict " +
        'mode). Allow them for this page. See docs/webcontainer.md (Troubleshooting).',
    );
    expect(explainBootFailure('Unable to create more instances')).toEqual('WebContainer failed to boot: Unable to create more instances.');
  });

  it('falls back at once without calling boot() when StackBlitz is unreachable, and checks again next time', async () => {
    const { boot, calls } = hangingBoot();
    const { probe, signals } = scriptedProbe([{ kind: 'unreachable', reason: UNREACHABLE }, REACHABLE]);
    const bootWebContainer = createWebContainerStarter(boot, {}, { env: isolated, probe });
    expect(await selectSandbox({ mode: 'auto', makeLite, bootWebContainer })).toEqual({
      sandbox: lite,
      fallbackReason: `WebContainer is not available: ${UNREACHABLE} Using the lite sandbox instead.`,
    });
    expect(calls).toEqual([]);
    const second = await selectSandbox({ mode: 'auto', bootTimeoutMs: 30, makeLite, bootWebContainer });
    expect(second.fallbackReason).toEqual(
      'WebContainer is not available: WebContainer did not finish booting in 0.03 s although StackBlitz answered: a cold ' +
        "cache on a slow connection, or the browser blocking StackBlitz's frame (third-party cookies or storage, an " +
        'extension). See docs/webcontainer.md (Troubleshooting). A started boot cannot be retried on this page: reload ' +
        'it to try again. Using the lite sandbox instead.',
    );
    expect(calls).toEqual([{ coep: 'credentialless', workdirName: 'project', forwardPreviewErrors: 'exceptions-only' }]);
    expect(signals).toEqual([false, false]);
  });

  it('gives up on a probe that never answers after its bound, without calling boot()', async () => {
    const { boot, calls } = hangingBoot();
    const probe: ReachabilityProbe = () => new Promise(() => {});
    const booter = createBooter(boot, { env: isolated, probe, probeTimeoutMs: 30 });
    expect(await booter({ timeoutMs: 60_000 })).toEqual({
      ok: false,
      reason: 'StackBlitz unreachable (offline?): https://stackblitz.com/headless did not answer (no answer in time). Reload the page to try again once it is reachable.',
      retryable: true,
    });
    expect(calls).toEqual([]);
  });

  it('boots anyway when the probe could not tell (answers blocked under require-corp), and says so if the boot hangs', async () => {
    const { boot, calls } = hangingBoot();
    const seen: string[] = [];
    const probe: ReachabilityProbe = async (_signal, page) => (seen.push(page.coep), { kind: 'inconclusive', why: 'every check failed (x)' });
    const booter = createBooter(boot, { env: isolated, probe });
    expect(await booter({ coep: 'require-corp', timeoutMs: 30 })).toEqual({
      ok: false,
      reason:
        'WebContainer did not finish booting in 0.03 s, and the check before it could not tell whether StackBlitz answers: ' +
        'every check failed (x). Either StackBlitz is unreachable (offline, a proxy or firewall), or it answered and the ' +
        'boot hung on a cold cache or a blocked frame (third-party cookies or storage). See docs/webcontainer.md ' +
        '(Troubleshooting). A started boot cannot be retried on this page: reload it to try again.',
      retryable: false,
    });
    expect(seen).toEqual(['require-corp']);
    expect(calls).toEqual([{ coep: 'require-corp', workdirName: 'project', forwardPreviewErrors: 'exceptions-only' }]);
  });

  it('boots once the probe has found StackBlitz, applying the key after the probe', async () => {
    const order: string[] = [];
    const container = await new FakeWebContainer().init();
    const booter = createBooter(
      async () => {
        order.push('boot');
        return container;
      },
      {
        env: isolated,
        probe: async () => (order.push('probe'), REACHABLE),
        configureKey: (key) => void order.push(`key ${key}`),
      },
    );
    expect((await booter({ apiKey: 'k' })).ok).toEqual(true);
    expect((await booter({ apiKey: 'k' })).ok).toEqual(true);
    expect(order).toEqual(['probe', 'key k', 'boot']);
  });

  it('cancelling during the probe does not boot', async () => {
    const { boot, calls } = hangingBoot();
    const booter = createBooter(boot, { env: isolated, probe: () => new Promise(() => {}) });
    const cancel = new AbortController();
    const outcome = booter({ signal: cancel.signal });
    cancel.abort();
    expect(await outcome).toEqual({ ok: false, reason: 'WebContainer boot was cancelled.', retryable: true });
    expect(calls).toEqual([]);
  });
});

/** Options of the stand-in page's fetch: how the browser blocks a `no-cors` answer. */
interface Blocking {
  /** Opaque Response Blocking: a network error (what ORB specifies) or an empty answer (what CORB did); off: none. */
  orb?: 'error' | 'empty';
  /** The page's COEP: `require-corp` turns an answer without `Cross-Origin-Resource-Policy` into a network error. */
  coep: 'require-corp' | 'credentialless';
}

/**
 * The page's `fetch` as a browser runs a `no-cors` request, over Node's real one: ORB blocks an answer that is
 * not ok or not an image (an HTML page does not parse as script); COEP require-corp blocks one without CORP.
 */
function browserFetch(blocking: Blocking): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const corp = response.headers.get('cross-origin-resource-policy');
    if (blocking.coep === 'require-corp' && corp !== 'cross-origin') throw new TypeError('Failed to fetch (blocked: CORP)');
    const image = (response.headers.get('content-type') ?? '').startsWith('image/');
    if (blocking.orb && (!response.ok || !image)) {
      if (blocking.orb === 'error') throw new TypeError('NetworkError when attempting to fetch resource.');
      return new Response(null);
    }
    return response;
  };
}

describe('fetchProbe', () => {
  /** StackBlitz's stand-in: `/headless` (HTML) and `/favicon.ico` (an icon), each with CORP or not. */
  async function stackblitz(corp: { page: boolean; icon: boolean }) {
    const server = createServer((req, res) => {
      const icon = req.url === '/favicon.ico';
      if ((icon && corp.icon) || (!icon && corp.page)) res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      res.setHeader('Content-Type', icon ? 'image/x-icon' : 'text/html');
      res.end(icon ? Buffer.from([0, 0, 1, 0, 1, 0]) : '<!doctype html><title>headless</title>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { server, urls: [`${origin}/headless`, `${origin}/favicon.ico`] };
  }

  async function verdicts(corp: { page: boolean; icon: boolean }, cases: Blocking[], urls?: (all: string[]) => string[]) {
    const { server, urls: all } = await stackblitz(corp);
    try {
      const seen: ProbeVerdict[] = [];
      for (const blocking of cases) {
        const probe = fetchProbe(urls ? urls(all) : all, { fetch: browserFetch(blocking) });
        seen.push(await probe(AbortSignal.timeout(5000), { coep: blocking.coep }));
      }
      return { seen, page: all[0] };
    } finally {
      server.close();
    }
  }

  it('says reachable when the page answers, whatever the status', async () => {
    const server = createServer((_req, res) => {
      res.statusCode = 403;
      res.end('no');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/headless`;
      expect(await fetchProbe([url])(AbortSignal.timeout(5000), { coep: 'credentialless' })).toEqual(REACHABLE);
    } finally {
      server.close();
    }
  });

  it('finds StackBlitz under opaque-response blocking, whether ORB errors or answers empty (the image gets through)', async () => {
    const { seen } = await verdicts({ page: false, icon: false }, [
      { coep: 'credentialless', orb: 'error' },
      { coep: 'credentialless', orb: 'empty' },
      { coep: 'credentialless' },
    ]);
    expect(seen).toEqual([REACHABLE, REACHABLE, REACHABLE]);
  });

  it('the HTML page alone reads as unreachable where ORB errors: why the image is asked too', async () => {
    const { seen, page } = await verdicts({ page: false, icon: false }, [{ coep: 'credentialless', orb: 'error' }], (all) => [all[0]]);
    expect(seen).toEqual([
      { kind: 'unreachable', reason: `StackBlitz unreachable (offline?): ${page} did not answer (NetworkError when attempting to fetch resource.). Reload the page to try again once it is reachable.` },
    ]);
  });

  it('under COEP require-corp: reachable when an answer carries CORP, "could not tell" when none does', async () => {
    const withCorp = await verdicts({ page: true, icon: false }, [{ coep: 'require-corp' }, { coep: 'require-corp', orb: 'empty' }]);
    expect(withCorp.seen).toEqual([REACHABLE, REACHABLE]);
    const why =
      'every check of StackBlitz failed (MESSAGES), which on this page (COEP require-corp) may be the browser blocking ' +
      'answers that did come (a missing Cross-Origin-Resource-Policy, or opaque-response blocking)';
    const withoutCorp = await verdicts({ page: false, icon: false }, [{ coep: 'require-corp' }]);
    expect(withoutCorp.seen).toEqual([{ kind: 'inconclusive', why: why.replace('MESSAGES', 'Failed to fetch (blocked: CORP)') }]);
    const orbAndCorp = await verdicts({ page: true, icon: false }, [{ coep: 'require-corp', orb: 'error' }]);
    expect(orbAndCorp.seen).toEqual([
      { kind: 'inconclusive', why: why.replace('MESSAGES', 'NetworkError when attempting to fetch resource.; Failed to fetch (blocked: CORP)') },
    ]);
  });

  it('says unreachable when nothing listens (could not tell under require-corp), and when nothing answers in time', async () => {
    const { server, urls } = await stackblitz({ page: true, icon: true });
    await new Promise((resolve) => server.close(resolve));
    const silent = createServer(() => {}); // holds every request
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/headless`;
    try {
      expect(await fetchProbe(urls)(AbortSignal.timeout(5000), { coep: 'credentialless' })).toEqual({
        kind: 'unreachable',
        reason: `StackBlitz unreachable (offline?): ${urls[0]} did not answer (fetch failed). Reload the page to try again once it is reachable.`,
      });
      expect(await fetchProbe(urls)(AbortSignal.timeout(5000), { coep: 'require-corp' })).toEqual({
        kind: 'inconclusive',
        why:
          'every check of StackBlitz failed (fetch failed), which on this page (COEP require-corp) may be the browser ' +
          'blocking answers that did come (a missing Cross-Origin-Resource-Policy, or opaque-response blocking)',
      });
      for (const coep of ['credentialless', 'require-corp'] as const) {
        expect(await fetchProbe([silentUrl])(AbortSignal.timeout(50), { coep })).toEqual({
          kind: 'unreachable',
          reason: `StackBlitz unreachable (offline?): ${silentUrl} did not answer (no answer in time). Reload the page to try again once it is reachable.`,
        });
      }
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});
