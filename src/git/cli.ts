/**
 * The git front end: argv in, git-like output and exit code out, over any file system isomorphic-git can
 * use. Both sandboxes run this; anything outside the supported subset says so and exits 1.
 */
import type { CommandRun, GitCommand, GitContext, GitResult } from './context';
import { GitFailure } from './errors';
import { findRepo } from './repo';
import { indexStamp, smudgeRacilyClean } from './racy';
import { cwdPrefix, normalize } from './paths';
import { statusCommand, diffCommand, logCommand, showCommand, revParseCommand } from './cmd-inspect';
import { addCommand, rmCommand, mvCommand, restoreCommand, resetCommand } from './cmd-stage';
import { commitCommand } from './cmd-commit';
import { branchCommand, checkoutCommand, switchCommand } from './cmd-branch';
import { initCommand, configCommand, remoteCommand, stashCommand } from './cmd-setup';
import { cloneCommand, fetchCommand, pullCommand } from './cmd-remote';
import { pushCommand } from './cmd-push';

const IN_REPO: Record<string, GitCommand> = {
  status: statusCommand,
  add: addCommand,
  commit: commitCommand,
  diff: diffCommand,
  log: logCommand,
  show: showCommand,
  branch: branchCommand,
  checkout: checkoutCommand,
  switch: switchCommand,
  restore: restoreCommand,
  reset: resetCommand,
  rm: rmCommand,
  mv: mvCommand,
  'rev-parse': revParseCommand,
  remote: remoteCommand,
  stash: stashCommand,
  fetch: fetchCommand,
  pull: pullCommand,
  push: pushCommand,
};

/** Every subcommand the front end knows, as listed in its "not supported" message. */
export const SUPPORTED_COMMANDS: readonly string[] = ['init', 'clone', 'config', ...Object.keys(IN_REPO)].sort();

export const VERSION = 'git version 2.39.5 (autopilot, isomorphic-git)';

function usageText(): string {
  return `usage: git [-C <path>] <command> [<args>]\n\nsupported here: ${SUPPORTED_COMMANDS.join(', ')}\n`;
}

function unsupported(command: string): GitResult {
  return { stdout: '', stderr: `git: '${command}' is not supported here (supported: ${SUPPORTED_COMMANDS.join(', ')})\n`, exitCode: 1 };
}

/** Run `git <argv…>`. Failures are results, never exceptions (a bug inside isomorphic-git becomes `fatal:`). */
export async function runGit(argv: readonly string[], ctx: GitContext): Promise<GitResult> {
  let cwd = ctx.cwd;
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-C' && i + 1 < argv.length) cwd = normalize(argv[i + 1].startsWith('/') ? argv[++i] : `${cwd}/${argv[++i]}`);
    else if (arg === '-c' && i + 1 < argv.length) i++;
    else if (arg === '--no-pager' || arg === '-P' || arg === '--no-optional-locks' || arg === '--literal-pathspecs') continue;
    else break;
  }
  const [command, ...args] = argv.slice(i);
  const here: GitContext = { ...ctx, cwd };
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    return { stdout: usageText(), stderr: '', exitCode: command === undefined ? 1 : 0 };
  }
  if (command === '--version' || command === 'version') return { stdout: `${VERSION}\n`, stderr: '', exitCode: 0 };
  try {
    if (command === 'init') return await initCommand(args, here);
    if (command === 'clone') return await cloneCommand(args, here);
    if (command === 'config') {
      const repo = await findRepo(here.fs, cwd).catch(() => undefined);
      const run = repo && { repo, prefix: cwdPrefix(repo.dir, cwd), ctx: here, out: [], err: [] };
      return await configCommand(args, here, run);
    }
    const handler = IN_REPO[command];
    if (!handler) return unsupported(command);
    const repo = await findRepo(here.fs, cwd);
    const run: CommandRun = { repo, prefix: cwdPrefix(repo.dir, cwd), ctx: here, out: [], err: [] };
    const startedMs = Date.now();
    const before = await indexStamp(repo);
    try {
      const exitCode = (await handler(args, run)) ?? 0;
      return { stdout: run.out.join(''), stderr: run.err.join(''), exitCode };
    } finally {
      await smudgeRacilyClean(repo, before, startedMs);
    }
  } catch (error) {
    if (error instanceof GitFailure) return { stdout: '', stderr: error.message, exitCode: error.exitCode };
    const message = error instanceof Error ? error.message : String(error);
    return { stdout: '', stderr: `fatal: ${message}\n`, exitCode: 128 };
  }
}
