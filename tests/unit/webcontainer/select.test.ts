import { describe, expect, it } from 'vitest';
import { selectSandbox } from '../../../src/sandbox/select';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { createBooter } from '../../../src/sandbox/webcontainer/boot';
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
      'WebContainer is not available: WebContainer boot timed out after 0.03 s (StackBlitz unreachable?). A started ' +
      'boot cannot be retried on this page: reload it to try again. Using the lite sandbox instead.';
    expect(await selectSandbox({ mode: 'auto', bootTimeoutMs: 30, makeLite, bootWebContainer })).toEqual({ sandbox: lite, fallbackReason: reason });
    expect(await selectSandbox({ mode: 'auto', bootTimeoutMs: 30, makeLite, bootWebContainer })).toEqual({ sandbox: lite, fallbackReason: reason });
    expect(calls).toEqual([{ coep: 'credentialless', workdirName: 'project', forwardPreviewErrors: true }]);
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
