/** Runs the real agent loop against the scripted server (real SDK, real HTTP) and the real lite sandbox. */
import { createServer } from 'node:net';
import type { AgentEvent } from '../../../src/core/events';
import { runAgent, type AgentConfig, type AgentDeps, type RunOutcome } from '../../../src/agent/loop';
import { OpenAIModelClient } from '../../../src/agent/model';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { startScriptedServer, type ReplyTurn, type Script, type ScriptedServer } from '../../fixtures/scripted-server';

/** One scripted tool call turn. */
export function call(name: string, args: Record<string, unknown> | string, id?: string): ReplyTurn {
  return { tool_calls: [{ name, arguments: args, ...(id && { id }) }] };
}

export const finish = (summary: string, outputs?: Record<string, unknown>) =>
  call('finish', outputs ? { summary, outputs } : { summary });

/** A finished test run: what it returned, the events it emitted, what the model was sent. */
export interface Harness {
  outcome: RunOutcome;
  events: AgentEvent[];
  server: ScriptedServer;
  sandbox: LiteSandbox;
  /** The tool messages of request `n` (0-based): what the model saw of earlier calls. */
  toolMessages(n: number): string[];
}

const servers: ScriptedServer[] = [];

/** Close every server the tests started. */
export async function closeAll(): Promise<void> {
  await Promise.all(servers.splice(0).map((s) => s.close()));
}

/** Options of one harness run. */
export interface RunOptions {
  config?: Partial<AgentConfig>;
  deps?: Partial<AgentDeps>;
  sandbox?: LiteSandbox;
  signal?: AbortSignal;
  baseURL?: string;
  model?: string;
  apiKey?: string;
}

export async function runScripted(script: Script, options: RunOptions = {}): Promise<Harness> {
  const server = await startScriptedServer(script);
  servers.push(server);
  const sandbox = options.sandbox ?? new LiteSandbox();
  const events: AgentEvent[] = [];
  const model = new OpenAIModelClient({
    baseURL: options.baseURL ?? server.baseURL,
    model: options.model ?? 'scripted-model',
    apiKey: options.apiKey,
    retryBaseMs: 1,
  });
  const config: AgentConfig = {
    instructions: 'Do the task.',
    max_steps: 20,
    command_timeout_ms: 5_000,
    tools: ['terminal', 'files', 'human'],
    threshold: 'never',
    ...options.config,
  };
  const outcome = await runAgent(
    config,
    { model, sandbox, emit: (event) => events.push(event), ...options.deps },
    options.signal ?? AbortSignal.timeout(15_000),
  );
  return {
    outcome,
    events,
    server,
    sandbox,
    toolMessages: (n) =>
      (server.requests[n]?.body.messages as { role: string; content: string }[])
        .filter((m) => m.role === 'tool')
        .map((m) => m.content),
  };
}

/** A port on 127.0.0.1 with nothing listening (for "the model server is down"). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
