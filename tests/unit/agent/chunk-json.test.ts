import { describe, expect, it } from 'vitest';
import { ChunkJson } from '../../../src/agent/chunk-json';

/** What ChunkJson gives for each chunk, copied before the next (the object may be reused). */
function parsedAll(datas: string[]): { values: unknown[]; reused: number } {
  const json = new ChunkJson();
  const values: unknown[] = [];
  let reused = 0;
  let last: unknown;
  for (const data of datas) {
    const value = json.parse(data);
    if (value === last) reused++;
    last = value;
    values.push(structuredClone(value));
  }
  return { values, reused };
}

const argsChunk = (piece: string, extra = '') =>
  `{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":${JSON.stringify(piece)}}}]},"finish_reason":null${extra}}]}`;

describe('ChunkJson', () => {
  it('gives what JSON.parse gives for a tool call streamed in pieces, parsing most of them by their shape', () => {
    const content = JSON.stringify({ path: 'a.txt', content: 'line "one"\n\ttab \\ back, é ✓ 😀 \u0001 end' });
    const pieces = content.match(/[\s\S]{1,4}/gu)!;
    const datas = [argsChunk(''), ...pieces.map((piece) => argsChunk(piece)), argsChunk('', ',"x":1')];
    const { values, reused } = parsedAll(datas);
    expect(values).toEqual(datas.map((data) => JSON.parse(data)));
    expect(reused).toBeGreaterThan(pieces.length - 3);
  });

  it('parses in full a chunk whose middle would end the string early (a quote, a bad escape, a raw control character)', () => {
    const datas = [argsChunk('abcd'), argsChunk('efgh'), argsChunk('ijkl')];
    const shapeEnd = datas[2].indexOf('ijkl');
    const injected = `${datas[2].slice(0, shapeEnd)}a","name":"evil${datas[2].slice(shapeEnd + 4)}`;
    const badEscape = `${datas[2].slice(0, shapeEnd)}a\\qb${datas[2].slice(shapeEnd + 4)}`;
    const control = `${datas[2].slice(0, shapeEnd)}a\u0002b${datas[2].slice(shapeEnd + 4)}`;
    const json = new ChunkJson();
    for (const data of datas) json.parse(data);
    expect(structuredClone(json.parse(injected))).toEqual(JSON.parse(injected));
    expect(() => json.parse(badEscape)).toThrow(SyntaxError);
    expect(() => json.parse(control)).toThrow(SyntaxError);
    expect(structuredClone(json.parse(datas[1]))).toEqual(JSON.parse(datas[1]));
  });

  it('follows chunks that change shape (text after arguments, a changing id, usage) and a server whose chunks all differ', () => {
    const text = (piece: string, id: number) => `{"id":"c${id}","choices":[{"index":0,"delta":{"content":${JSON.stringify(piece)}}}]}`;
    const datas = [
      argsChunk('ab'),
      argsChunk('cd'),
      text('he', 1),
      text('ll', 1),
      text('o ', 1),
      ...Array.from({ length: 40 }, (_, i) => text(`w${i}`, i)),
      '{"id":"c1","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}',
      argsChunk('ef'),
      argsChunk('gh'),
    ];
    expect(parsedAll(datas).values).toEqual(datas.map((data) => JSON.parse(data)));
  });

  it('learns nothing from a value that only looks like a string (a key, a number, a marker elsewhere)', () => {
    const keyed = (key: string) => `{"choices":[{"delta":{${JSON.stringify(key)}:"same"}}]}`;
    const numbered = (n: number) => `{"created":${n},"choices":[{"delta":{"content":"x"}}]}`;
    const marked = (piece: string) => `{"a":"\\u0001chunk-json-marker\\u0001","b":${JSON.stringify(piece)}}`;
    for (const datas of [
      ['k1', 'k2', 'k3', 'k4'].map(keyed),
      [1, 2, 3, 4].map(numbered),
      ['p1', 'p2', 'p3', 'p4'].map(marked),
    ]) {
      const { values, reused } = parsedAll(datas);
      expect(values).toEqual(datas.map((data) => JSON.parse(data)));
      expect(reused).toBe(0);
    }
  });
});

describe('ChunkJson against JSON.parse, on made-up streams', () => {
  it('gives exactly what JSON.parse gives for any sequence of chunks (hostile strings, changing keys and shapes)', async () => {
    const { default: fc } = await import('fast-check');
    // strings full of what ends or bends a JSON string: quotes, backslashes, controls, surrogates, the marker's bytes
    const nasty = fc.array(fc.constantFrom('a', '"', '\\', '\\"', '\u0001', '\n', '\u2028', '😀', '\ud800', '}', ',', ':', 'chunk-json-marker', '\\u0001'), { maxLength: 8 }).map((parts) => parts.join(''));
    const text = fc.oneof(fc.string({ maxLength: 6 }), nasty);
    const chunk = fc.oneof(
      { weight: 6, arbitrary: text.map((piece) => argsChunk(piece)) },
      { weight: 2, arbitrary: text.map((piece) => `{"id":"c1","choices":[{"index":0,"delta":{"content":${JSON.stringify(piece)}}}]}`) },
      { weight: 1, arbitrary: fc.tuple(text, text).map(([key, piece]) => JSON.stringify({ [key]: piece, id: 'c1' })) },
      { weight: 1, arbitrary: fc.json() },
    );
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 40 }), (datas) => {
        const expected = datas.map((data) => JSON.parse(data) as unknown);
        expect(parsedAll(datas).values).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
});
