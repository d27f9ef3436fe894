import { describe, expect, it } from 'vitest';
import type { ToolCall } from '../../../src/core';
import {
  INTERRUPTED_CALL,
  NOT_STARTED_CALL,
  answerDangling,
  followUpMessages,
  lateEnding,
  NODE_MODULES_NOT_KEPT,
  restoredNote,
  resumeFrom,
  resumeNote,
} from '../../../src/api/continuation';
import type { ChatMessage } from '../../../src/agent/messages';
import type { Checkpoint, PendingStep } from '../../../src/store';

const usage = { prompt_tokens: 1, completion_tokens: 1, cached_tokens: 0, cost_usd: 0 };
const FIRST: ChatMessage[] = [{ role: 'system', content: 'sys' }, { role: 'user', content: 'task' }];
const checkpoint: Checkpoint = { run_id: 'r', step: 1, at: 0, usage, messages: FIRST };
const call = (id: string, name = 'run_command'): ToolCall => ({ id, name, arguments: `{"command":"${id}"}` });
const asTool = (c: ToolCall) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } });

function pending(calls: ToolCall[], started: string[], results: [string, string][] = []): PendingStep {
  const done = new Set(results.map(([id]) => id));
  return {
    step: 2,
    assistant: { text: 'working', tool_calls: calls },
    results: results.map(([call_id, observation], seq) => ({
      type: 'tool_result', call_id, name: 'run_command', ok: true, observation, run_id: 'r', seq, at: 0,
    })),
    in_flight: calls.filter((c) => !done.has(c.id)),
    started,
  };
}

describe('resuming a run', () => {
  it('without an open step: the checkpoint and a note of what was lost', () => {
    expect(resumeFrom({ checkpoint })).toEqual({
      messages: [...FIRST, { role: 'user', content: resumeNote(1) }],
      startStep: 1,
      events: [],
    });
    expect(resumeFrom({})).toBeUndefined();
  });

  it('an open step keeps the model\'s answer; results stay, the running call is interrupted, the rest did not run', () => {
    const calls = [call('a'), call('b'), call('c')];
    const continuation = resumeFrom({ checkpoint, pending: pending(calls, ['a', 'b'], [['a', 'done a']]) });
    expect(continuation).toEqual({
      messages: [
        ...FIRST,
        { role: 'assistant', content: 'working', tool_calls: calls.map(asTool) },
        { role: 'tool', tool_call_id: 'a', content: 'done a' },
        { role: 'tool', tool_call_id: 'b', content: INTERRUPTED_CALL },
        { role: 'tool', tool_call_id: 'c', content: NOT_STARTED_CALL },
        { role: 'user', content: resumeNote(1) },
      ],
      startStep: 2,
      events: [{ type: 'tool_result', call_id: 'b', name: 'run_command', ok: false, observation: INTERRUPTED_CALL }],
    });
  });

  it('a question the run waited on, answered late, goes to the loop (which takes the reply where it asked); the calls after it did not run', () => {
    const [ask, after] = [call('q', 'ask_human'), call('z')];
    const late = { request: { kind: 'question' as const, call_id: 'q', question: 'which?' }, answer: { reply: 'blue' } };
    const reply = resumeFrom({ checkpoint, pending: pending([ask, after], ['q']) }, late);
    expect(reply).toEqual({
      messages: [...FIRST, { role: 'assistant', content: 'working', tool_calls: [asTool(ask), asTool(after)] }],
      startStep: 2,
      events: [],
      pendingTurn: { calls: [{ call: ask }, { call: after, observation: NOT_STARTED_CALL }], note: resumeNote(1) },
    });
  });

  it('a call that waited for an approval answered late goes to the loop with that answer; the calls after it did not run', () => {
    const [done, risky, after] = [call('d'), call('a'), call('z')];
    const verdict = { level: 'high' as const, reasons: ['deletes'] };
    const request = { kind: 'approval' as const, call_id: 'a', tool: 'run_command', action: 'a', verdict };
    for (const answer of [{ approve: true }, { approve: false, note: 'no' }]) {
      const resumed = resumeFrom({ checkpoint, pending: pending([done, risky, after], ['d', 'a'], [['d', 'done d']]) }, { request, answer });
      expect(resumed).toEqual({
        messages: [
          ...FIRST,
          { role: 'assistant', content: 'working', tool_calls: [asTool(done), asTool(risky), asTool(after)] },
          { role: 'tool', tool_call_id: 'd', content: 'done d' },
        ],
        startStep: 2,
        events: [],
        pendingTurn: {
          calls: [{ call: risky }, { call: after, observation: NOT_STARTED_CALL }],
          note: resumeNote(1),
        },
      });
    }
  });
});

