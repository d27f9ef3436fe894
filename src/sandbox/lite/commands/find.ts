/**
 * `find` whose `-delete` never starts above the work dir (`find / -delete` would empty the whole sandbox
 * and the work dir with it) and that leaves `.` alone as GNU's does; the rest is just-bash's find.
 */
import { normalizePosix } from '../../paths';
import { defineLiteCommand, type LiteCommand } from '../engine';
import { protectedBy } from '../workdir-guard';
import { callOriginal } from './original';

/** The start points: the words before the first one that opens the expression. */
function startPoints(args: readonly string[]): string[] {
  const points: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('-') || arg === '(' || arg === '!' || arg === ')') break;
    points.push(arg);
  }
  return points.length > 0 ? points : ['.'];
}

export const findCommand: LiteCommand = defineLiteCommand('find', async (args, ctx) => {
  const deletes = args.includes('-delete');
  if (deletes) {
    for (const point of startPoints(args)) {
      const absolute = normalizePosix(point.startsWith('/') ? point : `${ctx.cwd}/${point}`);
      const kept = protectedBy(absolute, ctx.cwd);
      if (kept !== undefined && kept !== absolute) {
        return {
          stdout: '',
          stderr: `find: refusing to -delete under '${point}': it holds ${kept}. Start find inside it (e.g. find . -name '*.tmp' -delete).\n`,
          exitCode: 1,
        };
      }
    }
  }
  const found = await callOriginal(ctx, 'find', args);
  // GNU quotes the name it cannot find: find: 'x': No such file or directory
  const result = { ...found, stderr: found.stderr.replace(/^find: (?!')(.*): No such file or directory$/gm, "find: '$1': No such file or directory") };
  if (!deletes) return result;
  // GNU find never deletes the start point `.`; ours would have been refused by the guard: drop that line
  const kept = result.stderr.split(/(?<=\n)/).filter((line) => line !== "find: cannot delete '.': Device or resource busy\n");
  const stderr = kept.join('');
  return { ...result, stderr, exitCode: stderr === '' && result.exitCode === 1 ? 0 : result.exitCode };
});
