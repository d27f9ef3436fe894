/** "Ask before file changes" and edited arguments at the approval gate; the dialog's review of a file change. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_TOOLS, type AgentEvent, type HumanAnswer, type HumanRequest, type ToolCall } from '../../../src/core';
import { gate, RememberedKinds, type HumanDeps } from '../../../src/agent/human';
import { editedArguments, reviewOf } from '../../../src/ui/human/file-review';

const write: ToolCall = { id: 'w1', name: 'write_file', arguments: JSON.stringify({ path: 'a.txt', content: 'agent\n' }) };
const list: ToolCall = { id: 'l1', name: 'list_files', arguments: '{}' };
const spec = (name: string) => BUILTIN_TOOLS.get(name)!;

/** Gate deps with a low verdict for everything and a person who answers `answer`. */
function deps(askFileChanges: boolean, answer: HumanAnswer = { approve: true }) {
  const events: AgentEvent[] = [];
  const asked: HumanRequest[] = [];
  const value: HumanDeps = {
    emit: (event) => events.push(event),
    human: { ask: async (request) => (asked.push(request), answer) },
    assessRisk: async () => ({ level: 'low', reasons: ['writes a file'] }),
    threshold: 'high',
    askFileChanges,
    signal: new AbortController().signal,
    remembered: new RememberedKinds(),
  };
  return { value, events, asked };
}

describe('Ask before file changes', () => {
  it('holds a low-risk write_file for review only when the setting is on, and never other tools', async () => {
    const off = deps(false);
    expect(await gate(write, spec('write_file'), JSON.parse(write.arguments), off.value)).toEqual({ approved: true, args: { path: 'a.txt', content: 'agent\n' } });
    const on = deps(true);
    expect(await gate(write, spec('write_file'), JSON.parse(write.arguments), on.value)).toEqual({ approved: true, args: { path: 'a.txt', content: 'agent\n' } });
    expect(await gate(list, spec('list_files'), {}, on.value)).toEqual({ approved: true, args: {} });
    expect([off.asked.length, on.asked.map((request) => request.kind === 'approval' && request.call_id)]).toEqual([0, ['w1']]);
  });

  it('writes the arguments the person edited, and tells the model', async () => {
    const on = deps(true, { approve: true, arguments: { content: 'person\n' } });
    expect(await gate(write, spec('write_file'), JSON.parse(write.arguments), on.value)).toEqual({
      approved: true,
      args: { path: 'a.txt', content: 'person\n' },
      note: 'The person edited content before approving; what ran is their version.',
    });
  });
});

describe('the review of a file change', () => {
  it('shows write_file and edit_file as before → after, and turns an edit into the call that writes it', () => {
    const written = reviewOf('write_file', { path: 'a.txt', content: 'new\n' }, 'old\n')!;
    const edited = reviewOf('edit_file', { path: 'a.txt', old_string: 'b', new_string: 'B' }, 'a\nb\nc\n')!;
    expect([written, edited]).toEqual([
      { path: 'a.txt', before: 'old\n', after: 'new\n', tool: 'write_file' },
      { path: 'a.txt', before: 'a\nb\nc\n', after: 'a\nB\nc\n', tool: 'edit_file' },
    ]);
    expect(reviewOf('edit_file', { path: 'a.txt', old_string: 'x', new_string: 'y' }, 'x x')?.after).toBe('x x');
    expect([editedArguments(written, 'new\n'), editedArguments(written, 'mine\n'), editedArguments(edited, 'mine\n')]).toEqual([
      undefined,
      { content: 'mine\n' },
      { old_string: 'a\nb\nc\n', new_string: 'mine\n' },
    ]);
  });
});
