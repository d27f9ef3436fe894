import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeTokens, OscScanner, parseMarker, type JshToken } from '../../../src/sandbox/webcontainer/osc';
import { loadTranscripts, phases } from './transcripts';

function scan(chunks: string[]): JshToken[] {
  const scanner = new OscScanner();
  return mergeTokens([...chunks.flatMap((chunk) => scanner.push(chunk)), ...scanner.flush()]);
}

describe('parseMarker', () => {
  it('reads the markers jsh writes, the exit code from the second number', () => {
    expect(['interactive', 'prompt', 'exit=41:0', 'exit=0:127', 'exit=-1:3', 'exit=2', 'cwd=/x'].map(parseMarker)).toEqual([
      { kind: 'interactive' },
      { kind: 'prompt' },
      { kind: 'exit', code: 0, id: 41 },
      { kind: 'exit', code: 127, id: 0 },
      { kind: 'exit', code: 3, id: -1 },
      { kind: 'exit', code: 2 },
      { kind: 'other', payload: 'cwd=/x' },
    ]);
  });
});

describe('OscScanner', () => {
  it('finds every marker of a chunk, in order, with the text between them', () => {
    expect(scan(['a\x1b]654;exit=1:2\x07\x1b]654;prompt\x07b\x1b]654;interactive\x07'])).toEqual([
      { type: 'text', text: 'a' },
      { type: 'marker', marker: { kind: 'exit', code: 2, id: 1 }, raw: '\x1b]654;exit=1:2\x07' },
      { type: 'marker', marker: { kind: 'prompt' }, raw: '\x1b]654;prompt\x07' },
      { type: 'text', text: 'b' },
      { type: 'marker', marker: { kind: 'interactive' }, raw: '\x1b]654;interactive\x07' },
    ]);
  });

  it('leaves other escape sequences in the text, and gives back an unfinished marker as text at the end', () => {
    expect(scan(['\x1b[31mred\x1b]0;title\x07', '\x1b]65'])).toEqual([{ type: 'text', text: '\x1b[31mred\x1b]0;title\x07\x1b]65' }]);
  });

  for (const transcript of loadTranscripts()) {
    const stream = phases(transcript).flat().join('');
    const whole = scan([stream]);

    it(`gives the same tokens for ${transcript.name} split at every boundary`, () => {
      for (let cut = 0; cut <= stream.length; cut++) {
        expect(scan([stream.slice(0, cut), stream.slice(cut)])).toEqual(whole);
      }
      expect(scan([...stream])).toEqual(whole);
    });

    it(`gives the same tokens for ${transcript.name} under random chunkings`, () => {
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 12 }), (cuts) => {
          const sorted = [0, ...cuts.sort((a, b) => a - b), stream.length];
          const chunks = sorted.slice(1).map((end, i) => stream.slice(sorted[i], end));
          expect(scan(chunks)).toEqual(whole);
        }),
        { numRuns: 200 },
      );
    });
  }
});
