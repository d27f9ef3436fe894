// git: reading is free, committing is low, discarding some work medium, discarding all of it (or history,
// or what is on the remote) high.
import type { RiskLevel } from '../../core/run';
import type { Invocation } from '../scope';
import { hasFlag, operands, show, type Rule } from './util';

const READ_ONLY = new Set([
  'status', 'log', 'diff', 'show', 'blame', 'ls-files', 'ls-tree', 'ls-remote', 'rev-parse', 'rev-list', 'describe',
  'shortlog', 'grep', 'cat-file', 'help', 'version', 'whatchanged', 'count-objects', 'fsck', 'check-ignore',
  'name-rev', 'for-each-ref', 'show-ref', 'merge-base', 'diff-tree', 'diff-files', 'diff-index', 'cherry', 'var',
  'annotate', 'show-branch', 'verify-commit', 'verify-tag',
]);
const LOW = new Set(['add', 'commit', 'init', 'mv', 'switch', 'revert', 'cherry-pick', 'apply', 'am', 'format-patch', 'bisect', 'notes', 'worktree', 'gc', 'merge-file', 'restore-staged', 'sparse-checkout', 'maintenance']);
const NETWORK = new Set(['pull', 'fetch', 'clone', 'submodule', 'remote-update']);
/** Global options that take a value: `git -C dir status`. */
const GLOBAL_WITH_VALUE = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env']);

export const git: Rule = (inv) => {
  let i = 0;
  while (i < inv.words.length && inv.words[i].startsWith('-')) i += GLOBAL_WITH_VALUE.has(inv.words[i]) ? 2 : 1;
  const sub = inv.words[i];
  const rest = inv.words.slice(i + 1);
  if (sub === undefined) return void inv.raise('none', 'git');
  const [level, reason] = rateSub(inv, sub, rest);
  inv.raise(level, reason);
  return { kind: 'dynamic', source: `git ${sub}` };
};

function rateSub(inv: Invocation, sub: string, rest: string[]): [RiskLevel, string] {
  if (READ_ONLY.has(sub)) return ['none', `git ${sub} reads only`];
  switch (sub) {
    case 'reset':
      return hasFlag(rest, '', ['--hard']) ? ['high', 'git reset --hard discards all uncommitted changes'] : ['medium', 'git reset moves the branch'];
    case 'clean':
      if (hasFlag(rest, 'n', ['--dry-run'])) return ['none', 'git clean --dry-run only lists'];
      return hasFlag(rest, 'f', ['--force']) ? ['high', 'git clean -f deletes every untracked file'] : ['medium', 'git clean'];
    case 'checkout':
      return checkout(rest);
    case 'restore':
      return restore(rest);
    case 'push':
      return push(inv, rest);
    case 'branch':
      return branch(rest);
    case 'stash':
      return stash(rest);
    case 'tag':
      return hasFlag(rest, 'd', ['--delete']) ? ['medium', 'git tag -d deletes a tag'] : operands(rest).length ? ['low', 'git tag'] : ['none', 'git tag lists tags'];
    case 'remote':
      return remote(inv, rest);
    case 'config':
      return config(inv, rest);
    case 'rm':
      return gitRm(inv, rest);
    case 'reflog':
      return ['expire', 'delete'].includes(rest[0]) ? ['high', `git reflog ${rest[0]} destroys the safety net of history`] : ['none', 'git reflog reads only'];
    case 'filter-branch':
    case 'filter-repo':
      return ['high', `git ${sub} rewrites all history`];
    case 'update-ref':
      return hasFlag(rest, 'd') ? ['high', 'git update-ref -d deletes a ref'] : ['medium', 'git update-ref moves a ref'];
    case 'gc':
    case 'prune':
      return rest.some((w) => /^--prune(=now|=all)?$/.test(w)) || sub === 'prune' ? ['high', `git ${sub} drops unreachable commits for good`] : ['low', 'git gc'];
    case 'rebase':
    case 'merge':
      return ['medium', `git ${sub} rewrites the working tree`];
    default:
      if (NETWORK.has(sub)) return ['medium', `git ${sub} uses the network`];
      return ['low', LOW.has(sub) ? `git ${sub} changes the repository` : `runs git ${sub}`];
  }
}

/** `.`, `*`, `:/` and the like: the whole tree. */
function isWholeTree(path: string): boolean {
  return /^(\.|\.\/|\*|:\/|:\/\*|\.\/\*|:)$/.test(path);
}

function checkout(rest: string[]): [RiskLevel, string] {
  if (hasFlag(rest, 'f', ['--force'])) return ['high', 'git checkout -f discards all uncommitted changes'];
  if (hasFlag(rest, 'bB', ['--orphan'])) return ['low', 'git checkout -b creates a branch'];
  const dash = rest.indexOf('--');
  const paths = dash >= 0 ? rest.slice(dash + 1) : operands(rest).filter((p) => p.includes('.') || p.startsWith('./') || isWholeTree(p));
  if (paths.some(isWholeTree)) return ['high', 'git checkout . discards all uncommitted changes'];
  if (paths.length) return ['medium', `git checkout discards changes to ${paths.join(' ')}`];
  return ['low', 'git checkout switches branch'];
}

