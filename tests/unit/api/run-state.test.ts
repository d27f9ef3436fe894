import { describe, expect, it } from 'vitest';
import type { Run } from '../../../src/core';
import { applyEvent, applyOutcome, latestAction, newRun } from '../../../src/api/run-state';

const call = (name: string, args: unknown) => ({ id: 'c', name, arguments: typeof args === 'string' ? args : JSON.stringify(args) });

describe('run state from events', () => {
  it('follows status, steps, the latest action, usage and a finish call; a final run no longer changes', () => {
    let run: Run = newRun('r1', { instructions: 'do it' }, 100);
    run = applyEvent(run, { type: 'status', status: 'in_progress' }, 101);
    run = applyEvent(run, { type: 'step', step: 1 }, 102);
    run = applyEvent(run, { type: 'tool_call', call: call('run_command', { command: 'npm   test\n  --watch' }) }, 103);
    run = applyEvent(run, { type: 'human_request', request: { kind: 'question', call_id: 'c', question: '?' } }, 104);
    const waiting = run.status;
    run = applyEvent(run, { type: 'human_response', call_id: 'c', answer: { reply: 'y' } }, 105);
    const usage = { prompt_tokens: 5, completion_tokens: 2, cached_tokens: 1, cost_usd: 0.5 };
    run = applyEvent(run, { type: 'usage', step: usage, total: usage }, 106);
    run = applyEvent(run, { type: 'tool_call', call: call('finish', { summary: 'Done.', outputs: { n: 1 } }) }, 107);
    run = applyEvent(run, { type: 'status', status: 'completed' }, 108);
    const after = applyEvent(run, { type: 'step', step: 9 }, 109);
    expect([waiting, after]).toEqual([
      'awaiting_human',
      {
        id: 'r1',
        instructions: 'do it',
        status: 'completed',
        created_at: 100,
        updated_at: 108,
        steps: 1,
        latest_action: { type: 'finish', description: 'Done.' },
        summary: 'Done.',
        outputs: { n: 1 },
        usage,
      },
    ]);
  });

  it('describes calls in one line, from the parsed arguments or (events stored before them) the text, and survives arguments that are not JSON', () => {
    expect([
      latestAction({ call: call('run_command', 'not read'), args: { command: 'a\n  b' } }),
      latestAction({ call: call('run_command', { command: 'a\n  b' }) }),
      latestAction({ call: call('list_files', {}), args: {} }),
      latestAction({ call: call('write_file', '{"path": "x.ts", "content": ') }),
      latestAction({ call: call('mystery', { q: 1 }), args: { q: 1 } }),
    ]).toEqual([
      { type: 'run_command', description: 'a b' },
      { type: 'run_command', description: 'a b' },
      { type: 'list_files', description: '.' },
      { type: 'write_file', description: '{"path": "x.ts", "content":' },
      { type: 'mystery', description: '{"q":1}' },
    ]);
  });

  it('takes a failed outcome with its reason, and drops a reason from any other', () => {
    const run = { ...newRun('r2', { instructions: 'x' }, 1), reason: 'stuck' as const };
    const failed = applyOutcome(run, { status: 'failed', reason: 'model_error', error: { code: 'invalid_api_key', message: 'm' } }, 2);
    const cancelled = applyOutcome(run, { status: 'cancelled' }, 3);
    expect([failed.status, failed.reason, failed.error, cancelled.status, 'reason' in cancelled]).toEqual([
      'failed',
      'model_error',
      { code: 'invalid_api_key', message: 'm' },
      'cancelled',
      false,
    ]);
  });
});
