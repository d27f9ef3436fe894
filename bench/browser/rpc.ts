/**
 * browser_rpc_roundtrip, the page's side. A tool call goes from the agent worker (RemoteSandbox, as the loop
 * calls it through runSandboxTool) to the page's SandboxHost (createSandboxHost over a no-op sandbox) and back,
 * over the app's own bridge; the baseline is a bare postMessage round trip over a MessageChannel between the
 * same two threads, echoed here on the page.
 */
import { proxy, wrap, type Remote } from '../../src/bridge/rpc';
import { createSandboxHost } from '../../src/bridge/sandbox-host';
import type { ExecResult } from '../../src/core/exec';
import type { Sandbox } from '../../src/sandbox/sandbox';
import type { RpcWorkerApi } from './rpc-worker';

const DONE: ExecResult = { exitCode: 0, output: '', stdout: '', stderr: '', timedOut: false, durationMs: 0 };

/** A sandbox whose only command does nothing at once; nothing else is called. */
const noopSandbox = {
  kind: 'lite',
  capabilities: { summary: 'no-op sandbox for the benchmark', node: false, network: false, processes: false, servers: false },
  exec: async () => DONE,
  on: () => () => {},
} as unknown as Sandbox;

let live: { remote: Remote<RpcWorkerApi> } | undefined;

function worker(): Remote<RpcWorkerApi> {
  if (live) return live.remote;
  const thread = new Worker(new URL('./rpc-worker.ts', import.meta.url), { type: 'module', name: 'bench-agent' });
  const channel = new MessageChannel();
  channel.port1.onmessage = (event) => channel.port1.postMessage(event.data);
  thread.postMessage({ port: channel.port2 }, [channel.port2]);
  live = { remote: wrap<RpcWorkerApi>(thread) };
  return live.remote;
}

/**
 * One repetition: `calls` tool calls through the bridge and `calls` bare round trips; ms per call of each, and
 * of the same calls without the live-output callback (for the report: what that callback costs).
 */
export async function rpcOnce(calls: number, baselineFirst: boolean): Promise<{ tool: number; bare: number; noOutput: number }> {
  const remote = worker();
  const host = createSandboxHost(noopSandbox);
  const info = { kind: noopSandbox.kind, capabilities: noopSandbox.capabilities };
  const tool = () => remote.toolCalls(proxy(host) as never, info, calls, true);
  const bare = () => remote.bareRoundTrips(calls);
  let toolMs: number;
  let bareMs: number;
  if (baselineFirst) {
    bareMs = await bare();
    toolMs = await tool();
  } else {
    toolMs = await tool();
    bareMs = await bare();
  }
  const noOutputMs = await remote.toolCalls(proxy(host) as never, info, calls, false);
  return { tool: toolMs / calls, bare: bareMs / calls, noOutput: noOutputMs / calls };
}
