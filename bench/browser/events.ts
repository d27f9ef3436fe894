/** A realistic run's events: per step the turn, two text deltas, the message, a tool call, its output and result, usage. */
import type { AgentEvent, Run, RunEvent } from '../../src/core';

export const EVENTS_PER_STEP = 8;

/** The events of step `step` (1-based), as the loop sends them. */
export function stepEvents(step: number): AgentEvent[] {
  const call = { id: `call_${step}`, name: 'run_command', arguments: JSON.stringify({ command: `npm test -- --grep case_${step}` }) };
  const output = `> test\n${Array.from({ length: 4 }, (_, i) => `  ✓ case_${step}.${i} passes (${(step * 7 + i) % 90} ms)`).join('\n')}\n`;
  const usage = { prompt_tokens: 1200 + step * 40, completion_tokens: 60, cached_tokens: 1100 + step * 40, cost_usd: 0.0004 };
  return [
    { type: 'step', step },
    { type: 'text_delta', text: `Step ${step}: I will run ` },
    { type: 'text_delta', text: 'the tests for this case.' },
    { type: 'assistant_message', text: `Step ${step}: I will run the tests for this case.`, tool_calls: [call] },
    { type: 'tool_call', call },
    { type: 'tool_output', call_id: call.id, data: output },
    { type: 'tool_result', call_id: call.id, name: 'run_command', ok: true, observation: `Exit code: 0\n${output}`, exit_code: 0, duration_ms: 40 + (step % 50) },
    { type: 'usage', step: usage, total: { ...usage, prompt_tokens: usage.prompt_tokens * step } },
  ];
}

/** `count` events of run `runId`, numbered from 1 and stamped. */
export function runEvents(runId: string, count: number): RunEvent[] {
  const events: RunEvent[] = [];
  const start = Date.now();
  for (let step = 1; events.length < count; step++) {
    for (const event of stepEvents(step)) {
      if (events.length === count) break;
      events.push({ ...event, run_id: runId, seq: events.length + 1, at: start + events.length } as RunEvent);
    }
  }
  return events;
}

/** Events of a finished run of `steps` steps (the last one its final status). */
export function finishedRunEvents(runId: string, steps: number): RunEvent[] {
  const events = runEvents(runId, steps * EVENTS_PER_STEP);
  const last = events.length + 1;
  events.push({ type: 'status', status: 'completed', run_id: runId, seq: last, at: Date.now() } as RunEvent);
  return events;
}

/** The run record the API would keep for such a run. */
export function benchRun(id: string, steps: number, status: Run['status'] = 'in_progress'): Run {
  const now = Date.now();
  return {
    id,
    instructions: `Benchmark run of ${steps} steps: run the tests case by case.`,
    status,
    created_at: now,
    updated_at: now,
    steps,
    outputs: {},
    usage: { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, cost_usd: 0 },
  };
}
