/**
 * `grep` with GNU's command line over just-bash's matcher: several `-e` patterns (just-bash kept the last),
 * GNU's BRE operators (`\+`, `\?`, `\|`), `-H`, `-s`, `--color`, `-r` without an operand (searches `.`) and
 * `grep -r PATTERN .` naming files `./src/a.js` as GNU does.
 */
import { defineLiteCommand, type LiteCommand } from '../engine';
import { breToEre } from './bre';
import { optionFailure, parseGnuOptions, type ParsedOptions } from './gnu-options';
import { callOriginal } from './original';

const BOOLEANS: Record<string, string> = {
  E: 'extended-regexp', F: 'fixed-strings', G: 'basic-regexp', P: 'perl-regexp', i: 'ignore-case', y: '',
  v: 'invert-match', w: 'word-regexp', x: 'line-regexp', c: 'count', l: 'files-with-matches',
  L: 'files-without-match', n: 'line-number', h: 'no-filename', H: 'with-filename', o: 'only-matching',
  q: 'quiet', s: 'no-messages', r: 'recursive', R: 'dereference-recursive', a: 'text', I: '', b: 'byte-offset',
};
const VALUES: Record<string, string> = { e: 'regexp', f: 'file', m: 'max-count', A: 'after-context', B: 'before-context', C: 'context' };
const LONG_VALUES = ['include', 'exclude', 'exclude-dir', 'label'];

const SPECS = Object.fromEntries([
  ...Object.entries(BOOLEANS).map(([short, long]) => [short, { short, ...(long ? { long } : {}) }]),
  ...Object.entries(VALUES).map(([short, long]) => [short, { short, long, value: true }]),
  ...LONG_VALUES.map((long) => [long, { long, value: true }]),
  ['silent', { long: 'silent' }],
]);

const FILE_ERROR = /^grep: .*: (No such file or directory|Is a directory|Permission denied)\n$/;

export const grepCommand: LiteCommand = defineLiteCommand('grep', async (args, ctx) => {
  const withoutColor = args.filter((arg) => !/^--colou?r(=.*)?$/.test(arg));
  const parsed = parseGnuOptions('grep', withoutColor, SPECS);
  if ('error' in parsed) return optionFailure(parsed, 2);
  const { flags } = parsed;
  const recursive = flags.has('r') || flags.has('R');
  const patterns = parsed.lists.get('e');
  const operands = [...parsed.operands];
  const pattern = patterns === undefined ? operands.shift() : patterns.join('\n');
  if (pattern === undefined && !parsed.lists.has('f')) {
    return optionFailure({ error: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n" }, 2);
  }
  const basic = !flags.has('E') && !flags.has('F') && !flags.has('P');
  let files = operands;
  if (recursive && operands.length === 0) files = await expandDot('.', '', ctx); // GNU names them without `./`
  else if (recursive) files = (await Promise.all(files.map((file) => expandDot(file, './', ctx)))).flat();
  const addDevNull = flags.has('H') && !flags.has('h') && files.length === 1 && !recursive;
  const passOn = [
    ...optionWords(parsed, basic),
    ...(pattern === undefined ? [] : ['-e', basic ? pattern.split('\n').map(breToEre).join('\n') : pattern]),
    '--',
    ...files,
    ...(addDevNull ? ['/dev/null'] : []),
  ];
  const result = await callOriginal(ctx, 'grep', passOn);
  let { stdout, stderr } = result;
  if (addDevNull) stdout = stdout.split(/(?<=\n)/).filter((line) => !line.startsWith('/dev/null')).join('');
  if (flags.has('s') || flags.has('silent')) stderr = stderr.split(/(?<=\n)/).filter((line) => !FILE_ERROR.test(line)).join('');
  return { stdout, stderr, exitCode: result.exitCode };
});

/** The options just-bash's grep understands, one word each (`-E` added when a BRE was turned into an ERE). */
function optionWords(parsed: ParsedOptions, basic: boolean): string[] {
  const words: string[] = [];
  for (const flag of parsed.flags) {
    if (flag === 'y') words.push('-i');
    else if (flag === 'R') words.push('-r');
    else if (flag.length === 1 && !'HsaIbG'.includes(flag)) words.push(`-${flag}`);
  }
  if (basic) words.push('-E');
  for (const key of ['m', 'A', 'B', 'C']) {
    const value = parsed.values.get(key);
    if (value !== undefined) words.push(`-${key}`, value);
  }
  for (const file of parsed.lists.get('f') ?? []) words.push('-f', file);
  for (const key of ['include', 'exclude', 'exclude-dir']) {
    for (const value of parsed.lists.get(key) ?? []) words.push(`--${key}=${value}`);
  }
  return words;
}

type Ctx = Parameters<LiteCommand['execute']>[1];

/** `.` searched recursively, as GNU names its files: `./a`, `./src` … (just-bash drops the `./`). */
async function expandDot(operand: string, prefix: string, ctx: Ctx): Promise<string[]> {
  if (operand !== '.' && operand !== './') return [operand];
  const names = await ctx.fs.readdir(ctx.cwd).catch(() => [] as string[]);
  return names.length === 0 ? [operand] : [...names].sort().map((name) => `${prefix}${name}`);
}
