/**
 * `rm` as GNU's, where just-bash's differs dangerously: an empty operand is "No such file or directory"
 * (just-bash removed the cwd), `.` and `..` are refused, `/` is refused with -r, and the work dir, the home
 * dir, the cwd and any directory above them are never removed ("Device or resource busy").
 */
import { normalizePosix } from '../../paths';
import { defineLiteCommand, type LiteCommand } from '../engine';
import { protectedBy } from '../workdir-guard';
import { optionFailure, parseGnuOptions } from './gnu-options';
import { callOriginal } from './original';

const SPECS = {
  recursive: { short: 'r', long: 'recursive' },
  recursiveUpper: { short: 'R' },
  force: { short: 'f', long: 'force' },
  verbose: { short: 'v', long: 'verbose' },
  dir: { short: 'd', long: 'dir' },
  interactive: { short: 'i' },
  interactiveOnce: { short: 'I' },
  preserveRoot: { long: 'preserve-root' },
  noPreserveRoot: { long: 'no-preserve-root' },
  oneFileSystem: { long: 'one-file-system' },
};

/** Why GNU (or our guard) refuses to remove `operand` before touching anything, if it does. */
function refusal(operand: string, absolute: string, cwd: string, recursive: boolean): string | undefined {
  const last = operand.replace(/\/+$/, '').split('/').pop();
  if (last === '.' || last === '..') {
    return recursive
      ? `rm: refusing to remove '.' or '..' directory: skipping '${operand}'\n`
      : `rm: cannot remove '${operand}': Is a directory\n`;
  }
  if (absolute === '/' && recursive) {
    return "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n";
  }
  if (recursive && protectedBy(absolute, cwd) !== undefined) {
    return `rm: cannot remove '${operand}': Device or resource busy\n`;
  }
  return undefined;
}

export const rmCommand: LiteCommand = defineLiteCommand('rm', async (args, ctx) => {
  const parsed = parseGnuOptions('rm', args, SPECS);
  if ('error' in parsed) return optionFailure(parsed);
  const { flags, operands } = parsed;
  const force = flags.has('force');
  const recursive = flags.has('recursive') || flags.has('recursiveUpper');
  if (operands.length === 0) {
    return force ? { stdout: '', stderr: '', exitCode: 0 } : optionFailure({ error: "rm: missing operand\nTry 'rm --help' for more information.\n" });
  }
  const passOn = [recursive ? '-r' : '', force ? '-f' : '', flags.has('verbose') ? '-v' : ''].filter(Boolean);
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  for (const operand of operands) {
    if (operand === '') {
      if (!force) {
        stderr += "rm: cannot remove '': No such file or directory\n";
        exitCode = 1;
      }
      continue;
    }
    const absolute = normalizePosix(operand.startsWith('/') ? operand : `${ctx.cwd}/${operand}`);
    const refused = refusal(operand, absolute, ctx.cwd, recursive || flags.has('dir'));
    if (refused !== undefined) {
      stderr += refused;
      exitCode = 1;
      continue;
    }
    const result = await removeOne(operand, absolute, { recursive, dirOnly: flags.has('dir'), passOn }, ctx);
    stdout += result.stdout;
    stderr += result.stderr;
    if (result.exitCode !== 0) exitCode = result.exitCode;
  }
  return { stdout, stderr, exitCode };
});

type Ctx = Parameters<LiteCommand['execute']>[1];

/** One operand: `-d` on an empty directory ourselves (just-bash's rm lacks it), the rest by just-bash's rm. */
async function removeOne(
  operand: string,
  absolute: string,
  how: { recursive: boolean; dirOnly: boolean; passOn: string[] },
  ctx: Ctx,
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  if (how.dirOnly && !how.recursive) {
    const stat = await ctx.fs.stat(absolute).catch(() => undefined);
    if (stat?.isDirectory) {
      if ((await ctx.fs.readdir(absolute)).length > 0) {
        return { stdout: '', stderr: `rm: cannot remove '${operand}': Directory not empty\n`, exitCode: 1 };
      }
      await ctx.fs.rm(absolute);
      return { stdout: how.passOn.includes('-v') ? `removed directory '${operand}'\n` : '', stderr: '', exitCode: 0 };
    }
  }
  return callOriginal(ctx, 'rm', [...how.passOn, '--', operand]);
}
