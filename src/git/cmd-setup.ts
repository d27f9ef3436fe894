/** Setting up and housekeeping: init, config, remote, stash. */
import { iso } from './iso';
import type { GitCommand, GitContext, GitResult, CommandRun } from './context';
import { parseArgs, has } from './args';
import { fatal, GitFailure } from './errors';
import { normalize } from './paths';
import { readGlobalConfig, writeGlobalConfig } from './global-config';
import { currentBranch, headOid, short } from './repo';
import { subject } from './format-commit';
import { collectChanges, collapseUntracked, directoriesOf } from './changes';
import { longStatus } from './status';

/** `git init [-b <branch>] [-q] [<dir>]` (runs outside any repository). */
export async function initCommand(args: string[], ctx: GitContext): Promise<GitResult> {
  const p = parseArgs('init', args, { flags: ['-q', '--quiet'], values: ['-b', '--initial-branch'] });
  const dir = normalize(p.words[0] ? (p.words[0].startsWith('/') ? p.words[0] : `${ctx.cwd}/${p.words[0]}`) : ctx.cwd);
  const existed = await ctx.fs.promises.stat(`${dir}/.git/config`).then(() => true, () => false);
  const defaultBranch = p.values.get('-b')?.[0] ?? p.values.get('--initial-branch')?.[0] ?? 'main';
  if (!existed) {
    await mkdirs(ctx, dir);
    await iso.init({ fs: ctx.fs, dir, defaultBranch });
  }
  const stdout = has(p, '-q', '--quiet') ? '' : `${existed ? 'Reinitialized existing' : 'Initialized empty'} Git repository in ${dir}/.git/\n`;
  return { stdout, stderr: '', exitCode: 0 };
}

async function mkdirs(ctx: GitContext, dir: string): Promise<void> {
  let current = '';
  for (const part of dir.split('/').filter(Boolean)) {
    current += `/${part}`;
    await ctx.fs.promises.mkdir(current).catch(() => undefined);
  }
}

/** `git config` get/set for the repository (or ~/.gitconfig with --global). */
export async function configCommand(args: string[], ctx: GitContext, run: CommandRun | undefined): Promise<GitResult> {
  const p = parseArgs('config', args, { flags: ['--global', '--local', '--get', '-l', '--list', '--unset', '--add', '--bool'] });
  const global = has(p, '--global') || !run;
  if (!global && !run) throw fatal('not in a git directory');
  if (has(p, '-l', '--list')) {
    const values = global ? await readGlobalConfig(ctx.fs, ctx.env) : undefined;
    const text = values ? [...values].map(([k, v]) => `${k}=${v}\n`).join('') : await listRepoConfig(run!);
    return { stdout: text, stderr: '', exitCode: 0 };
  }
  const [key, ...rest] = p.words;
  if (!key) throw new GitFailure('usage: git config [<options>]\n', 129);
  if (!/^[A-Za-z][\w-]*(\.[^.]+)*\.[A-Za-z][\w-]*$/.test(key)) throw new GitFailure(`error: key does not contain a section: ${key}\n`, 1);
  if (rest.length === 0 && !has(p, '--unset')) {
    const found = global
      ? (await readGlobalConfig(ctx.fs, ctx.env)).get(key.toLowerCase())
      : ((await iso.getConfig({ fs: run!.repo.fs, dir: run!.repo.dir, path: key })) as string | undefined) ??
        (await readGlobalConfig(ctx.fs, ctx.env)).get(key.toLowerCase());
    return found === undefined ? { stdout: '', stderr: '', exitCode: 1 } : { stdout: `${found}\n`, stderr: '', exitCode: 0 };
  }
  const valueToSet = has(p, '--unset') ? undefined : rest.join(' ');
  if (global) await writeGlobalConfig(ctx.fs, ctx.env, key, valueToSet ?? '');
  else await iso.setConfig({ fs: run!.repo.fs, dir: run!.repo.dir, path: key, value: valueToSet });
  return { stdout: '', stderr: '', exitCode: 0 };
}

