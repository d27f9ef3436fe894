/**
 * `mv` that never moves the work dir, the home dir, the cwd or a directory above them away (GNU:
 * "cannot move '.' to 'x': Device or resource busy"); everything else is just-bash's mv. Adds GNU's
 * `-t DIR` and `-T`.
 */
import { normalizePosix } from '../../paths';
import { defineLiteCommand, type LiteCommand } from '../engine';
import { protectedBy } from '../workdir-guard';
import { optionFailure, parseGnuOptions } from './gnu-options';
import { callOriginal } from './original';

const SPECS = {
  force: { short: 'f', long: 'force' },
  noClobber: { short: 'n', long: 'no-clobber' },
  verbose: { short: 'v', long: 'verbose' },
  interactive: { short: 'i', long: 'interactive' },
  update: { short: 'u', long: 'update' },
  target: { short: 't', long: 'target-directory', value: true },
  noTargetDir: { short: 'T', long: 'no-target-directory' },
};

export const mvCommand: LiteCommand = defineLiteCommand('mv', async (args, ctx) => {
  const parsed = parseGnuOptions('mv', args, SPECS);
  if ('error' in parsed) return optionFailure(parsed);
  const { flags, values } = parsed;
  const operands = [...parsed.operands];
  const target = values.get('target');
  if (target === undefined && operands.length === 1) {
    return optionFailure({ error: `mv: missing destination file operand after '${operands[0]}'\nTry 'mv --help' for more information.\n` });
  }
  if (operands.length === 0) return optionFailure({ error: "mv: missing file operand\nTry 'mv --help' for more information.\n" });
  const dest = target ?? operands.pop()!;
  const absolute = (path: string) => normalizePosix(path.startsWith('/') ? path : `${ctx.cwd}/${path}`);
  const destStat = await ctx.fs.stat(absolute(dest)).catch(() => undefined);
  if ((operands.length > 1 || target !== undefined) && !destStat?.isDirectory) {
    const why = destStat ? 'Not a directory' : 'No such file or directory';
    return optionFailure({ error: `mv: target '${dest}': ${why}\n` });
  }
  let stderr = '';
  const allowed = operands.filter((source) => {
    if (protectedBy(absolute(source), ctx.cwd) === undefined) return true;
    const shown = destStat?.isDirectory && !flags.has('noTargetDir') ? `${dest.replace(/\/+$/, '')}/${baseName(source)}` : dest;
    stderr += `mv: cannot move '${source}' to '${shown}': Device or resource busy\n`;
    return false;
  });
  if (allowed.length === 0) return { stdout: '', stderr, exitCode: 1 };
  const passOn = (['force', 'noClobber', 'verbose'] as const).filter((flag) => flags.has(flag)).map((flag) => `-${SPECS[flag].short}`);
  const result = await callOriginal(ctx, 'mv', [...passOn, '--', ...allowed, dest]);
  return { stdout: result.stdout, stderr: stderr + result.stderr, exitCode: stderr ? 1 : result.exitCode };
});

function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || trimmed;
}
