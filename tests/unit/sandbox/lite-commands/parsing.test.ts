import { describe, expect, it } from 'vitest';
import { breToEre } from '../../../../src/sandbox/lite/commands/bre';
import { parseGnuOptions } from '../../../../src/sandbox/lite/commands/gnu-options';
import { normalDiff, unifiedHunks } from '../../../../src/sandbox/lite/commands/line-diff';
import { compareLines, parseKey } from '../../../../src/sandbox/lite/commands/sort-compare';

const SPECS = { serial: { short: 's', long: 'serial' }, delimiters: { short: 'd', long: 'delimiters', value: true }, verbose: { long: 'verbose' } };

describe('parseGnuOptions', () => {
  it('reads bundles, attached and separate values, long options, options after operands and --', () => {
    const parsed = parseGnuOptions('paste', ['-sd+', 'a', '--delim=,', '--verb', '--', '-x'], SPECS);
    expect(parsed).toEqual({
      flags: new Set(['serial', 'verbose']),
      values: new Map([['delimiters', ',']]),
      lists: new Map([['delimiters', ['+', ',']]]),
      operands: ['a', '-x'],
    });
  });

  it.each([
    [['-q'], "paste: invalid option -- 'q'\nTry 'paste --help' for more information.\n"],
    [['--nope'], "paste: unrecognized option '--nope'\nTry 'paste --help' for more information.\n"],
    [['-d'], "paste: option requires an argument -- 'd'\nTry 'paste --help' for more information.\n"],
    [['--serial=1'], "paste: option '--serial' doesn't allow an argument\nTry 'paste --help' for more information.\n"],
  ])('refuses %j as GNU does', (args, error) => {
    expect(parseGnuOptions('paste', args, SPECS)).toEqual({ error });
  });
});

describe('breToEre', () => {
  it.each([
    ['[0-9]\\+%', '[0-9]+%'],
    ['ab\\?c', 'ab?c'],
    ['a\\|b', 'a|b'],
    ['\\(ab\\)\\{2\\}', '(ab){2}'],
    ['f(x)+y?', 'f\\(x\\)\\+y\\?'],
    ['*a', '\\*a'],
    ['^*a', '^\\*a'],
    ['[]+(]x', '[]+(]x'],
    ['[[:digit:]]\\{3\\}', '[[:digit:]]{3}'],
    ['a\\.b', 'a\\.b'],
  ])('%s → %s', (bre, ere) => {
    expect(breToEre(bre)).toEqual(ere);
  });
});

describe('line diffs', () => {
  it('writes the normal format with c, d and a, and a missing last newline', () => {
    expect(normalDiff('a\nb\nc\n', 'a\nB\nc\nd\n')).toEqual('2c2\n< b\n---\n> B\n3a4\n> d\n');
    expect(normalDiff('x\ny\nz\n', 'x\nz\n')).toEqual('2d1\n< y\n');
    expect(normalDiff('x', 'x\n')).toEqual('1c1\n< x\n\\ No newline at end of file\n---\n> x\n');
    expect(normalDiff('A\n', 'a\n', { ignoreCase: true })).toEqual('');
  });

  it('writes unified hunks as GNU numbers them', () => {
    expect(unifiedHunks('a\nb\nc\n', 'a\nB\nc\nd\n', 3)).toEqual('@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n');
    expect(unifiedHunks('x\n', '', 3)).toEqual('@@ -1 +0,0 @@\n-x\n');
    expect(unifiedHunks('', 'x\n', 3)).toEqual('@@ -0,0 +1 @@\n+x\n');
  });
});

describe('sort keys', () => {
  it('parses -k and compares as GNU: keys, then the whole line by bytes', () => {
    const key = parseKey('2,2n');
    expect(key).toEqual({ startField: 2, startChar: 1, endField: 2, endChar: 0, order: { numeric: true }, blanksStart: false, blanksEnd: false });
    const options = { keys: [key!], order: {}, separator: ',', stable: false, seed: 0 };
    expect(['y,10', 'x,2', 'w,2'].sort((a, b) => compareLines(a, b, options))).toEqual(['w,2', 'x,2', 'y,10']);
    expect(parseKey('0')).toEqual(undefined);
  });
});
