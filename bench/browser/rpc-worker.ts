/** browser_rpc_roundtrip, the agent worker's side: times tool calls through the bridge and bare round trips. */
import { runSandboxTool } from '../../src/agent/tools';
import { RemoteSandbox } from '../../src/bridge/remote-sandbox';
import { expose, type Remote } from '../../src/bridge/rpc';
import type { SandboxInfo } from '../../src/bridge/sandbox-calls';
import type { SandboxHost } from '../../src/bridge/sandbox-host';

/** What the benchmark worker exposes. */
export interface RpcWorkerApi {
  toolCalls(host: Remote<SandboxHost>, info: SandboxInfo, calls: number, liveOutput: boolean): Promise<number>;
  bareRoundTrips(count: number): Promise<number>;
}

let echo: MessagePort | undefined;

const api: RpcWorkerApi = {
  /** `calls` run_command tool calls exactly as the loop makes them (with a live-output callback, unless not). */
  async toolCalls(host, info, calls, liveOutput) {
    const sandbox = new RemoteSandbox(host, info);
    const signal = new AbortController().signal;
    const started = performance.now();
    for (let i = 0; i < calls; i++) {
      if (!liveOutput) {
        await sandbox.exec('true', { timeoutMs: 120_000, signal });
        continue;
      }
      const result = await runSandboxTool('run_command', { command: 'true' }, { sandbox, signal, commandTimeoutMs: 120_000, onOutput: () => {} });
      if (!result.ok) throw new Error(`the no-op tool failed: ${result.observation}`);
    }
    const ms = performance.now() - started;
    await sandbox.dispose();
    return ms;
  },
  /** `count` messages to the page and back over a MessageChannel, one after another. */
  async bareRoundTrips(count) {
    const port = echo;
    if (!port) throw new Error('the page did not send the echo port');
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      await new Promise<void>((resolve) => {
        port.onmessage = () => resolve();
        port.postMessage(i);
      });
    }
    return performance.now() - started;
  },
};

// The page's first message is the echo port; comlink takes over from the next one.
self.onmessage = (event: MessageEvent<{ port: MessagePort }>) => {
  echo = event.data.port;
  self.onmessage = null;
  expose(api);
};
