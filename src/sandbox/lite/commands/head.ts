/**
 * `head` as GNU's: `-n -N` (all but the last N lines) and `-c -N`, `-N` as `-n N`, `==> f <==` headers for
 * several files (`-q`, `-v`), and GNU's messages ("cannot open 'x' for reading", "invalid number of lines").
 */
import { defineLiteCommand, stdinText, type LiteCommand } from '../engine';
import { optionFailure, parseGnuOptions } from './gnu-options';

const SPECS = {
  lines: { short: 'n', long: 'lines', value: true },
  bytes: { short: 'c', long: 'bytes', value: true },
  quiet: { short: 'q', long: 'quiet' },
  silent: { long: 'silent' },
  verbose: { short: 'v', long: 'verbose' },
};

/** How much to keep: the first `count`, or all but the last `count` when `allBut`. */
interface Amount {
  count: number;
  allBut: boolean;
  unit: 'lines' | 'bytes';
}

function amountOf(value: string, unit: Amount['unit']): Amount | undefined {
  const match = /^(-?)(\d+)$/.exec(value.trim());
  if (!match) return undefined;
  return { count: Number(match[2]), allBut: match[1] === '-', unit };
}

function take(text: string, amount: Amount): string {
  if (amount.unit === 'bytes') {
    const bytes = new TextEncoder().encode(text);
    const kept = amount.allBut ? bytes.slice(0, Math.max(0, bytes.length - amount.count)) : bytes.slice(0, amount.count);
    return new TextDecoder().decode(kept);
  }
  const lines = text.split(/(?<=\n)/).filter((line) => line !== '');
  return (amount.allBut ? lines.slice(0, Math.max(0, lines.length - amount.count)) : lines.slice(0, amount.count)).join('');
}

export const headCommand: LiteCommand = defineLiteCommand('head', async (args, ctx) => {
  // GNU's old `-5` for `-n 5`, unless it is the value of -n or -c (`-n -2`)
  const takesValue = (word: string | undefined) => word === '-n' || word === '-c' || word === '--lines' || word === '--bytes';
  const numeric = args.map((arg, i) => (/^-\d+$/.test(arg) && !takesValue(args[i - 1]) ? `-n${arg.slice(1)}` : arg));
  const parsed = parseGnuOptions('head', numeric, SPECS);
  if ('error' in parsed) return optionFailure(parsed);
  const bytes = parsed.values.get('bytes');
  const lines = parsed.values.get('lines');
  const amount = bytes !== undefined ? amountOf(bytes, 'bytes') : amountOf(lines ?? '10', 'lines');
  if (!amount) {
    const what = bytes !== undefined ? `bytes: '${bytes}'` : `lines: '${lines}'`;
    return optionFailure({ error: `head: invalid number of ${what}\n` });
  }
  const files = parsed.operands.length > 0 ? parsed.operands : ['-'];
  const headers = (files.length > 1 || parsed.flags.has('verbose')) && !parsed.flags.has('quiet') && !parsed.flags.has('silent');
  let stdout = '';
  let stderr = '';
  for (const [index, file] of files.entries()) {
    let text: string;
    if (file === '-') {
      text = stdinText(ctx.stdin);
    } else {
      const absolute = ctx.fs.resolvePath(ctx.cwd, file);
      const stat = await ctx.fs.stat(absolute).catch(() => undefined);
      if (!stat) {
        stderr += `head: cannot open '${file}' for reading: No such file or directory\n`;
        continue;
      }
      if (stat.isDirectory) {
        stderr += `head: error reading '${file}': Is a directory\n`;
        continue;
      }
      text = await ctx.fs.readFile(absolute);
    }
    if (headers) stdout += `${index > 0 ? '\n' : ''}==> ${file === '-' ? 'standard input' : file} <==\n`;
    stdout += take(text, amount);
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
});
