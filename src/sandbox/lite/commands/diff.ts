/**
 * `diff` as GNU's: the normal format by default (just-bash printed a unified diff), `-u`/`-U N` unified with
 * GNU's header, `-q`, `-s`, `-i`, `-w`, `-b`, `-N` and `-r` over directories; exit 0 same, 1 different,
 * 2 trouble.
 */
import { defineLiteCommand, stdinText, type LiteCommand } from '../engine';
import { optionFailure, parseGnuOptions, type ParsedOptions } from './gnu-options';
import { normalDiff, unifiedHunks, type LineDiffOptions } from './line-diff';

const SPECS = {
  unified: { short: 'u' },
  unifiedN: { short: 'U', long: 'unified', value: true },
  brief: { short: 'q', long: 'brief' },
  same: { short: 's', long: 'report-identical-files' },
  ignoreCase: { short: 'i', long: 'ignore-case' },
  ignoreAllSpace: { short: 'w', long: 'ignore-all-space' },
  ignoreSpaceChange: { short: 'b', long: 'ignore-space-change' },
  newFile: { short: 'N', long: 'new-file' },
  recursive: { short: 'r', long: 'recursive' },
  text: { short: 'a', long: 'text' },
};

type Ctx = Parameters<LiteCommand['execute']>[1];
interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}
interface Side {
  name: string;
  text?: string;
  isDir: boolean;
  mtime?: Date;
}

export const diffCommand: LiteCommand = defineLiteCommand('diff', async (args, ctx) => {
  const parsed = parseGnuOptions('diff', args.filter((arg) => !/^--colou?r(=.*)?$/.test(arg)), SPECS);
  if ('error' in parsed) return optionFailure(parsed, 2);
  if (parsed.operands.length !== 2) {
    const which = parsed.operands.length < 2 ? `missing operand after '${parsed.operands.at(-1) ?? 'diff'}'` : `extra operand '${parsed.operands[2]}'`;
    return optionFailure({ error: `diff: ${which}\ndiff: Try 'diff --help' for more information.\n` }, 2);
  }
  const [left, right] = await Promise.all(parsed.operands.map((name) => read(ctx, name)));
  return compare(ctx, left, right, parsed, true);
});

async function read(ctx: Ctx, name: string): Promise<Side | undefined> {
  if (name === '-') return { name, text: stdinText(ctx.stdin), isDir: false, mtime: new Date() };
  const absolute = ctx.fs.resolvePath(ctx.cwd, name);
  const stat = await ctx.fs.stat(absolute).catch(() => undefined);
  if (!stat) return undefined;
  if (stat.isDirectory) return { name, isDir: true };
  return { name, text: await ctx.fs.readFile(absolute), isDir: false, mtime: stat.mtime };
}

async function compare(ctx: Ctx, left: Side | undefined, right: Side | undefined, parsed: ParsedOptions, top: boolean, names?: [string, string]): Promise<Outcome> {
  const [leftName, rightName] = names ?? parsed.operands;
  const newFile = parsed.flags.has('newFile');
  if (!left && !(newFile && right)) return { stdout: '', stderr: `diff: ${leftName}: No such file or directory\n`, exitCode: 2 };
  if (!right && !(newFile && left)) return { stdout: '', stderr: `diff: ${rightName}: No such file or directory\n`, exitCode: 2 };
  const a = left ?? { name: leftName, text: '', isDir: false, mtime: new Date(0) };
  const b = right ?? { name: rightName, text: '', isDir: false, mtime: new Date(0) };
  if (a.isDir && b.isDir) return compareDirs(ctx, a.name, b.name, parsed);
  if (a.isDir !== b.isDir && top) {
    // a file and a directory: compare the file with the directory's file of the same name
    const [dir, file] = a.isDir ? [a, b] : [b, a];
    const inner = await read(ctx, `${dir.name.replace(/\/+$/, '')}/${file.name.split('/').pop()}`);
    return a.isDir ? compare(ctx, inner, b, parsed, false, [inner?.name ?? dir.name, b.name]) : compare(ctx, a, inner, parsed, false, [a.name, inner?.name ?? dir.name]);
  }
  return compareTexts(a, b, parsed);
}

