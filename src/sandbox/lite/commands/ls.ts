/**
 * `ls` as GNU's prints it when its output is not a terminal: one name a line, file operands first, then each
 * directory under a `dir:` header when there are several operands, no blank lines between file names, and
 * `cannot access 'x'` for a missing one (exit 2). The long format (`-l`) is just-bash's, one operand at a time.
 */
import { defineLiteCommand, type LiteCommand } from '../engine';
import { optionFailure, parseGnuOptions, type OptionSpec, type ParsedOptions } from './gnu-options';
import { callOriginal } from './original';

const SPECS: Record<string, OptionSpec> = {
  all: { short: 'a', long: 'all' },
  almostAll: { short: 'A', long: 'almost-all' },
  long: { short: 'l' },
  human: { short: 'h', long: 'human-readable' },
  recursive: { short: 'R', long: 'recursive' },
  reverse: { short: 'r', long: 'reverse' },
  bySize: { short: 'S' },
  byTime: { short: 't' },
  unsorted: { short: 'U' },
  classify: { short: 'F', long: 'classify' },
  slash: { short: 'p' },
  directory: { short: 'd', long: 'directory' },
  one: { short: '1' },
  columns: { short: 'C' },
  across: { short: 'x' },
  literal: { short: 'N', long: 'literal' },
  color: { long: 'color' },
  groupDirs: { long: 'group-directories-first' },
};

type Ctx = Parameters<LiteCommand['execute']>[1];
interface Entry {
  name: string;
  isDir: boolean;
  isLink: boolean;
  executable: boolean;
  size: number;
  mtime: number;
}

export const lsCommand: LiteCommand = defineLiteCommand('ls', async (args, ctx) => {
  const parsed = parseGnuOptions('ls', args.filter((arg) => !/^--colou?r=/.test(arg)), SPECS);
  if ('error' in parsed) return optionFailure(parsed, 2);
  const { flags } = parsed;
  const operands = parsed.operands.length > 0 ? parsed.operands : ['.'];
  if (flags.has('long')) return longListing(operands, parsed, ctx);
  let stderr = '';
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const operand of operands) {
    const entry = await entryOf(ctx, operand, operand);
    if (!entry) stderr += `ls: cannot access '${operand}': No such file or directory\n`;
    else if (entry.isDir && !flags.has('directory')) dirs.push(entry);
    else files.push(entry);
  }
  const blocks: string[] = [];
  if (files.length > 0) blocks.push(lines(sorted(files, flags), flags));
  const headers = operands.length > 1 || flags.has('recursive');
  for (const dir of sorted(dirs, flags)) blocks.push(...(await listDir(ctx, dir.name, flags, headers)));
  return { stdout: blocks.join('\n'), stderr, exitCode: stderr ? 2 : 0 };
});

/** One directory's block (and, with -R, its subdirectories' blocks after it). */
async function listDir(ctx: Ctx, path: string, flags: Set<string>, header: boolean): Promise<string[]> {
  const absolute = ctx.fs.resolvePath(ctx.cwd, path);
  const names = await ctx.fs.readdir(absolute);
  const shown = names.filter((name) => !name.startsWith('.') || flags.has('all') || flags.has('almostAll'));
  const entries = (await Promise.all(shown.map((name) => entryOf(ctx, `${absolute}/${name}`, name)))).filter(
    (entry): entry is Entry => entry !== undefined,
  );
  if (flags.has('all')) entries.unshift(...(['.', '..'].map((name) => ({ name, isDir: true, isLink: false, executable: true, size: 0, mtime: 0 }))));
  const ordered = sorted(entries, flags);
  const blocks = [`${header ? `${path}:\n` : ''}${lines(ordered, flags)}`];
  if (flags.has('recursive')) {
    for (const entry of ordered) {
      if (!entry.isDir || entry.isLink || entry.name === '.' || entry.name === '..') continue;
      blocks.push(...(await listDir(ctx, path === '/' ? `/${entry.name}` : `${path}/${entry.name}`, flags, true)));
    }
  }
  return blocks;
}

async function entryOf(ctx: Ctx, path: string, name: string): Promise<Entry | undefined> {
  const absolute = ctx.fs.resolvePath(ctx.cwd, path);
  const link = await ctx.fs.lstat(absolute).catch(() => undefined);
  if (!link) return undefined;
  const stat = link.isSymbolicLink ? await ctx.fs.stat(absolute).catch(() => link) : link;
  return {
    name,
    isDir: stat.isDirectory,
    isLink: link.isSymbolicLink,
    executable: (stat.mode & 0o111) !== 0,
    size: stat.size,
    mtime: stat.mtime?.getTime() ?? 0,
  };
}

/** GNU's order in the C locale: by name (bytes), or size / time first with -S / -t; -r reverses, -U keeps. */
function sorted(entries: Entry[], flags: Set<string>): Entry[] {
  if (flags.has('unsorted')) return entries;
  const byName = (a: Entry, b: Entry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const order = flags.has('bySize')
    ? (a: Entry, b: Entry) => b.size - a.size || byName(a, b)
    : flags.has('byTime')
      ? (a: Entry, b: Entry) => b.mtime - a.mtime || byName(a, b)
      : byName;
  const out = [...entries].sort(order);
  return flags.has('reverse') ? out.reverse() : out;
}

function lines(entries: Entry[], flags: Set<string>): string {
  return entries.map((entry) => `${entry.name}${suffix(entry, flags)}\n`).join('');
}

function suffix(entry: Entry, flags: Set<string>): string {
  if (flags.has('classify')) return entry.isLink ? '@' : entry.isDir ? '/' : entry.executable ? '*' : '';
  return flags.has('slash') && entry.isDir ? '/' : '';
}

/** `ls -l`: just-bash's long format, one operand at a time, blocks as GNU separates them. */
async function longListing(operands: string[], parsed: ParsedOptions, ctx: Ctx): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const passOn = [...parsed.flags].map((flag) => SPECS[flag].short ?? '').filter((short) => short !== '' && !'pUCxN1'.includes(short)).map((short) => `-${short}`);
  const blocks: string[] = [];
  let stderr = '';
  for (const operand of operands) {
    if (!(await ctx.fs.lstat(ctx.fs.resolvePath(ctx.cwd, operand)).catch(() => undefined))) {
      stderr += `ls: cannot access '${operand}': No such file or directory\n`;
      continue;
    }
    const result = await callOriginal(ctx, 'ls', [...passOn, '--', operand]);
    const isDir = (await ctx.fs.stat(ctx.fs.resolvePath(ctx.cwd, operand)).catch(() => undefined))?.isDirectory;
    blocks.push(operands.length > 1 && isDir && !parsed.flags.has('directory') ? `${operand}:\n${result.stdout}` : result.stdout);
    stderr += result.stderr;
  }
  return { stdout: blocks.join(operands.length > 1 ? '\n' : ''), stderr, exitCode: stderr ? 2 : 0 };
}
