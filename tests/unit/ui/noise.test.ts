/**
 * Less noise (issue 22, item 9): a failed command's result shows what happened, not the instructions meant for
 * the model; a notice marked `once` (the context window) shows in the first run with its key only.
 */
import { describe, expect, it } from 'vitest';
import { REFLECT_ON_FAILURE } from '../../../src/core/guidance';
import { firstRunFor } from '../../../src/ui/timeline/once-notices';
import { resultForPerson } from '../../../src/ui/timeline/for-person';
import { TimelineBuilder } from '../../../src/ui/timeline/model';

describe('resultForPerson', () => {
  it('drops the reflection instruction (and its hint on the same line), keeping the output', () => {
    const failed = `Exit code: 2\nls: cannot access 'x': No such file or directory\n\n${REFLECT_ON_FAILURE}`;
    const missing = `Exit code: 127\nbash: nope: command not found\n\n${REFLECT_ON_FAILURE} Exit code 127 means the command does not exist in this sandbox: use what the sandbox has.`;
    const crashed = `run_command failed: the shell died\n\n${REFLECT_ON_FAILURE}`;
    expect([resultForPerson(failed), resultForPerson(missing), resultForPerson(crashed), resultForPerson('Exit code: 0\nhi')]).toEqual([
      { text: "Exit code: 2\nls: cannot access 'x': No such file or directory", reflect: true },
      { text: 'Exit code: 127\nbash: nope: command not found', reflect: true },
      { text: 'run_command failed: the shell died', reflect: true },
      { text: 'Exit code: 0\nhi', reflect: false },
    ]);
  });
});

describe('notices shown once', () => {
  it('shows a keyed notice in the first run that has it, again on its replay, and in no other run', () => {
    const storage = new Map<string, string>();
    const port = { getItem: (key: string) => storage.get(key) ?? null, setItem: (key: string, value: string) => void storage.set(key, value) };
    const notices = (runId: string) => {
      const builder = new TimelineBuilder({ showOnce: (key) => firstRunFor(key, runId, port) });
      builder.add({ type: 'notice', message: 'Context window 32768 tokens, a default.', once: 'context-window:m1' });
      builder.add({ type: 'notice', message: 'Allowed for the rest of this run.' });
      builder.add({ type: 'notice', message: 'Context window 8192 tokens, a default.', once: 'context-window:m2' });
      return builder.items.map((item) => (item.kind === 'notice' ? item.message : item.kind));
    };
    expect([notices('run_1'), notices('run_2'), notices('run_1')]).toEqual([
      ['Context window 32768 tokens, a default.', 'Allowed for the rest of this run.', 'Context window 8192 tokens, a default.'],
      ['Allowed for the rest of this run.'],
      ['Context window 32768 tokens, a default.', 'Allowed for the rest of this run.', 'Context window 8192 tokens, a default.'],
    ]);
  });
});
