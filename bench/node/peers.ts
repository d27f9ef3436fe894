/**
 * The peers: the same scripted task through the OpenAI Agents SDK (`@openai/agents`) and the Vercel AI SDK
 * (`ai`) tool loops. Each gets the same in-process script (as a model in its own interface, answering at once)
 * and the same lite sandbox behind a shell tool that formats its result as our loop does. Configured as their
 * docs recommend: an Agent + `run()` with `maxTurns` raised and tracing off (no OpenAI key, a custom model);
 * a `ToolLoopAgent` with `stopWhen: stepCountIs(…)` raised from its default of 20.
 */
import { Agent, run, setTracingDisabled, tool as agentsTool, type Model, type ModelResponse } from '@openai/agents';
import { stepCountIs, ToolLoopAgent, tool as aiTool, type LanguageModel } from 'ai';
import { z } from 'zod';
import { systemPrompt } from '../../src/agent/prompt';
import { WORKDIR } from '../../src/sandbox/sandbox';
import type { LiteSandbox } from '../../src/sandbox/lite/lite-sandbox';
import { taskTurn } from '../lib/task';
import { COMMAND_TIMEOUT_MS, expectCompleted, freshSandbox, TASK } from './loops';

const DESCRIPTION = 'Run one bash command in the sandbox and wait for it to end. Returns the exit code and the output.';

/** The system prompt our loop sends, so every loop carries the same instructions. */
function instructions(sandbox: LiteSandbox): string {
  return systemPrompt({ capabilities: sandbox.capabilities, workdir: WORKDIR, tools: ['run_command'], commandTimeoutMs: COMMAND_TIMEOUT_MS });
}

/** The shell tool's body: the same sandbox call and the same observation format as our run_command. */
async function shell(sandbox: LiteSandbox, command: string, timeoutMs?: number | null, signal?: AbortSignal): Promise<string> {
  const result = await sandbox.exec(command, { timeoutMs: timeoutMs ?? COMMAND_TIMEOUT_MS, signal });
  return `Exit code: ${result.exitCode}\n${result.output.trim() === '' ? '(no output)' : result.output.replace(/\n$/, '')}`;
}

/** The task's script as an Agents SDK Model (non-streaming; `run()` calls getResponse). */
class ScriptedAgentsModel implements Model {
  #turn = 0;
  constructor(private readonly steps: number) {}

  async getResponse(): Promise<ModelResponse> {
    const turn = taskTurn(this.#turn++, this.steps);
    const usage = { requests: 1, inputTokens: 0, outputTokens: 0, totalTokens: 0 } as unknown as ModelResponse['usage'];
    if (turn.kind === 'answer') {
      return {
        usage,
        output: [{ type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: turn.text }] }],
      };
    }
    const args = JSON.stringify({ command: turn.command, timeout_ms: null });
    return { usage, output: [{ type: 'function_call', callId: turn.id, name: 'run_command', arguments: args, status: 'completed' }] };
  }

  // eslint-disable-next-line require-yield
  async *getStreamedResponse(): AsyncIterable<never> {
    throw new Error('the benchmark runs the Agents SDK without streaming');
  }
}

/** The task through the OpenAI Agents SDK. */
export async function openaiAgentsRun(steps: number): Promise<number> {
  setTracingDisabled(true);
  const sandbox = await freshSandbox();
  const runCommand = agentsTool({
    name: 'run_command',
    description: DESCRIPTION,
    parameters: z.object({ command: z.string(), timeout_ms: z.number().int().nullable() }),
    execute: ({ command, timeout_ms }) => shell(sandbox, command, timeout_ms),
  });
  const agent = new Agent({ name: 'Autopilot', instructions: instructions(sandbox), model: new ScriptedAgentsModel(steps), tools: [runCommand] });
  const started = performance.now();
  const result = await run(agent, TASK, { maxTurns: steps + 10 });
  const ms = performance.now() - started;
  await sandbox.dispose();
  const calls = result.newItems.filter((item) => item.type === 'tool_call_output_item').length;
  expectCompleted('@openai/agents', 'completed', result.finalOutput, calls + 1, steps + 1);
  return ms;
}

/** The task's script as an AI SDK language model (specification v3, non-streaming). */
function scriptedAiModel(steps: number): Exclude<LanguageModel, string> {
  let index = 0;
  const usage = {
    inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 0, text: 0, reasoning: 0 },
  };
  return {
    specificationVersion: 'v3',
    provider: 'scripted',
    modelId: 'scripted-model',
    supportedUrls: {},
    async doGenerate() {
      const turn = taskTurn(index++, steps);
      if (turn.kind === 'answer') {
        return { content: [{ type: 'text', text: turn.text }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
      }
      const call = { type: 'tool-call' as const, toolCallId: turn.id, toolName: 'run_command', input: JSON.stringify({ command: turn.command }) };
      return { content: [call], finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage, warnings: [] };
    },
    async doStream() {
      throw new Error('the benchmark runs the AI SDK without streaming');
    },
  };
}

/** The task through the Vercel AI SDK's ToolLoopAgent. */
export async function aiSdkRun(steps: number): Promise<number> {
  const sandbox = await freshSandbox();
  const agent = new ToolLoopAgent({
    model: scriptedAiModel(steps),
    instructions: instructions(sandbox),
    tools: {
      run_command: aiTool({
        description: DESCRIPTION,
        inputSchema: z.object({ command: z.string(), timeout_ms: z.number().int().optional() }),
        execute: ({ command, timeout_ms }, { abortSignal }) => shell(sandbox, command, timeout_ms, abortSignal),
      }),
    },
    stopWhen: stepCountIs(steps + 10),
  });
  const started = performance.now();
  const result = await agent.generate({ prompt: TASK });
  const ms = performance.now() - started;
  await sandbox.dispose();
  expectCompleted('ai ToolLoopAgent', result.finishReason === 'stop' ? 'completed' : result.finishReason, result.text, result.steps.length, steps + 1);
  return ms;
}