function restore(rest: string[]): [RiskLevel, string] {
  const staged = hasFlag(rest, 'S', ['--staged']);
  const worktree = hasFlag(rest, 'W', ['--worktree']);
  if (staged && !worktree) return ['low', 'git restore --staged unstages'];
  const paths = operands(rest, ['-s', '--source']);
  if (paths.some(isWholeTree)) return ['high', 'git restore . discards all uncommitted changes'];
  return ['medium', `git restore discards changes to ${paths.join(' ') || 'files'}`];
}

function push(inv: Invocation, rest: string[]): [RiskLevel, string] {
  if (hasFlag(rest, 'f', ['--force', '--force-with-lease', '--force-if-includes', '--mirror'])) return ['high', 'force push overwrites the remote history'];
  const ops = operands(rest, ['-o', '--push-option', '--repo', '--receive-pack', '--exec']);
  if (ops.slice(1).some((r) => r.startsWith('+'))) return ['high', 'force push (+refspec) overwrites the remote history'];
  if (hasFlag(rest, 'd', ['--delete']) || ops.slice(1).some((r) => r.startsWith(':'))) return ['high', 'git push deletes a remote branch'];
  if (ops[0] && /:\/\/|^[^/\s]+@[^/\s]+:/.test(ops[0])) return ['high', `pushes the repository to ${ops[0]}, which is not a configured remote`];
  if (ops[0] && inv.scope.remotes.has(ops[0])) return ['high', `pushes the repository to ${ops[0]}, a remote this command added`];
  return ['medium', 'git push publishes commits'];
}

function branch(rest: string[]): [RiskLevel, string] {
  if (hasFlag(rest, 'D') || (hasFlag(rest, 'd', ['--delete']) && hasFlag(rest, 'f', ['--force']))) return ['high', 'git branch -D deletes a branch even if unmerged'];
  if (hasFlag(rest, 'd', ['--delete'])) return ['medium', 'git branch -d deletes a branch'];
  if (hasFlag(rest, 'M')) return ['medium', 'git branch -M renames over an existing branch'];
  const listing = operands(rest).length === 0 || hasFlag(rest, 'alrv', ['--list', '--show-current', '--all', '--remotes', '--contains', '--merged']);
  return listing ? ['none', 'git branch lists branches'] : ['low', 'git branch creates a branch'];
}

function stash(rest: string[]): [RiskLevel, string] {
  const sub = rest[0] ?? 'push';
  if (sub === 'clear') return ['high', 'git stash clear deletes every stash'];
  if (sub === 'drop') return ['medium', 'git stash drop deletes a stash'];
  if (sub === 'list' || sub === 'show') return ['none', `git stash ${sub} reads only`];
  return ['low', `git stash ${sub}`];
}

function remote(inv: Invocation, rest: string[]): [RiskLevel, string] {
  const sub = rest[0];
  if (!sub || sub === '-v' || sub === 'show' || sub === 'get-url') return ['none', 'git remote lists remotes'];
  if (sub === 'add' && rest[1]) {
    const name = operands(rest.slice(1), ['-t', '-m'])[0];
    if (name) inv.scope.remotes.add(name);
    return ['low', `git remote add ${name ?? ''}`.trim()];
  }
  return ['medium', `git remote ${sub}`];
}

function config(inv: Invocation, rest: string[]): [RiskLevel, string] {
  const ops = operands(rest);
  if (ops.length < 2 || hasFlag(rest, 'l', ['--get', '--list', '--get-all', '--get-regexp'])) return ['none', 'git config reads settings'];
  const value = ops[ops.length - 1];
  if (ops[0].startsWith('alias.') && value.startsWith('!')) inv.shell(value.slice(1), `the git alias ${ops[0]}`);
  if (/^(core\.(hookspath|sshcommand|pager|editor|fsmonitor)|credential\.)/i.test(ops[0])) return ['medium', `git config ${ops[0]} makes git run another program`];
  return ['low', `git config ${ops[0]}`];
}

function gitRm(inv: Invocation, rest: string[]): [RiskLevel, string] {
  if (hasFlag(rest, '', ['--cached'])) return ['low', 'git rm --cached untracks files'];
  const paths = operands(rest);
  const recursive = hasFlag(rest, 'r');
  if (paths.some(isWholeTree) && recursive) return ['high', `git rm -r ${paths.join(' ')} deletes the whole tree`];
  return ['medium', `git rm deletes ${show(paths.join(' '))}`];
}
