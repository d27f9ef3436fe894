// A run with both the github and mcp groups gets create_pull_request and the MCP servers' tools side by side
// (the worker once let the MCP tools replace the page's). The real worker runner across a MessageChannel, the
// real loop, lite sandbox, openai SDK against the scripted server, and the real MCP fixture.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAgents } from '../../../src/api/agents';
import { MemoryRunStore } from '../../../src/api/memory-store';
import type { PullRequestPort } from '../../../src/api/page-tools';
import { expose } from '../../../src/bridge/rpc';
import { WorkerDriver } from '../../../src/bridge/worker-driver';
import { createAgentWorkerApi } from '../../../src/bridge/worker-runner';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { startMcpFixture, type McpFixture } from '../../fixtures/mcp-server';
import { startScriptedServer, type ScriptedServer } from '../../fixtures/scripted-server';

let fixture: McpFixture;
let server: ScriptedServer;
beforeAll(async () => {
  fixture = await startMcpFixture();
  server = await startScriptedServer([{ tool_calls: [{ name: 'finish', arguments: { summary: 'ok' } }] }]);
});
afterAll(async () => {
  await fixture?.stop();
  await server?.close();
});

function channelWorker(): Worker {
  const { port1, port2 } = new MessageChannel();
  expose(createAgentWorkerApi(), port2 as never);
  return Object.assign(port1, { terminate: () => (port1.close(), port2.close()) }) as unknown as Worker;
}

it('gives create_pull_request and the MCP tools together', async () => {
  const sandbox = Promise.resolve(new LiteSandbox());
  const pullRequests: PullRequestPort = { create: () => Promise.reject(new Error('not in this test')) };
  const driver = new WorkerDriver({ makeWorker: channelWorker, sandbox, cancelGraceMs: 1_000 });
  const defaults = { baseURL: server.baseURL, model: 'scripted-model', max_steps: 3, human_intervention_threshold: 'never' as const };
  const agents = createAgents({ store: new MemoryRunStore(), driver, sandbox, pullRequests, defaults: () => defaults });
  const run = await agents.execute({ instructions: 'look', tools: ['github', 'mcp'], mcp_servers: [{ name: 'notes', url: fixture.url }] });
  const deadline = Date.now() + 10_000;
  while (!['completed', 'failed', 'cancelled'].includes((await agents.retrieve(run.id)).status)) {
    if (Date.now() > deadline) throw new Error('the run did not end within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  driver.dispose();
  const tools = (server.requests[0].body.tools as { function: { name: string } }[]).map((tool) => tool.function.name);
  expect([(await agents.retrieve(run.id)).status, tools]).toEqual([
    'completed',
    [
      'finish',
      'create_pull_request',
      'mcp__notes__search_notes',
      'mcp__notes__delete_note',
      'mcp__notes__slow_count',
      'mcp__notes__sync_notes',
      'mcp__notes__render_chart',
      'mcp__notes__echo',
    ],
  ]);
});
