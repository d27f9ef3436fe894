/**
 * The task over real HTTP: our loop with the real `openai` SDK (OpenAIModelClient) against the scripted
 * OpenAI-compatible SSE server, vs a bare `fetch` posting the very same request bodies to the same server and
 * reading each SSE answer to its end, plus the same direct sandbox exec per step.
 */
import { runAgent } from '../../src/agent/loop';
import type { ChatMessage, ToolSchema } from '../../src/agent/messages';
import { OpenAIModelClient } from '../../src/agent/model';
import { startScriptedServer, type ScriptedServer, type ScriptedTurn } from '../../tests/fixtures/scripted-server';
import { taskTurn } from '../lib/task';
import { benchConfig, COMMAND_TIMEOUT_MS, expectCompleted, freshSandbox } from './loops';

/** The task's script as the scripted server's turns (streamed in the server's default small deltas). */
function serverTurn(index: number, steps: number): ScriptedTurn {
  const turn = taskTurn(index, steps);
  const usage = { prompt_tokens: 0, completion_tokens: 0 };
  if (turn.kind === 'answer') return { content: turn.text, usage };
  return { tool_calls: [{ id: turn.id, name: 'run_command', arguments: { command: turn.command } }], usage };
}

/** A scripted server for the HTTP rows, and the request bodies our loop sent in its first run. */
export class HttpTask {
  bodies: unknown[] = [];

  private constructor(
    readonly server: ScriptedServer,
    readonly steps: number,
  ) {}

  static async start(steps: number): Promise<HttpTask> {
    return new HttpTask(await startScriptedServer([]), steps);
  }

  #reset(): void {
    this.server.setScript((_req, index) => serverTurn(index, this.steps));
    this.server.requests.length = 0;
  }

  /** Our loop through the openai SDK; the first run keeps the request bodies for the baseline. */
  async ours(): Promise<number> {
    this.#reset();
    const sandbox = await freshSandbox();
    const model = new OpenAIModelClient({ baseURL: this.server.baseURL, model: 'scripted-model' });
    const started = performance.now();
    const outcome = await runAgent(benchConfig(this.steps), { model, sandbox, emit: () => {} }, AbortSignal.timeout(120_000));
    const ms = performance.now() - started;
    await sandbox.dispose();
    expectCompleted('our loop over HTTP', outcome.status, outcome.summary, outcome.steps, this.steps + 1);
    if (this.bodies.length === 0) this.bodies = this.server.requests.map((request) => request.body);
    return ms;
  }

  /** A bare fetch of each recorded request, reading the SSE to its end, and the same sandbox exec per step. */
  async bare(): Promise<number> {
    if (this.bodies.length !== this.steps + 1) throw new Error('bare HTTP: run ours() first to record the request bodies');
    this.#reset();
    const sandbox = await freshSandbox();
    const signal = new AbortController().signal;
    const url = `${this.server.baseURL}/chat/completions`;
    const started = performance.now();
    for (const [index, body] of this.bodies.entries()) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
      const text = await response.text();
      if (!response.ok || !text.includes('[DONE]')) throw new Error(`bare HTTP: answer ${index} was ${response.status}: ${text.slice(0, 200)}`);
      const turn = taskTurn(index, this.steps);
      if (turn.kind === 'call') await sandbox.exec(turn.command, { timeoutMs: COMMAND_TIMEOUT_MS, signal });
    }
    const ms = performance.now() - started;
    await sandbox.dispose();
    return ms;
  }

  /**
   * The fixed cost of one request, apart from the loop: `count` turns through OpenAIModelClient.complete and
   * `count` bare fetches of the same (first) request body; ms per request of each.
   */
  async requestCost(count: number): Promise<{ sdk: number; bare: number }> {
    if (this.bodies.length === 0) throw new Error('bare HTTP: run ours() first to record the request bodies');
    const first = this.bodies[0] as { messages: ChatMessage[]; tools: ToolSchema[] };
    const model = new OpenAIModelClient({ baseURL: this.server.baseURL, model: 'scripted-model' });
    const signal = new AbortController().signal;
    this.server.setScript(() => serverTurn(0, this.steps));
    let started = performance.now();
    for (let i = 0; i < count; i++) await model.complete({ messages: first.messages, tools: first.tools, signal: AbortSignal.any([signal]) });
    const sdk = (performance.now() - started) / count;
    const body = JSON.stringify(first);
    started = performance.now();
    for (let i = 0; i < count; i++) {
      const response = await fetch(`${this.server.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await response.text();
    }
    const bare = (performance.now() - started) / count;
    this.server.requests.length = 0;
    return { sdk, bare };
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