async function listRepoConfig(run: CommandRun): Promise<string> {
  const text = (await run.repo.fs.promises.readFile(`${run.repo.gitdir}/config`, { encoding: 'utf8' })) as string;
  let section = '';
  let out = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = /^\[([^\]\s"]+)(?:\s+"([^"]*)")?\]$/.exec(line);
    if (header) section = header[2] ? `${header[1].toLowerCase()}.${header[2]}` : header[1].toLowerCase();
    const pair = /^([A-Za-z][\w-]*)\s*=\s*(.*)$/.exec(line);
    if (pair && section) out += `${section}.${pair[1].toLowerCase()}=${pair[2]}\n`;
  }
  return out;
}

export const remoteCommand: GitCommand = async (args, run) => {
  const p = parseArgs('remote', args, { flags: ['-v', '--verbose'] });
  const [sub, name, url] = p.words;
  const { fs, dir } = run.repo;
  if (sub === 'add') {
    if (!name || !url) throw new GitFailure('usage: git remote add <name> <url>\n', 129);
    if ((await iso.listRemotes({ fs, dir })).some((r) => r.remote === name)) throw new GitFailure(`error: remote ${name} already exists.\n`, 3);
    await iso.addRemote({ fs, dir, remote: name, url });
    return;
  }
  if (sub === 'remove' || sub === 'rm') {
    if (!(await iso.listRemotes({ fs, dir })).some((r) => r.remote === name)) throw new GitFailure(`error: No such remote: '${name}'\n`, 2);
    await iso.deleteRemote({ fs, dir, remote: name! });
    return;
  }
  if (sub === 'get-url' || sub === 'set-url') {
    const remote = (await iso.listRemotes({ fs, dir })).find((r) => r.remote === name);
    if (!remote) throw new GitFailure(`error: No such remote '${name}'\n`, 2);
    if (sub === 'get-url') run.out.push(`${remote.url}\n`);
    else await iso.setConfig({ fs, dir, path: `remote.${name}.url`, value: url });
    return;
  }
  if (sub) throw new GitFailure(`error: unknown subcommand: \`${sub}'\n`, 129);
  for (const remote of (await iso.listRemotes({ fs, dir })).sort((a, b) => a.remote.localeCompare(b.remote))) {
    run.out.push(has(p, '-v', '--verbose') ? `${remote.remote}\t${remote.url} (fetch)\n${remote.remote}\t${remote.url} (push)\n` : `${remote.remote}\n`);
  }
};

async function stashRef(run: CommandRun): Promise<string | undefined> {
  return iso.resolveRef({ fs: run.repo.fs, dir: run.repo.dir, ref: 'refs/stash' }).catch(() => undefined);
}

export const stashCommand: GitCommand = async (args, run) => {
  const [sub = 'push', ...rest] = args;
  const { fs, dir, cache } = run.repo;
  const head = await headOid(run.repo);
  const branch = (await currentBranch(run.repo)) ?? '(no branch)';
  if (sub === 'push' || sub === 'save' || sub.startsWith('-')) {
    const p = parseArgs('stash', sub.startsWith('-') ? args : rest, { flags: ['-q', '--quiet', '-u', '--include-untracked'], values: ['-m', '--message'] });
    if (!head) throw new GitFailure('You do not have the initial commit yet\n', 1);
    const changes = await collectChanges(run.repo);
    if (!changes.changes.length) {
      run.out.push('No local changes to save\n');
      return;
    }
    const { commit } = await iso.readCommit({ fs, dir, oid: head, cache });
    const message = p.values.get('-m')?.[0] ?? p.values.get('--message')?.[0];
    await iso.stash({ fs, dir, op: 'push', message: message ?? '' });
    const label = message ? `On ${branch}: ${message}` : `WIP on ${branch}: ${short(head)} ${subject(commit.message)}`;
    if (!has(p, '-q', '--quiet')) run.out.push(`Saved working directory and index state ${label}\n`);
    return;
  }
  if (sub === 'list') {
    const entries = await iso.stash({ fs, dir, op: 'list' });
    for (const [i, line] of ((entries ?? []) as unknown as string[]).entries()) run.out.push(`stash@{${i}}: ${line}\n`);
    return;
  }
  if (sub === 'pop' || sub === 'apply' || sub === 'drop' || sub === 'clear') {
    const top = await stashRef(run);
    if (!top && sub !== 'clear') throw new GitFailure('error: No stash entries found.\n', 1);
    await iso.stash({ fs, dir, op: sub });
    if (sub === 'pop' || sub === 'apply') {
      const changes = await collectChanges(run.repo);
      run.out.push(await longStatus(run.repo, changes, collapseUntracked(changes.untracked, directoriesOf(changes.index.keys())), run.prefix));
    }
    if (sub === 'pop' || sub === 'drop') run.out.push(`Dropped refs/stash@{0} (${top})\n`);
    return;
  }
  throw new GitFailure(`error: unknown subcommand: \`${sub}'\n`, 129);
};
