/** `realpath` (GNU coreutils; just-bash lacks it): absolute paths with `.`, `..` and links resolved. */
import { normalizePosix } from '../../paths';
import { defineLiteCommand, type LiteCommand } from '../engine';
import { optionFailure, parseGnuOptions } from './gnu-options';

const SPECS = {
  canonicalizeMissing: { short: 'm', long: 'canonicalize-missing' },
  canonicalizeExisting: { short: 'e', long: 'canonicalize-existing' },
  noSymlinks: { short: 's', long: 'no-symlinks' },
  quiet: { short: 'q', long: 'quiet' },
  relativeTo: { long: 'relative-to', value: true },
};

export const realpathCommand: LiteCommand = defineLiteCommand('realpath', async (args, ctx) => {
  const parsed = parseGnuOptions('realpath', args, SPECS);
  if ('error' in parsed) return optionFailure(parsed);
  if (parsed.operands.length === 0) return optionFailure({ error: "realpath: missing operand\nTry 'realpath --help' for more information.\n" });
  let stdout = '';
  let stderr = '';
  for (const operand of parsed.operands) {
    const absolute = normalizePosix(operand.startsWith('/') ? operand : `${ctx.cwd}/${operand}`);
    const resolved = parsed.flags.has('noSymlinks') ? absolute : await ctx.fs.realpath(absolute).catch(() => undefined);
    const parentExists = await ctx.fs.exists(absolute.replace(/\/[^/]*$/, '') || '/');
    if (resolved === undefined && !(parsed.flags.has('canonicalizeMissing') || (parentExists && !parsed.flags.has('canonicalizeExisting')))) {
      if (!parsed.flags.has('quiet')) stderr += `realpath: ${operand}: No such file or directory\n`;
      continue;
    }
    const path = resolved ?? absolute;
    const base = parsed.values.get('relativeTo');
    stdout += `${base === undefined ? path : relative(normalizePosix(base.startsWith('/') ? base : `${ctx.cwd}/${base}`), path)}\n`;
  }
  return { stdout, stderr, exitCode: stderr || stdout.split('\n').length - 1 < parsed.operands.length ? 1 : 0 };
});

function relative(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/') || '.';
}
