import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactIfNeeded, type CompactionDeps } from '../../../src/agent/compaction';
import { observationLimit, TokenEstimator, truncateMiddle } from '../../../src/agent/context';
import type { ChatMessage } from '../../../src/agent/messages';
import type { ModelClient } from '../../../src/agent/model';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';

describe('truncateMiddle', () => {
  it('cutting a cut text again is the same as cutting the original once to the smaller size', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 3000 }), fc.integer({ min: 2, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (text, small, more) => {
        const large = small + more;
        expect(truncateMiddle(truncateMiddle(text, large), small)).toBe(truncateMiddle(text, small));
        expect(truncateMiddle(truncateMiddle(text, small), small)).toBe(truncateMiddle(text, small));
      }),
    );
  });

  it('keeps head and tail around one line counting what was cut', () => {
    expect(truncateMiddle('0123456789abcdefghij', 6)).toBe('012\n[… 14 characters cut …]\nhij');
    expect(truncateMiddle('012\n[… 14 characters cut …]\nhij', 4)).toBe('01\n[… 16 characters cut …]\nij');
  });

  it('caps observations at about 4 % of a small window, and leaves large windows to the tools’ own cut', () => {
    expect([8_192, 32_768, 65_536, 128_000].map(observationLimit)).toEqual([2_000, 5_243, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]);
  });
});

/** Steps of `cat` printing `chars` characters each: an assistant call and its tool output. */
function steps(from: number, count: number, chars: number): ChatMessage[] {
  return Array.from({ length: count }, (_, i): ChatMessage[] => {
    const id = `call_${from + i}`;
    const command = `cat part${from + i}.txt`;
    return [
      { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name: 'run_command', arguments: JSON.stringify({ command }) } }] },
      { role: 'tool', tool_call_id: id, content: `Exit code: 0\n${String((from + i) % 10).repeat(chars)}` },
    ];
  }).flat();
}

const noModel: ModelClient = {
  model: 'none',
  complete: () => Promise.reject(new Error('elision alone should have been enough here')),
};

describe('compaction by elision', () => {
  it('elides each old output once: a second compaction keeps the first one’s history as it was, up to the newly elided steps', async () => {
    const sandbox = new LiteSandbox();
    const deps: CompactionDeps = { model: noModel, sandbox, estimator: new TokenEstimator([]), task: 'Print the parts.', signal: AbortSignal.timeout(5000) };
    const limits = { window: 13_000 };
    const start: ChatMessage[] = [
      { role: 'system', content: 'You are a coding agent.' },
      { role: 'user', content: 'Print the parts.' },
    ];
    const first = await compactIfNeeded([...start, ...steps(1, 13, 3000)], limits, deps);
    expect({ how: first?.how, length: first?.messages.length }).toEqual({ how: 'elided', length: 28 });
    const second = await compactIfNeeded([...first!.messages, ...steps(14, 7, 3000)], limits, deps);
    expect({ how: second?.how, length: second?.messages.length }).toEqual({ how: 'elided', length: 42 });
    // the first compaction kept steps 10-13 whole (messages 20-27); all before them must come back untouched
    expect(JSON.stringify(second!.messages.slice(0, 20))).toBe(JSON.stringify(first!.messages.slice(0, 20)));
    for (let i = 0; i < 20; i++) expect(second!.messages[i]).toBe(first!.messages[i]);
    expect(second!.messages[21]).not.toBe(first!.messages[21]);
    expect((second!.messages[21] as { content: string }).content).toBe(
      `Exit code: 0\n${'0'.repeat(187)}\n[… 2613 characters elided to save context; run the command again if you need them …]\n${'0'.repeat(200)}`,
    );
    await sandbox.dispose();
  });
});
