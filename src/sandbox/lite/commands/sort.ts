/**
 * `sort` as GNU's in the C locale (and C.UTF-8): lines compared by bytes, not by a locale's collation
 * (just-bash used `localeCompare`, so `README.md` sorted among lower-case names); keys (`-k2,2n`), `-t`,
 * `-n -g -h -V -f -b -r -u -s -R`, `-c`/`-C`, `-o`, `-z`, and GNU's last-resort whole-line comparison.
 */
import { defineLiteCommand, stdinText, type LiteCommand } from '../engine';
import { optionFailure, parseGnuOptions } from './gnu-options';
import { compareLines, parseKey, type SortKey, type SortOrder } from './sort-compare';

const SPECS = {
  numeric: { short: 'n', long: 'numeric-sort' },
  general: { short: 'g', long: 'general-numeric-sort' },
  human: { short: 'h', long: 'human-numeric-sort' },
  version: { short: 'V', long: 'version-sort' },
  month: { short: 'M', long: 'month-sort' },
  fold: { short: 'f', long: 'ignore-case' },
  blanks: { short: 'b', long: 'ignore-leading-blanks' },
  dictionary: { short: 'd', long: 'dictionary-order' },
  reverse: { short: 'r', long: 'reverse' },
  unique: { short: 'u', long: 'unique' },
  stable: { short: 's', long: 'stable' },
  random: { short: 'R', long: 'random-sort' },
  check: { short: 'c', long: 'check' },
  checkQuiet: { short: 'C' },
  merge: { short: 'm', long: 'merge' },
  zero: { short: 'z', long: 'zero-terminated' },
  key: { short: 'k', long: 'key', value: true },
  separator: { short: 't', long: 'field-separator', value: true },
  output: { short: 'o', long: 'output', value: true },
  bufferSize: { short: 'S', long: 'buffer-size', value: true },
  tempDir: { short: 'T', long: 'temporary-directory', value: true },
  parallel: { long: 'parallel', value: true },
};

type Ctx = Parameters<LiteCommand['execute']>[1];

export const sortCommand: LiteCommand = defineLiteCommand('sort', async (args, ctx) => {
  const parsed = parseGnuOptions('sort', args, SPECS);
  if ('error' in parsed) return optionFailure(parsed, 2);
  const { flags } = parsed;
  const separator = parsed.values.get('separator');
  if (separator !== undefined && separator.length !== 1) {
    return optionFailure({ error: `sort: multi-character tab '${separator}'\n` }, 2);
  }
  const order: SortOrder = {
    numeric: flags.has('numeric'), general: flags.has('general'), human: flags.has('human'), version: flags.has('version'),
    month: flags.has('month'), fold: flags.has('fold'), blanks: flags.has('blanks'), dictionary: flags.has('dictionary'),
    reverse: flags.has('reverse'), random: flags.has('random'),
  };
  const keys: SortKey[] = [];
  for (const spec of parsed.lists.get('key') ?? []) {
    const key = parseKey(spec);
    if (!key) return optionFailure({ error: `sort: invalid number at field start: invalid count at start of '${spec}'\n` }, 2);
    keys.push(key);
  }
  const terminator = flags.has('zero') ? '\0' : '\n';
  const read = await readInputs(ctx, parsed.operands.length > 0 ? parsed.operands : ['-']);
  if ('error' in read) return { stdout: '', stderr: read.error, exitCode: 2 };
  const text = read.text;
  const lines = text === '' ? [] : (text.endsWith(terminator) ? text.slice(0, -1) : text).split(terminator);
  const options = { keys, order, separator, stable: flags.has('stable') || flags.has('unique'), seed: Math.random() };
  const compare = (a: string, b: string) => compareLines(a, b, options);
  if (flags.has('check') || flags.has('checkQuiet')) {
    for (let i = 1; i < lines.length; i++) {
      const c = compare(lines[i - 1], lines[i]);
      if (c > 0 || (c === 0 && flags.has('unique'))) {
        const name = parsed.operands[0] ?? '-';
        const stderr = flags.has('checkQuiet') ? '' : `sort: ${name}:${i + 1}: disorder: ${lines[i]}\n`;
        return { stdout: '', stderr, exitCode: 1 };
      }
    }
    return { stdout: '', stderr: '', exitCode: 0 };
  }
  const sorted = lines.map((line, index) => ({ line, index })).sort((a, b) => compare(a.line, b.line) || a.index - b.index);
  const kept = flags.has('unique') ? sorted.filter((item, i) => i === 0 || compare(sorted[i - 1].line, item.line) !== 0) : sorted;
  const out = kept.map((item) => item.line + terminator).join('');
  const output = parsed.values.get('output');
  if (output === undefined) return { stdout: out, stderr: '', exitCode: 0 };
  await ctx.fs.writeFile(ctx.fs.resolvePath(ctx.cwd, output), out);
  return { stdout: '', stderr: '', exitCode: 0 };
});

async function readInputs(ctx: Ctx, files: string[]): Promise<{ text: string } | { error: string }> {
  let text = '';
  for (const file of files) {
    let part: string;
    if (file === '-') {
      part = stdinText(ctx.stdin);
    } else {
      const absolute = ctx.fs.resolvePath(ctx.cwd, file);
      const stat = await ctx.fs.stat(absolute).catch(() => undefined);
      if (!stat) return { error: `sort: cannot read: ${file}: No such file or directory\n` };
      if (stat.isDirectory) return { error: `sort: read failed: ${file}: Is a directory\n` };
      part = await ctx.fs.readFile(absolute);
    }
    text += part !== '' && !part.endsWith('\n') && !part.endsWith('\0') ? `${part}\n` : part;
  }
  return { text };
}
