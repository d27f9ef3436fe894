import { describe, expect, it } from 'vitest';
import { extractTextToolCalls, ThinkSplitter } from '../../../src/agent/text-forms';
import type { ModelDelta } from '../../../src/agent/delta';

describe('tool calls written as text', () => {
  it('parses pythonic calls with parentheses, commas and quotes inside strings', () => {
    const text = `<|tool_call_start|>[run_command(command="echo (a), b", timeout_ms=500), write_file(path='x.txt', content='it\\'s "fine"\\n')]<|tool_call_end|>`;
    expect(extractTextToolCalls(text)).toEqual({
      text: '',
      calls: [
        { id: '', name: 'run_command', arguments: '{"command":"echo (a), b","timeout_ms":500}' },
        { id: '', name: 'write_file', arguments: '{"path":"x.txt","content":"it\'s \\"fine\\"\\n"}' },
      ],
    });
  });

  it('leaves text that does not parse as it was', () => {
    const text = 'Use <tool_call>not json</tool_call> like this';
    expect(extractTextToolCalls(text)).toEqual({ text, calls: [] });
  });

  it('parses several <tool_call> blocks and JSON arrays', () => {
    const text = '<tool_call>{"name":"a","arguments":{}}</tool_call>\n<tool_call>[{"name":"b","parameters":{"x":1}}]</tool_call>';
    expect(extractTextToolCalls(text).calls).toEqual([
      { id: '', name: 'a', arguments: '{}' },
      { id: '', name: 'b', arguments: '{"x":1}' },
    ]);
  });
});

describe('ThinkSplitter', () => {
  it('splits <think> reasoning from text fed one character at a time, and mutes tool-call markup', () => {
    const deltas: ModelDelta[] = [];
    const splitter = new ThinkSplitter((d) => deltas.push(d));
    for (const ch of '<think>plan</think>Doing it.<tool_call>{"name":"a"}</tool_call>') splitter.push(ch);
    splitter.flush();
    const joined = (type: ModelDelta['type']) => deltas.filter((d) => d.type === type).map((d) => d.text).join('');
    expect([splitter.reasoning, splitter.text]).toEqual(['plan', 'Doing it.<tool_call>{"name":"a"}</tool_call>']);
    expect([joined('reasoning'), joined('text')]).toEqual(['plan', 'Doing it.']);
  });

  it('a lone < that is not a tag is text', () => {
    const splitter = new ThinkSplitter(() => {});
    for (const ch of 'a < b and <thin') splitter.push(ch);
    splitter.flush();
    expect(splitter.text).toBe('a < b and <thin');
  });
});
