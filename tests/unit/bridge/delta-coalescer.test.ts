import { describe, expect, it } from 'vitest';
import { DeltaCoalescer } from '../../../src/bridge/delta-coalescer';
import type { AgentEvent } from '../../../src/core';

const text = (t: string): AgentEvent => ({ type: 'text_delta', text: t });
const args = (index: number, t: string): AgentEvent => ({ type: 'tool_call_delta', index, name: 'write_file', text: t });

describe('DeltaCoalescer', () => {
  it('gathers consecutive deltas of one stream, keeps order and every byte, and sends them before any other event', () => {
    const sent: AgentEvent[] = [];
    const coalescer = new DeltaCoalescer((event) => sent.push(event), { delayMs: 10_000 });
    for (const piece of ['Hel', 'lo', ' wo', 'rld']) coalescer.push(text(piece));
    coalescer.push({ type: 'reasoning_delta', text: 'hm' });
    coalescer.push({ type: 'reasoning_delta', text: 'm' });
    coalescer.push(args(0, '{"pa'));
    coalescer.push(args(0, 'th":"a"}'));
    coalescer.push(args(1, '{}'));
    coalescer.push({ type: 'step', step: 2 });
    expect(sent).toEqual([
      { type: 'text_delta', text: 'Hello world' },
      { type: 'reasoning_delta', text: 'hmm' },
      { type: 'tool_call_delta', index: 0, name: 'write_file', text: '{"path":"a"}' },
      { type: 'tool_call_delta', index: 1, name: 'write_file', text: '{}' },
      { type: 'step', step: 2 },
    ]);
  });

  it('sends at maxChars, and after delayMs when the stream pauses', async () => {
    const sent: AgentEvent[] = [];
    const coalescer = new DeltaCoalescer((event) => sent.push(event), { delayMs: 5, maxChars: 8 });
    for (const piece of ['abcd', 'efgh', 'ij']) coalescer.push(text(piece));
    expect(sent).toEqual([text('abcdefgh')]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sent).toEqual([text('abcdefgh'), text('ij')]);
    coalescer.flush();
    expect(sent).toHaveLength(2);
  });
});
