/** `git commit`: -m (repeatable), -a, --allow-empty, --amend; prints git's summary. */
import { iso } from './iso';
import type { GitCommand, CommandRun } from './context';
import { parseArgs, has } from './args';
import { collectChanges, collapseUntracked, directoriesOf } from './changes';
import { longStatus } from './status';
import { stage } from './cmd-stage';
import { currentBranch, headOid, commitTree, short } from './repo';
import { signature } from './identity';
import { changedPairs, treeVersions } from './versions';
import { diffStat, summaryLine, lineCounts, type FilePair } from './patch';
import { subject } from './format-commit';
import { GitFailure } from './errors';

/** git's message cleanup: trailing spaces and surrounding blank lines go, a final newline comes. */
function cleanMessage(parts: string[]): string {
  const text = parts.join('\n\n').split('\n').map((line) => line.trimEnd()).join('\n');
  return `${text.replace(/^\n+/, '').replace(/\n{3,}/g, '\n\n').replace(/\n+$/, '')}\n`;
}

function modeLines(pairs: FilePair[]): string {
  let out = '';
  for (const pair of pairs) {
    if (!pair.old && pair.new) out += ` create mode ${pair.new.mode.toString(8)} ${pair.path}\n`;
    else if (pair.old && !pair.new) out += ` delete mode ${pair.old.mode.toString(8)} ${pair.path}\n`;
    else if (pair.from) out += ` rename ${pair.from} => ${pair.path} (100%)\n`;
    else if (pair.old && pair.new && pair.old.mode !== pair.new.mode) out += ` mode change ${pair.old.mode.toString(8)} => ${pair.new.mode.toString(8)} ${pair.path}\n`;
  }
  return out;
}

/** The lines git prints after a commit: "[main abc1234] subject", the summary and the mode lines. */
export async function commitSummary(run: CommandRun, oid: string, root: boolean): Promise<string> {
  const { commit } = await iso.readCommit({ fs: run.repo.fs, dir: run.repo.dir, oid, cache: run.repo.cache });
  const before = await treeVersions(run.repo, commit.parent[0] ? await commitTree(run.repo, commit.parent[0]) : undefined);
  const pairs = await changedPairs(before, await treeVersions(run.repo, commit.tree));
  let added = 0;
  let removed = 0;
  for (const pair of pairs) {
    const counts = lineCounts(pair);
    added += counts?.added ?? 0;
    removed += counts?.removed ?? 0;
  }
  const branch = (await currentBranch(run.repo)) ?? 'detached HEAD';
  void diffStat;
  return `[${branch}${root ? ' (root-commit)' : ''} ${short(oid)}] ${subject(commit.message)}\n${summaryLine(pairs.length, added, removed)}${modeLines(pairs)}`;
}

export const commitCommand: GitCommand = async (args, run) => {
  const p = parseArgs('commit', args, {
    flags: ['-a', '--all', '--allow-empty', '--amend', '-q', '--quiet', '-v', '--no-verify', '-n', '--no-edit', '-s', '--signoff'],
    values: ['-m', '--message', '-F', '--file', '--author'],
  });
  const messages = [...(p.values.get('-m') ?? []), ...(p.values.get('--message') ?? [])];
  const file = p.values.get('-F')?.[0] ?? p.values.get('--file')?.[0];
  if (file) messages.push((await run.repo.fs.promises.readFile(file.startsWith('/') ? file : `${run.ctx.cwd}/${file}`, { encoding: 'utf8' })) as string);
  const amend = has(p, '--amend');
  const head = await headOid(run.repo);
  let parent = head ? [head] : [];
  if (amend) {
    if (!head) throw new GitFailure('fatal: You have nothing to amend.\n', 128);
    const { commit } = await iso.readCommit({ fs: run.repo.fs, dir: run.repo.dir, oid: head, cache: run.repo.cache });
    parent = commit.parent;
    if (messages.length === 0) messages.push(commit.message);
  }
  if (messages.length === 0) throw new GitFailure('error: there is no editor here: give the message with -m "<message>"\n', 1);
  if (has(p, '-a', '--all')) await stage(run, [''], { untracked: false });
  const changes = await collectChanges(run.repo);
  const staged = changes.changes.some((c) => c.staged !== ' ');
  if (!staged && !has(p, '--allow-empty') && !amend) {
    run.out.push(await longStatus(run.repo, changes, collapseUntracked(changes.untracked, directoriesOf(changes.index.keys())), run.prefix, true));
    return 1;
  }
  const now = run.ctx.now?.() ?? new Date();
  const author = await signature(run.repo, run.ctx.env, 'AUTHOR', now);
  const authorOption = p.values.get('--author')?.[0];
  const given = authorOption ? /^(.*?)\s*<(.*)>$/.exec(authorOption) : null;
  if (given) Object.assign(author, { name: given[1], email: given[2] });
  const committer = await signature(run.repo, run.ctx.env, 'COMMITTER', now);
  const oid = await iso.commit({ fs: run.repo.fs, dir: run.repo.dir, cache: run.repo.cache, message: cleanMessage(messages), author, committer, parent });
  if (!has(p, '-q', '--quiet')) run.out.push(await commitSummary(run, oid, parent.length === 0));
};
