/**
 * `xargs` with GNU's command line over just-bash's: options bundled or attached (`-n2`, `-I{}`, `-0r`),
 * `-a FILE`, `-L N` (N lines a call), and the command run once when the input is empty (unless `-r`).
 */
import { defineLiteCommand, stdinText, type LiteCommand } from '../engine';
import { optionFailure } from './gnu-options';
import { callOriginal } from './original';

const VALUE_OPTIONS = new Set(['I', 'd', 'n', 'P', 'a', 'L', 's', 'E']);
const FLAG_OPTIONS = new Set(['0', 't', 'r', 'x', 'p']);
const LONG: Record<string, string> = {
  '--null': '0', '--verbose': 't', '--no-run-if-empty': 'r', '--exit': 'x', '--interactive': 'p',
  '--max-args': 'n', '--max-procs': 'P', '--arg-file': 'a', '--delimiter': 'd', '--replace': 'I', '--max-lines': 'L',
};

interface XargsLine {
  flags: Set<string>;
  values: Map<string, string>;
  command: string[];
}

/** xargs options end at the first word that is not one (the command); each may be bundled or attached. */
function parseXargs(args: readonly string[]): XargsLine | { error: string } {
  const line: XargsLine = { flags: new Set(), values: new Map(), command: [] };
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      i++;
      break;
    }
    if (arg.startsWith('--')) {
      const [name, value] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      const key = LONG[name];
      if (!key) return { error: `xargs: unrecognized option '${arg}'\nTry 'xargs --help' for more information.\n` };
      if (VALUE_OPTIONS.has(key)) line.values.set(key, value ?? args[++i] ?? '');
      else line.flags.add(key);
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    for (let j = 1; j < arg.length; j++) {
      const key = arg[j];
      if (key === 'i') {
        line.values.set('I', arg.slice(j + 1) || '{}');
        break;
      }
      if (FLAG_OPTIONS.has(key)) {
        line.flags.add(key);
        continue;
      }
      if (!VALUE_OPTIONS.has(key)) return { error: `xargs: invalid option -- '${key}'\nTry 'xargs --help' for more information.\n` };
      const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
      if (value === undefined) return { error: `xargs: option requires an argument -- '${key}'\nTry 'xargs --help' for more information.\n` };
      line.values.set(key, value);
      break;
    }
  }
  line.command = args.slice(i);
  return line;
}

export const xargsCommand: LiteCommand = defineLiteCommand('xargs', async (args, ctx) => {
  const line = parseXargs(args);
  if ('error' in line) return optionFailure(line);
  const argFile = line.values.get('a');
  if (argFile !== undefined) {
    // the items come from the file, not stdin: run ourselves again with it as stdin
    const text = await ctx.fs.readFile(ctx.fs.resolvePath(ctx.cwd, argFile)).catch(() => undefined);
    if (text === undefined) return optionFailure({ error: `xargs: Cannot open input file '${argFile}': No such file or directory\n` });
    if (!ctx.exec) throw new Error('xargs -a needs the shell to run a command');
    const rest = args.filter((_, index) => index < args.length - line.command.length);
    const again = stripArgFile(rest);
    return ctx.exec('xargs', { cwd: ctx.cwd, signal: ctx.signal, stdin: text, args: [...again, ...line.command] });
  }
  const command = line.command.length > 0 ? line.command : ['echo'];
  const stdin = stdinText(ctx.stdin);
  const separator = line.flags.has('0') ? /\0/ : line.values.has('d') ? undefined : /\s/;
  const empty = separator ? stdin.split(separator).every((item) => item === '') : stdin.replace(/\n$/, '') === '';
  if (empty) {
    if (line.flags.has('r') || line.values.has('I')) return { stdout: '', stderr: '', exitCode: 0 };
    if (!ctx.exec) throw new Error('xargs needs the shell to run a command');
    return ctx.exec(quote(command[0]), { cwd: ctx.cwd, signal: ctx.signal, args: command.slice(1) });
  }
  const passOn: string[] = [];
  for (const flag of line.flags) if (flag === '0' || flag === 't' || flag === 'r') passOn.push(`-${flag}`);
  const perCall = line.values.get('n');
  if (perCall !== undefined) passOn.push('-n', perCall);
  const linesPerCall = line.values.get('L');
  if (linesPerCall !== undefined) passOn.push('-d', '\\n', '-n', linesPerCall); // a line is one item
  for (const key of ['I', 'd', 'P']) {
    const value = line.values.get(key);
    if (value !== undefined) passOn.push(`-${key}`, value);
  }
  return callOriginal(ctx, 'xargs', [...passOn, ...command]);
});

function stripArgFile(options: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < options.length; i++) {
    const arg = options[i];
    if (arg === '-a' || arg === '--arg-file') i++;
    else if (!/^(-a.|--arg-file=)/.test(arg)) out.push(arg);
  }
  return out;
}

function quote(word: string): string {
  return /^[\w./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
