/**
 * `sed` with GNU's `-i SUFFIX` backups (`-i.bak`, `--in-place=.bak`) and GNU's message and status for a
 * missing file ("can't read x", exit 2); the editing itself is just-bash's.
 */
import { defineLiteCommand, type LiteCommand } from '../engine';
import { callOriginal } from './original';

const VALUE_OPTIONS = new Set(['-e', '-f', '-l', '--expression', '--file', '--line-length']);

export const sedCommand: LiteCommand = defineLiteCommand('sed', async (args, ctx) => {
  let suffix: string | undefined;
  const passOn: string[] = [];
  const operands: string[] = [];
  let scriptGiven = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const inPlace = /^-i(.+)$/.exec(arg) ?? /^--in-place=(.+)$/.exec(arg);
    if (inPlace && !arg.startsWith('-i-')) {
      suffix = inPlace[1];
      passOn.push('-i');
      continue;
    }
    passOn.push(arg);
    if (VALUE_OPTIONS.has(arg)) {
      scriptGiven ||= arg === '-e' || arg === '-f' || arg === '--expression' || arg === '--file';
      if (i + 1 < args.length) passOn.push(args[++i]);
    } else if (/^(--expression=|--file=|-e.|-f.)/.test(arg)) {
      scriptGiven = true;
    } else if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
    }
  }
  const files = scriptGiven ? operands : operands.slice(1);
  if (suffix !== undefined) {
    for (const file of files) {
      const absolute = ctx.fs.resolvePath(ctx.cwd, file);
      if (await ctx.fs.exists(absolute)) await ctx.fs.writeFile(`${absolute}${suffix}`, await ctx.fs.readFile(absolute, 'binary'), 'binary');
    }
  }
  const result = await callOriginal(ctx, 'sed', passOn);
  const missing = /^sed: (.*): No such file or directory$/gm;
  if (!missing.test(result.stderr)) return result;
  return { ...result, stderr: result.stderr.replace(missing, "sed: can't read $1: No such file or directory"), exitCode: 2 };
});