describe('a raise answered after a reload', () => {
  const steps = { kind: 'raise' as const, limit: 'max_steps' as const, message: 'The run used all 3 steps (max_steps) before the task was finished. Raise the limit to go on, or end the run.', current: 3, used: 3 };
  const stuck = { kind: 'raise' as const, limit: 'stuck' as const, message: 'The agent is stuck. Same call. Let it go on (with a note, if you like), or end the run.', ends_with: 'The agent is stuck. Same call.' };

  it('a raise, or a stuck run let go on, resumes as usual: the loop takes the answer where it asks', () => {
    const plain = { messages: [...FIRST, { role: 'user', content: resumeNote(1) }], startStep: 1, events: [] };
    expect([
      lateEnding({ request: steps, answer: { raise: { max_steps: 5 } } }),
      resumeFrom({ checkpoint }, { request: steps, answer: { raise: { max_steps: 5 } } }),
      lateEnding({ request: stuck, answer: { reply: 'try grep' } }),
      resumeFrom({ checkpoint }, { request: stuck, answer: { reply: 'try grep' } }),
    ]).toEqual([undefined, plain, undefined, plain]);
  });

  it('a limit not raised, or a stuck run not let go on, ends the run as the loop would have', () => {
    expect([lateEnding({ request: steps, answer: { approve: false } }), lateEnding({ request: stuck, answer: { approve: false } })]).toEqual([
      { status: 'failed', reason: 'max_steps', error: { code: 'max_steps', message: 'The run used all 3 steps (max_steps) before the task was finished.' } },
      { status: 'failed', reason: 'stuck', error: { code: 'stuck', message: 'The agent is stuck. Same call.' } },
    ]);
  });
});

describe('following up', () => {
  it('answers calls left without a result and adds the new task', () => {
    const messages: ChatMessage[] = [...FIRST, { role: 'assistant', content: null, tool_calls: [asTool(call('x')), asTool(call('y'))] }, { role: 'tool', tool_call_id: 'y', content: 'ok' }];
    expect(answerDangling(messages)).toEqual([
      ...messages.slice(0, 3),
      { role: 'tool', tool_call_id: 'x', content: NOT_STARTED_CALL },
      { role: 'tool', tool_call_id: 'y', content: 'ok' },
    ]);
    expect(followUpMessages(FIRST, 'more').at(-1)).toEqual({
      role: 'user',
      content: 'Follow-up task (the work dir is as the previous task left it):\nmore',
    });
  });
});

describe('restoredNote', () => {
  const node = { summary: '', node: true, network: true, processes: true, servers: true };
  const file = (path: string) => ({ path, data: new Uint8Array() });
  const project = { files: [file('package.json'), file('src/a.js')], dirs: ['src'] };

  it('tells to reinstall when a restored Node project has no node_modules and the sandbox runs node', () => {
    expect(restoredNote(project, node)).toEqual(NODE_MODULES_NOT_KEPT);
    expect(restoredNote({ files: [file('web/package.json')], dirs: ['web'] }, node)).toEqual(NODE_MODULES_NOT_KEPT);
  });

  it('says nothing without npm, without a package.json, with node_modules kept, or with nothing restored', () => {
    const kept = { files: [...project.files, file('node_modules/x.js')], dirs: ['node_modules', 'src'] };
    expect([
      restoredNote(project, { ...node, node: false }),
      restoredNote({ files: [file('index.html')], dirs: [] }, node),
      restoredNote(kept, node),
      restoredNote(undefined, node),
    ]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
