/**
 * One run of the scripted task through each loop, on a fresh lite sandbox: the floor (direct scripted reply +
 * direct sandbox exec), our loop (`runAgent` with the in-process ModelClient), and the two peers (peers.ts).
 * Each returns the milliseconds of the run itself: building the sandbox is outside the timing.
 */
import { runAgent, type AgentConfig } from '../../src/agent/loop';
import { LiteSandbox } from '../../src/sandbox/lite/lite-sandbox';
import { ANSWER, ScriptedModelClient, taskTurn } from '../lib/task';

export const TASK = 'Run each command the benchmark asks for.';
export const COMMAND_TIMEOUT_MS = 120_000;

/** Our loop's settings for the benchmark: as the worker runner sets them, with room for every step. */
export function benchConfig(steps: number): AgentConfig {
  return {
    instructions: TASK,
    max_steps: steps + 1,
    command_timeout_ms: COMMAND_TIMEOUT_MS,
    tools: ['terminal', 'files', 'human'],
    threshold: 'high',
  };
}

/** A fresh lite sandbox, warmed with one command (just-bash's first exec loads its commands). */
export async function freshSandbox(): Promise<LiteSandbox> {
  const sandbox = new LiteSandbox();
  await sandbox.exec('true 0');
  return sandbox;
}

/** The floor: every scripted reply taken directly, every command run directly on the sandbox. */
export async function floorRun(steps: number): Promise<number> {
  const sandbox = await freshSandbox();
  const model = new ScriptedModelClient(steps);
  const signal = new AbortController().signal;
  const started = performance.now();
  for (;;) {
    const turn = await model.complete({ messages: [], tools: [], signal });
    const call = turn.tool_calls[0];
    if (!call) break;
    const { command } = JSON.parse(call.arguments) as { command: string };
    const result = await sandbox.exec(command, { timeoutMs: COMMAND_TIMEOUT_MS, signal });
    if (result.exitCode !== 0) throw new Error(`floor: ${command} exited ${result.exitCode}: ${result.output}`);
  }
  const ms = performance.now() - started;
  await sandbox.dispose();
  return ms;
}

/** Our loop, in process: runAgent with the scripted ModelClient and the lite sandbox; events go nowhere. */
export async function ourRun(steps: number): Promise<number> {
  const sandbox = await freshSandbox();
  const model = new ScriptedModelClient(steps);
  const started = performance.now();
  const outcome = await runAgent(benchConfig(steps), { model, sandbox, emit: () => {} }, AbortSignal.timeout(120_000));
  const ms = performance.now() - started;
  await sandbox.dispose();
  expectCompleted('our loop', outcome.status, outcome.summary, outcome.steps, steps + 1);
  return ms;
}

/** Throw unless a run ended as the script says: every step taken, the scripted answer as its result. */
export function expectCompleted(who: string, status: string, answer: string | undefined, turns: number, expected: number): void {
  if (status !== 'completed' || answer !== ANSWER || turns !== expected) {
    throw new Error(`${who} did not run the task as scripted: ${status}, ${turns} of ${expected} turns, answer ${JSON.stringify(answer)}`);
  }
}

/** Sanity: the task's first and last turns (so a changed script fails loudly, not quietly). */
export function describeTask(steps: number): string {
  const first = taskTurn(0, steps);
  return `${steps} turns each calling the shell tool with \`${first.kind === 'call' ? first.command.replace(/ 1$/, ' <n>') : ''}\`, then one turn answering in text`;
}
