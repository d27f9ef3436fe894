/** `git status`: long, short (`-s`) and porcelain (`--porcelain`) formats, as git prints them. */
import type { Repo } from './repo';
import { currentBranch, short } from './repo';
import { collectChanges, collapseUntracked, directoriesOf, type Change, type Changes } from './changes';
import { fromPrefix } from './paths';
import { upstreamLine } from './upstream';

/** How a status is printed. */
export interface StatusFormat {
  kind: 'long' | 'short' | 'porcelain';
  branch: boolean;
  prefix: string;
}

const LABELS: Record<string, string> = { A: 'new file:', M: 'modified:', D: 'deleted:', R: 'renamed:' };

function label(kind: string): string {
  return LABELS[kind].padEnd(12);
}

/** The output of `git status` in the given format. */
export async function status(repo: Repo, format: StatusFormat): Promise<string> {
  const changes = await collectChanges(repo, { refresh: true });
  const untracked = collapseUntracked(changes.untracked, directoriesOf(changes.index.keys()));
  if (format.kind === 'long') return longStatus(repo, changes, untracked, format.prefix);
  const rel = (path: string) => (format.kind === 'porcelain' ? path : fromPrefix(format.prefix, path));
  let out = format.branch ? await branchHeader(repo, changes) : '';
  for (const change of changes.changes) {
    const path = change.from ? `${rel(change.from)} -> ${rel(change.path)}` : rel(change.path);
    out += `${change.staged}${change.unstaged} ${path}\n`;
  }
  for (const path of untracked) out += `?? ${rel(path)}\n`;
  return out;
}

async function branchHeader(repo: Repo, changes: Changes): Promise<string> {
  const branch = await currentBranch(repo);
  if (!branch) return '## HEAD (no branch)\n';
  return changes.head ? `## ${branch}\n` : `## No commits yet on ${branch}\n`;
}

/** The first lines of the long format: branch, upstream, "No commits yet". */
export async function statusHeading(repo: Repo, head: string | undefined, forCommit = false): Promise<string> {
  const branch = await currentBranch(repo);
  let out = branch ? `On branch ${branch}\n` : `HEAD detached at ${short(head ?? '')}\n`;
  if (branch && head) out += await upstreamLine(repo, branch, head);
  // git commit's own status says "Initial commit" where git status says "No commits yet".
  if (!head) out += forCommit ? '\nInitial commit\n\n' : '\nNo commits yet\n\n';
  return out;
}

/** The long format (also what `git commit` prints when there is nothing to commit). */
export async function longStatus(repo: Repo, changes: Changes, untracked: string[], prefix: string, forCommit = false): Promise<string> {
  let out = await statusHeading(repo, changes.head, forCommit);
  const rel = (path: string) => fromPrefix(prefix, path);
  const staged = changes.changes.filter((c) => c.staged !== ' ');
  const unstaged = changes.changes.filter((c) => c.unstaged !== ' ');
  if (staged.length > 0) {
    out += 'Changes to be committed:\n';
    out += changes.head ? '  (use "git restore --staged <file>..." to unstage)\n' : '  (use "git rm --cached <file>..." to unstage)\n';
    for (const c of staged) out += `\t${label(c.staged)}${c.from ? `${rel(c.from)} -> ` : ''}${rel(c.path)}\n`;
    out += '\n';
  }
  if (unstaged.length > 0) {
    out += 'Changes not staged for commit:\n';
    out += unstaged.some((c: Change) => c.unstaged === 'D')
      ? '  (use "git add/rm <file>..." to update what will be committed)\n'
      : '  (use "git add <file>..." to update what will be committed)\n';
    out += '  (use "git restore <file>..." to discard changes in working directory)\n';
    for (const c of unstaged) out += `\t${label(c.unstaged)}${rel(c.path)}\n`;
    out += '\n';
  }
  if (untracked.length > 0) {
    out += 'Untracked files:\n  (use "git add <file>..." to include in what will be committed)\n';
    for (const path of untracked) out += `\t${rel(path)}\n`;
    out += '\n';
  }
  if (staged.length > 0) return out;
  if (unstaged.length > 0) return `${out}no changes added to commit (use "git add" and/or "git commit -a")\n`;
  if (untracked.length > 0) return `${out}nothing added to commit but untracked files present (use "git add" to track)\n`;
  return changes.head ? `${out}nothing to commit, working tree clean\n` : `${out}nothing to commit (create/copy files and use "git add" to track)\n`;
}
