/** `cat` that says "Is a directory" for a directory operand and goes on with the rest, as GNU does. */
import { defineLiteCommand, type LiteCommand } from '../engine';
import { callOriginal } from './original';

export const catCommand: LiteCommand = defineLiteCommand('cat', async (args, ctx) => {
  const dirs = new Set<string>();
  for (const arg of args) {
    if (arg === '-' || arg.startsWith('-')) continue;
    const stat = await ctx.fs.stat(ctx.fs.resolvePath(ctx.cwd, arg)).catch(() => undefined);
    if (stat?.isDirectory) dirs.add(arg);
  }
  if (dirs.size === 0) return callOriginal(ctx, 'cat', args);
  const options = args.filter((arg) => arg.startsWith('-') && arg !== '-');
  const out = { stdout: '', stderr: '', exitCode: 0 };
  for (const arg of args) {
    if (arg.startsWith('-') && arg !== '-') continue;
    if (dirs.has(arg)) {
      out.stderr += `cat: ${arg}: Is a directory\n`;
      out.exitCode = 1;
      continue;
    }
    const result = await callOriginal(ctx, 'cat', [...options, arg]);
    out.stdout += result.stdout;
    out.stderr += result.stderr;
    if (result.exitCode !== 0) out.exitCode = result.exitCode;
  }
  return out;
});
