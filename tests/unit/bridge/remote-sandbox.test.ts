/**
 * The sandbox across the thread boundary: the page's end (createSandboxHost) exposed on one end of a real
 * MessageChannel, the agent worker's end (RemoteSandbox) on the other, as in the browser minus the thread.
 * The agent's part of the Sandbox contract runs on the RemoteSandbox (events included), and a preview error
 * reported on the page reaches a process watch in the "worker".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessWatch } from '../../../src/agent/process-watch';
import { RemoteSandbox } from '../../../src/bridge/remote-sandbox';
import { expose, wrap } from '../../../src/bridge/rpc';
import { sandboxInfo } from '../../../src/bridge/sandbox-calls';
import { createSandboxHost, type SandboxHost } from '../../../src/bridge/sandbox-host';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import type { Sandbox, SandboxEvent } from '../../../src/sandbox/sandbox';
import { describeAgentSandboxContract, waitFor } from '../sandbox/contract';

/** `page` lent across a MessageChannel; `dispose` ends the remote, the host, the channel and `page`. */
function across(page: Sandbox, options: ConstructorParameters<typeof RemoteSandbox>[2] = {}) {
  const { port1, port2 } = new MessageChannel();
  const host = createSandboxHost(page);
  expose(host, port1 as never);
  const remote = new RemoteSandbox(wrap<SandboxHost>(port2 as never), sandboxInfo(page), options);
  const release = remote.dispose.bind(remote);
  const dispose = async () => {
    await release();
    host.release();
    port1.close();
    port2.close();
    await page.dispose();
  };
  return { remote, host, dispose };
}

describeAgentSandboxContract('lite across a MessageChannel', async () => {
  const { remote, dispose } = across(new LiteSandbox());
  return Object.assign(remote, { dispose });
});

/** A lite sandbox that can be made to report an event, as WebContainer reports a preview's errors. */
class ReportingSandbox extends LiteSandbox {
  readonly #listeners = new Set<(event: SandboxEvent) => void>();
  override on(listener: (event: SandboxEvent) => void): () => void {
    const off = super.on(listener);
    this.#listeners.add(listener);
    return () => {
      off();
      this.#listeners.delete(listener);
    };
  }
  report(event: SandboxEvent): void {
    this.#listeners.forEach((listener) => listener(event));
  }
  get listening(): number {
    return this.#listeners.size;
  }
}

describe('events across the boundary', () => {
  const ends: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(ends.splice(0).map((end) => end()));
  });

  it('brings a preview error reported on the page to the process watch in the worker', async () => {
    const page = new ReportingSandbox();
    const { remote, dispose } = across(page);
    ends.push(dispose);
    const watch = createProcessWatch(remote);
    await remote.listProcesses(); // the subscription is in place once a later call has been answered
    page.report({ type: 'preview-error', port: 5173, message: 'Uncaught TypeError: x is undefined (at /src/main.js)' });
    const report = await waitFor(async () => (await watch.drain()) ?? undefined, 2_000);
    watch.dispose();
    expect(report).toEqual({
      observation: [
        '[Background processes and previews, since your last step]',
        '- 1 error reported by the preview or the sandbox:',
        '  Uncaught TypeError: x is undefined (at /src/main.js)',
        'Find the cause of these errors and fix it before going on.',
      ].join('\n'),
      notice: 'The agent was told: 1 preview error.',
    });
  });

  it('hears a process end before the answer that says it ended', async () => {
    const { remote, dispose } = across(new LiteSandbox());
    ends.push(dispose);
    const events: SandboxEvent[] = [];
    remote.on((event) => events.push(event));
    const started = await remote.startProcess('echo bye; exit 3');
    const ended = await waitFor(async () => ((await remote.listProcesses()).find((p) => !p.running) ? true : undefined));
    expect({ ended, exits: events.filter((event) => event.type === 'process-exit') }).toEqual({
      ended: true,
      exits: [{ type: 'process-exit', id: started.id, exitCode: 3 }],
    });
  });

  it('stops forwarding once the run is over (the host is released)', async () => {
    const page = new ReportingSandbox();
    const { remote, host, dispose } = across(page);
    ends.push(dispose);
    await remote.listProcesses();
    const listening = page.listening;
    host.release();
    expect({ listening, after: page.listening }).toEqual({ listening: 1, after: 0 });
  });
});
