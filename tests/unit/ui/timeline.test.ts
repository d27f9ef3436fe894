import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/core/events';
import { DRAFT_TAIL, formatDuration, TimelineBuilder } from '../../../src/ui/timeline/model';
import { argumentsText, callTitle, clip, describeAnswer, describeRequest } from '../../../src/ui/timeline/describe';

function build(events: AgentEvent[]) {
  const builder = new TimelineBuilder();
  for (const event of events) builder.add(event);
  return builder;
}

const verdict = { level: 'high' as const, reasons: ['deletes files'] };

describe('TimelineBuilder', () => {
  it('shows a tool call being written by its size and tail, then puts the whole call in its place', () => {
    const content = 'x'.repeat(3_000) + 'THE END';
    const args = JSON.stringify({ path: 'big.txt', content });
    const pieces = args.match(/[\s\S]{1,4}/g)!;
    const builder = build([
      { type: 'step', step: 1 },
      ...pieces.map((text): AgentEvent => ({ type: 'tool_call_delta', index: 0, name: 'write_file', text })),
    ]);
    expect(builder.items).toEqual([
      { kind: 'step', key: 'step-0', step: 1, first: true },
      { kind: 'draft', key: 'draft-1', index: 0, name: 'write_file', size: args.length, tail: args.slice(-DRAFT_TAIL) },
    ]);
    const call = { id: 'c1', name: 'write_file', arguments: args };
    builder.add({ type: 'error', code: 'idle_timeout', message: 'No data from the model for 120 s, retrying.', retrying: true, wait_ms: 0 });
    expect(builder.items[1]).toEqual({ kind: 'draft', key: 'draft-1', index: 0, name: 'write_file', size: 0, tail: '' });
    builder.add({ type: 'tool_call_delta', index: 0, name: 'write_file', text: args });
    builder.add({ type: 'assistant_message', text: '', tool_calls: [call] });
    builder.add({ type: 'tool_call', call });
    builder.add({ type: 'tool_result', call_id: 'c1', name: 'write_file', ok: true, observation: 'Wrote big.txt' });
    expect(builder.items.slice(1)).toEqual([
      { kind: 'tool', key: 'tool-1', call, args: { path: 'big.txt', content }, result: { ok: true, observation: 'Wrote big.txt', exit_code: undefined, duration_ms: undefined, timed_out: undefined }, unfinished: undefined },
      { kind: 'error', key: 'error-2', code: 'idle_timeout', message: 'No data from the model for 120 s, retrying.', retrying: true, wait_ms: 0 },
    ]);
  });

  it('folds a run into items, deltas merged into one message per turn', () => {
    const builder = build([
      { type: 'status', status: 'in_progress' },
      { type: 'step', step: 1 },
      { type: 'reasoning_delta', text: 'think' },
      { type: 'reasoning_delta', text: 'ing' },
      { type: 'text_delta', text: 'I will ' },
      { type: 'text_delta', text: 'list' },
      { type: 'assistant_message', text: 'I will list files.', tool_calls: [] },
      { type: 'tool_call', call: { id: 'c1', name: 'run_command', arguments: '{"command":"rm -rf x"}' } },
      { type: 'risk', call_id: 'c1', verdict },
      { type: 'human_request', request: { kind: 'approval', call_id: 'c1', tool: 'run_command', action: 'rm -rf x', verdict } },
      { type: 'human_response', call_id: 'c1', answer: { approve: true } },
      { type: 'tool_output', call_id: 'c1', data: 'ignored here\n' },
      { type: 'tool_result', call_id: 'c1', name: 'run_command', ok: true, observation: 'done', exit_code: 0, duration_ms: 12 },
      { type: 'usage', step: { prompt_tokens: 1, completion_tokens: 1, cached_tokens: 0, cost_usd: 0 }, total: { prompt_tokens: 1, completion_tokens: 1, cached_tokens: 0, cost_usd: 0 } },
      { type: 'step', step: 2 },
      { type: 'error', code: 'rate_limited', message: 'Too many requests', retrying: true, wait_ms: 2000 },
      { type: 'notice', message: 'Context compacted' },
      { type: 'assistant_message', text: 'All done.', tool_calls: [] },
      { type: 'status', status: 'completed' },
    ]);
    expect(builder.count).toBe(19);
    expect(builder.items).toEqual([
      { kind: 'step', key: 'step-0', step: 1, first: true },
      { kind: 'reasoning', key: 'reasoning-1', step: 1, text: 'thinking' },
      { kind: 'message', key: 'message-2', step: 1, text: 'I will list files.', done: true },
      {
        kind: 'tool',
        key: 'tool-3',
        call: { id: 'c1', name: 'run_command', arguments: '{"command":"rm -rf x"}' },
        args: { command: 'rm -rf x' },
        risk: verdict,
        result: { ok: true, observation: 'done', exit_code: 0, duration_ms: 12, timed_out: undefined },
      },
      { kind: 'human_request', key: 'human_request-4', request: { kind: 'approval', call_id: 'c1', tool: 'run_command', action: 'rm -rf x', verdict } },
      { kind: 'human_response', key: 'human_response-5', answer: { approve: true } },
      { kind: 'step', key: 'step-6', step: 2, first: true },
      { kind: 'error', key: 'error-7', code: 'rate_limited', message: 'Too many requests', retrying: true, wait_ms: 2000 },
      { kind: 'notice', key: 'notice-8', message: 'Context compacted' },
      { kind: 'message', key: 'message-9', step: 2, text: 'All done.', done: true },
      { kind: 'status', key: 'status-10', status: 'completed', reason: undefined, error: undefined },
    ]);
  });

  it('shows a message while it streams, and replaces changed items instead of mutating them', () => {
    const builder = build([{ type: 'step', step: 1 }, { type: 'text_delta', text: 'Hel' }]);
    const before = builder.items[1];
    expect(before).toEqual({ kind: 'message', key: 'message-1', step: 1, text: 'Hel', done: false });
    builder.add({ type: 'text_delta', text: 'lo' });
    expect(builder.items[1]).toEqual({ kind: 'message', key: 'message-1', step: 1, text: 'Hello', done: false });
    expect(before).toEqual({ kind: 'message', key: 'message-1', step: 1, text: 'Hel', done: false });
  });

  it('keeps a failed run with its reason and error; leaves unknown results alone', () => {
    const builder = build([
      { type: 'tool_result', call_id: 'nobody', name: 'read_file', ok: false, observation: 'x' },
      { type: 'status', status: 'awaiting_human' },
      { type: 'status', status: 'failed', reason: 'model_error', error: { code: 'unauthorized', message: 'Bad key' } },
    ]);
    expect(builder.items).toEqual([
      { kind: 'status', key: 'status-0', status: 'failed', reason: 'model_error', error: { code: 'unauthorized', message: 'Bad key' } },
    ]);
  });

  it('changes its version only when an item changes', () => {
    const builder = build([{ type: 'tool_call', call: { id: 'c', name: 'run_command', arguments: '{"command":"ls"}' } }]);
    const versions = [builder.version];
    builder.add({ type: 'tool_output', call_id: 'c', data: 'a\n' });
    builder.add({ type: 'usage', step: { prompt_tokens: 1, completion_tokens: 1, cached_tokens: 0, cost_usd: 0 }, total: { prompt_tokens: 1, completion_tokens: 1, cached_tokens: 0, cost_usd: 0 } });
    builder.add({ type: 'status', status: 'in_progress' });
    versions.push(builder.version);
    builder.add({ type: 'tool_result', call_id: 'c', name: 'run_command', ok: true, observation: 'a', exit_code: 0 });
    versions.push(builder.version);
    expect(versions).toEqual([1, 1, 2]);
  });

  it('says how a call without a result ended when the run stops, and takes a later result instead', () => {
    const call = (id: string) => ({ type: 'tool_call' as const, call: { id, name: 'run_command', arguments: '{"command":"sleep 9"}' } });
    const tools = (events: AgentEvent[]) =>
      build(events).items.flatMap((item) => (item.kind === 'tool' ? [[item.call.id, item.unfinished, item.result?.ok]] : []));
    const result = { type: 'tool_result' as const, call_id: 'a', name: 'run_command', ok: true, observation: '' };
    expect(tools([call('a'), call('b'), result, { type: 'status', status: 'cancelled' }])).toEqual([
      ['a', undefined, true],
      ['b', 'cancelled', undefined],
    ]);
    expect(tools([call('a'), { type: 'status', status: 'interrupted' }])).toEqual([['a', 'interrupted', undefined]]);
    expect(tools([call('a'), { type: 'status', status: 'failed', reason: 'sandbox_error' }])).toEqual([['a', 'failed', undefined]]);
    expect(tools([call('a'), { type: 'status', status: 'awaiting_human' }])).toEqual([['a', undefined, undefined]]);
    // resumed after the tab closed: the call ran after all
    expect(tools([call('a'), { type: 'status', status: 'interrupted' }, { type: 'status', status: 'in_progress' }, result])).toEqual([
      ['a', undefined, true],
    ]);
  });

  it('marks a call held for approval as waiting until the person answers', () => {
    const call = { id: 'c1', name: 'run_command', arguments: '{"command":"rm -rf x"}' };
    const request = { kind: 'approval' as const, call_id: 'c1', tool: 'run_command', action: 'rm -rf x', verdict };
    const waiting = (events: AgentEvent[]) => build(events).items.flatMap((item) => (item.kind === 'tool' ? [[item.waiting, item.unfinished]] : []));
    expect([
      waiting([{ type: 'tool_call', call }, { type: 'human_request', request }]),
      waiting([{ type: 'tool_call', call }, { type: 'human_request', request }, { type: 'human_response', call_id: 'c1', answer: { approve: true } }]),
      waiting([{ type: 'tool_call', call }, { type: 'human_request', request }, { type: 'status', status: 'cancelled' }]),
    ]).toEqual([[[true, undefined]], [[undefined, undefined]], [[true, 'cancelled']]]);
  });

  it('takes the arguments the event carries, parses those of events stored before they did, and has none for text that is no JSON object', () => {
    const calls = [
      { id: 'a', name: 'run_command', arguments: 'not read' },
      { id: 'b', name: 'run_command', arguments: '{"command": "pwd"}' },
      { id: 'c', name: 'run_command', arguments: '{"command": "ls' },
    ];
    const builder = build([
      { type: 'tool_call', call: calls[0], args: { command: 'ls' } },
      { type: 'tool_call', call: calls[1] },
      { type: 'tool_call', call: calls[2] },
    ]);
    expect(builder.items.map((item) => item.kind === 'tool' && [item.call.id, item.args])).toEqual([
      ['a', { command: 'ls' }],
      ['b', { command: 'pwd' }],
      ['c', undefined],
    ]);
  });
});

