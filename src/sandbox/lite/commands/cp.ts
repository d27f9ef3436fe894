/**
 * `cp` with GNU's `-a` (as `-rp`), `-f`, `-T`, `-t DIR`, `-v` naming the target as given, and GNU's
 * messages for a missing destination; the copying is just-bash's.
 */
import { defineLiteCommand, type LiteCommand } from '../engine';
import { optionFailure, parseGnuOptions } from './gnu-options';
import { callOriginal } from './original';

const SPECS = {
  archive: { short: 'a', long: 'archive' },
  recursive: { short: 'r', long: 'recursive' },
  recursiveUpper: { short: 'R' },
  noClobber: { short: 'n', long: 'no-clobber' },
  preserve: { short: 'p' },
  verbose: { short: 'v', long: 'verbose' },
  force: { short: 'f', long: 'force' },
  interactive: { short: 'i', long: 'interactive' },
  update: { short: 'u', long: 'update' },
  dereference: { short: 'L', long: 'dereference' },
  noDereference: { short: 'P', long: 'no-dereference' },
  noTargetDir: { short: 'T', long: 'no-target-directory' },
  target: { short: 't', long: 'target-directory', value: true },
};

export const cpCommand: LiteCommand = defineLiteCommand('cp', async (args, ctx) => {
  const parsed = parseGnuOptions('cp', args, SPECS);
  if ('error' in parsed) return optionFailure(parsed);
  const { flags } = parsed;
  const target = parsed.values.get('target');
  const operands = target === undefined ? parsed.operands : [...parsed.operands, target];
  if (operands.length === 0) return optionFailure({ error: "cp: missing file operand\nTry 'cp --help' for more information.\n" });
  if (operands.length === 1) {
    return optionFailure({ error: `cp: missing destination file operand after '${operands[0]}'\nTry 'cp --help' for more information.\n` });
  }
  const passOn = [
    ...(flags.has('archive') || flags.has('recursive') || flags.has('recursiveUpper') ? ['-r'] : []),
    ...(flags.has('archive') || flags.has('preserve') ? ['-p'] : []),
    ...(flags.has('noClobber') ? ['-n'] : []),
    ...(flags.has('verbose') ? ['-v'] : []),
  ];
  const result = await callOriginal(ctx, 'cp', [...passOn, '--', ...operands]);
  if (!flags.has('verbose')) return result;
  // just-bash names the target by its absolute path; GNU as it was given
  const dest = operands[operands.length - 1].replace(/\/+$/, '');
  const destAbsolute = ctx.fs.resolvePath(ctx.cwd, dest);
  return { ...result, stdout: result.stdout.split(`-> '${destAbsolute}`).join(`-> '${dest}`) };
});