function compareTexts(a: Side, b: Side, parsed: ParsedOptions): Outcome {
  const options: LineDiffOptions = {
    ignoreCase: parsed.flags.has('ignoreCase'),
    ignoreAllSpace: parsed.flags.has('ignoreAllSpace'),
    ignoreSpaceChange: parsed.flags.has('ignoreSpaceChange'),
  };
  const normal = normalDiff(a.text ?? '', b.text ?? '', options);
  if (normal === '') {
    const same = parsed.flags.has('same') ? `Files ${a.name} and ${b.name} are identical\n` : '';
    return { stdout: same, stderr: '', exitCode: 0 };
  }
  if (parsed.flags.has('brief')) return { stdout: `Files ${a.name} and ${b.name} differ\n`, stderr: '', exitCode: 1 };
  const context = parsed.values.get('unifiedN');
  if (context === undefined && !parsed.flags.has('unified')) return { stdout: normal, stderr: '', exitCode: 1 };
  const lines = Number(context ?? 3);
  const header = `--- ${a.name}\t${gnuTime(a.mtime)}\n+++ ${b.name}\t${gnuTime(b.mtime)}\n`;
  return { stdout: header + unifiedHunks(a.text ?? '', b.text ?? '', Number.isFinite(lines) ? lines : 3), stderr: '', exitCode: 1 };
}

async function compareDirs(ctx: Ctx, left: string, right: string, parsed: ParsedOptions): Promise<Outcome> {
  const list = async (dir: string) => new Set(await ctx.fs.readdir(ctx.fs.resolvePath(ctx.cwd, dir)));
  const [a, b] = await Promise.all([list(left), list(right)]);
  const out: Outcome = { stdout: '', stderr: '', exitCode: 0 };
  const join = (dir: string, name: string) => `${dir.replace(/\/+$/, '')}/${name}`;
  for (const name of [...new Set([...a, ...b])].sort()) {
    if (!b.has(name) && !parsed.flags.has('newFile')) {
      out.stdout += `Only in ${left.replace(/\/+$/, '')}: ${name}\n`;
      out.exitCode = Math.max(out.exitCode, 1);
      continue;
    }
    if (!a.has(name) && !parsed.flags.has('newFile')) {
      out.stdout += `Only in ${right.replace(/\/+$/, '')}: ${name}\n`;
      out.exitCode = Math.max(out.exitCode, 1);
      continue;
    }
    const [x, y] = await Promise.all([read(ctx, join(left, name)), read(ctx, join(right, name))]);
    if (x?.isDir && y?.isDir && !parsed.flags.has('recursive')) {
      out.stdout += `Common subdirectories: ${join(left, name)} and ${join(right, name)}\n`;
      continue;
    }
    const result = await compare(ctx, x, y, parsed, false, [join(left, name), join(right, name)]);
    const shown = result.stdout && !(x?.isDir && y?.isDir) && !parsed.flags.has('brief') ? `diff ${optionsLine(parsed)}${join(left, name)} ${join(right, name)}\n` : '';
    out.stdout += shown + result.stdout;
    out.stderr += result.stderr;
    out.exitCode = Math.max(out.exitCode, result.exitCode);
  }
  return out;
}

/** The options as GNU repeats them before each file pair of a directory diff (`diff -r a/x b/x`). */
function optionsLine(parsed: ParsedOptions): string {
  const shorts = [...parsed.flags].map((flag) => SPECS[flag as keyof typeof SPECS].short).join('');
  return shorts ? `-${shorts} ` : '';
}

/** GNU's timestamp in unified headers: `2024-01-02 03:04:05.678000000 +0000`. */
function gnuTime(date: Date = new Date()): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}000000 +0000`
  );
}
