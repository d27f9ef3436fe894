/**
 * `git` in the lite sandbox: the git front end (src/git, on isomorphic-git) over the sandbox's file system.
 * The front end loads on first use, so the page's initial JS does not carry isomorphic-git. Remote
 * operations (clone, fetch, pull, push) run here, but their network part goes through the page's broker
 * (src/github/broker.ts, lent to this worker by lite-host.ts): the token never enters the sandbox. Without a
 * broker they fail with a message saying so.
 */
import { allStatsOf, defineLiteCommand, type IFileSystem } from '../engine';
import type { GitFs, GitRemote } from '../../../git';

type FrontEnd = typeof import('../../../git');

let frontEnd: Promise<FrontEnd> | undefined;
const adapters = new WeakMap<IFileSystem, GitFs>();
let broker: GitRemote | undefined;

/** Connect (or with `undefined`, disconnect) the page's broker for clone/fetch/pull/push. */
export function setGitRemote(remote: GitRemote | undefined): void {
  broker = remote;
}

/**
 * `git` over the command's file system; `shellFs` (the engine's own, which the command's is a view of) lets the
 * status walk read every file's stat at once instead of one awaited call per file.
 */
export function gitCommandOver(shellFs?: () => IFileSystem) {
  return defineLiteCommand('git', async (args, ctx) => {
    const git = await (frontEnd ??= import('../../../git'));
    let fs = adapters.get(ctx.fs);
    if (!fs) adapters.set(ctx.fs, (fs = git.fromBashFs(ctx.fs, shellFs ? { allStats: () => allStatsOf(shellFs()) } : {})));
    return git.runGit(args, { fs, cwd: ctx.cwd, env: Object.fromEntries(ctx.env), remote: broker });
  });
}

export const gitCommand = gitCommandOver();