describe('descriptions', () => {
  it('titles tool cards in one line', () => {
    const title = (name: string, args: Record<string, unknown> | string) =>
      callTitle(typeof args === 'string' ? { call: { id: 'c', name, arguments: args } } : { call: { id: 'c', name, arguments: '' }, args });
    expect([
      title('run_command', { command: 'npm test\necho more' }),
      title('write_file', { path: 'src/a.ts', content: 'x' }),
      title('list_files', {}),
      title('ask_human', { question: 'Which port?' }),
      title('stop_process', { id: 'p1' }),
      title('finish', { summary: 's' }),
      title('run_command', 'not json'),
    ]).toEqual(['$ npm test echo more', 'src/a.ts', '.', 'Which port?', 'p1', '', 'not json']);
  });

  it('shows arguments in full', () => {
    const full = (name: string, args: Record<string, unknown>) => argumentsText({ call: { id: 'c', name, arguments: '' }, args });
    expect(full('edit_file', { path: 'a', old_string: 'x\ny', new_string: 'z' })).toBe('- x\n- y\n+ z');
    expect(full('write_file', { path: 'a', content: 'hello' })).toBe('hello');
    expect(full('read_file', { path: 'a' })).toBe('{\n  "path": "a"\n}');
    expect(full('run_command', { command: 'a\nb' })).toBe('$ a\nb');
    expect(argumentsText({ call: { id: 'c', name: 'write_file', arguments: '{"path": "a' } })).toBe('{"path": "a');
  });

  it('describes requests and answers', () => {
    expect(describeRequest({ kind: 'approval', call_id: 'c', tool: 'run_command', action: 'rm -rf /', verdict })).toBe(
      'Approval needed (high risk) for run_command: rm -rf /',
    );
    expect(describeRequest({ kind: 'question', call_id: 'c', question: 'Port?' })).toBe('The agent asks: Port?');
    expect(describeAnswer({ approve: true, command: 'rm -rf x' })).toBe('Approved, as: rm -rf x');
    expect(describeAnswer({ approve: false, note: 'too risky' })).toBe('Denied: too risky');
    expect(describeAnswer({ reply: '8080' })).toBe('Replied: 8080');
    expect(describeAnswer({ raise: { max_steps: 40 } })).toBe('Raised the limits: max_steps 40');
  });

  it('clips long text and formats durations', () => {
    expect(clip('abcdef', 4)).toBe('abcd\n… 2 more characters');
    expect(clip('abc', 4)).toBe('abc');
    expect([850, 4210, 125_000].map(formatDuration)).toEqual(['850 ms', '4.2 s', '2 min 05 s']);
  });
});

describe('TimelineBuilder and checkpoints', () => {
  it('shows what a step changed, restores and hand edits, and marks a repeated step header', () => {
    const builder = new TimelineBuilder();
    for (const event of [
      { type: 'step', step: 1 },
      { type: 'files_changed', step: 1, files: 3, additions: 41, deletions: 7 },
      { type: 'step', step: 1 },
      { type: 'workdir_restored', step: 1 },
      { type: 'workdir_edited', paths: ['a.txt', 'b.txt'] },
    ] satisfies AgentEvent[]) {
      builder.add(event);
    }
    expect(builder.items).toEqual([
      { kind: 'step', key: 'step-0', step: 1, first: true },
      { kind: 'changes', key: 'changes-1', step: 1, files: 3, additions: 41, deletions: 7 },
      { kind: 'step', key: 'step-2', step: 1, first: false },
      { kind: 'notice', key: 'notice-3', message: 'Files restored to step 1 (later steps stay in the history).' },
      { kind: 'notice', key: 'notice-4', message: 'You changed a.txt, b.txt by hand.' },
    ]);
  });
});

