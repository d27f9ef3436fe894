// git: reading is free, committing is low, discarding some work medium, discarding all of it (or history,
// or what is on the remote) high.
import type { RiskLevel } from '../../core/run';
import type { Invocation, Stream } from '../scope';
import { literal } from '../scope';
import type { Field } from '../values';
import { sourceText } from './exec';
import { hasFlag, normalizeOptions, operands, show, type Rule } from './util';

const READ_ONLY = new Set([
  'status', 'log', 'diff', 'show', 'blame', 'ls-files', 'ls-tree', 'ls-remote', 'rev-parse', 'rev-list', 'describe',
  'shortlog', 'grep', 'cat-file', 'help', 'version', 'whatchanged', 'count-objects', 'fsck', 'check-ignore',
  'name-rev', 'for-each-ref', 'show-ref', 'merge-base', 'diff-tree', 'diff-files', 'diff-index', 'cherry', 'var',
  'annotate', 'show-branch', 'verify-commit', 'verify-tag',
]);
const LOW = new Set(['add', 'commit', 'init', 'mv', 'revert', 'cherry-pick', 'apply', 'am', 'format-patch', 'bisect', 'notes', 'worktree', 'gc', 'merge-file', 'restore-staged', 'sparse-checkout', 'maintenance']);
const NETWORK = new Set(['pull', 'fetch', 'clone', 'submodule', 'remote-update']);
/** Global options that take a value: `git -C dir status`. */
const GLOBAL_WITH_VALUE = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env']);

/** Long options per subcommand, so that abbreviations git accepts (`reset --ha`) are read in full. */
const LONG: Record<string, readonly string[]> = {
  reset: ['--hard', '--soft', '--mixed', '--merge', '--keep', '--quiet', '--no-quiet', '--patch', '--intent-to-add', '--recurse-submodules', '--no-recurse-submodules', '--pathspec-from-file', '--pathspec-file-nul', '--no-refresh', '--refresh'],
  push: ['--all', '--branches', '--prune', '--mirror', '--dry-run', '--porcelain', '--delete', '--tags', '--follow-tags', '--no-follow-tags', '--signed', '--no-signed', '--atomic', '--no-atomic', '--push-option', '--receive-pack', '--exec', '--force-with-lease', '--no-force-with-lease', '--force', '--force-if-includes', '--no-force-if-includes', '--repo', '--set-upstream', '--thin', '--no-thin', '--quiet', '--verbose', '--progress', '--no-recurse-submodules', '--recurse-submodules', '--verify', '--no-verify', '--ipv4', '--ipv6'],
  branch: ['--delete', '--create-reflog', '--force', '--move', '--copy', '--color', '--no-color', '--ignore-case', '--omit-empty', '--column', '--no-column', '--remotes', '--all', '--list', '--show-current', '--verbose', '--quiet', '--abbrev', '--no-abbrev', '--track', '--no-track', '--set-upstream-to', '--unset-upstream', '--edit-description', '--contains', '--no-contains', '--merged', '--no-merged', '--sort', '--points-at', '--format', '--recurse-submodules'],
  clean: ['--dry-run', '--force', '--interactive', '--quiet', '--exclude'],
  checkout: ['--quiet', '--progress', '--no-progress', '--force', '--ours', '--theirs', '--track', '--no-track', '--guess', '--no-guess', '--detach', '--orphan', '--ignore-skip-worktree-bits', '--merge', '--conflict', '--patch', '--ignore-other-worktrees', '--overwrite-ignore', '--no-overwrite-ignore', '--recurse-submodules', '--no-recurse-submodules', '--overlay', '--no-overlay', '--pathspec-from-file', '--pathspec-file-nul'],
  switch: ['--create', '--force-create', '--detach', '--guess', '--no-guess', '--force', '--discard-changes', '--merge', '--conflict', '--quiet', '--progress', '--no-progress', '--track', '--no-track', '--orphan', '--ignore-other-worktrees', '--recurse-submodules', '--no-recurse-submodules'],
  restore: ['--source', '--patch', '--worktree', '--staged', '--quiet', '--progress', '--no-progress', '--ours', '--theirs', '--merge', '--conflict', '--ignore-unmerged', '--ignore-skip-worktree-bits', '--recurse-submodules', '--no-recurse-submodules', '--overlay', '--no-overlay', '--pathspec-from-file', '--pathspec-file-nul'],
  rm: ['--force', '--dry-run', '--cached', '--ignore-unmatch', '--sparse', '--quiet', '--pathspec-from-file', '--pathspec-file-nul'],
  gc: ['--aggressive', '--auto', '--prune', '--no-prune', '--quiet', '--force', '--keep-largest-pack'],
  stash: [],
};
/** Short options whose value may be glued to them (`checkout -bfeature`). */
const VALUED: Record<string, string> = { checkout: 'bB', switch: 'cC', branch: 'u', push: 'o', restore: 's', clean: 'e' };

/** Config keys whose value is a program git runs. */
const RUNS_PROGRAM = /^(core\.(sshcommand|pager|editor|fsmonitor|askpass|gitproxy)|sequence\.editor|diff\.external|diff\..+\.textconv|filter\..+\.(clean|smudge|process)|credential(\..+)?\.helper|gpg\.program|uploadpack\.packobjectshook|pager\..+|merge\..+\.driver|ssh\.variant)$/i;
/** Environment variables whose value is a command git runs. */
const RUNS_PROGRAM_ENV = ['GIT_SSH_COMMAND', 'GIT_EXTERNAL_DIFF', 'GIT_PAGER', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR', 'GIT_ASKPASS', 'GIT_PROXY_COMMAND'];

/** Settings given to this git call: `-c k=v` options and `GIT_CONFIG_COUNT`/`KEY_n`/`VALUE_n`. */
function configOf(inv: Invocation, globals: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < globals.length; i++) {
    if (globals[i] === '-c' && globals[i + 1]?.includes('=')) {
      const v = globals[++i];
      pairs.push([v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)]);
    }
  }
  const count = Number(inv.scope.env.get('GIT_CONFIG_COUNT') ?? 0);
  for (let n = 0; n < Math.min(count || 0, 32); n++) {
    const key = inv.scope.env.get(`GIT_CONFIG_KEY_${n}`);
    const value = inv.scope.env.get(`GIT_CONFIG_VALUE_${n}`);
    if (key) pairs.push([key, value ?? '\u0000']);
  }
  return pairs;
}

export const git: Rule = (inv) => {
  let i = 0;
  while (i < inv.words.length && inv.words[i].startsWith('-')) i += GLOBAL_WITH_VALUE.has(inv.words[i]) ? 2 : 1;
  const config = configOf(inv, inv.words.slice(0, i));
  for (const name of RUNS_PROGRAM_ENV) {
    const value = inv.scope.env.get(name);
    if (value) inv.shell(value, `${name} (a command git runs)`);
    else if (inv.scope.env.has(name)) inv.raise('high', `${name} makes git run a command only known at run time`);
  }
  for (const [key, value] of config) {
    if (RUNS_PROGRAM.test(key)) {
      inv.shell(value.replace(/^!/, '').replaceAll('\u0000', '${__unknown}'), `git -c ${key}`);
      inv.raise('medium', `git -c ${key} makes git run another program`);
    }
  }
  const sub = inv.words[i];
  if (sub === undefined) return void inv.raise('none', 'git');
  const alias = config.find(([key]) => key.toLowerCase() === `alias.${sub.toLowerCase()}`)?.[1] ?? inv.scope.gitAliases.get(sub);
  if (alias !== undefined) return runAlias(inv, sub, alias, inv.args.slice(i + 1));
  const rest = normalizeOptions(inv.words.slice(i + 1), LONG[sub] ?? [], VALUED[sub]);
  const [level, reason] = rateSub(inv, sub, rest);
  inv.raise(level, reason);
  return { kind: 'dynamic', source: `git ${sub}` };
};

/** A git alias defined in this command: `!cmd` runs a shell command, anything else is more git words. */
function runAlias(inv: Invocation, name: string, alias: string, rest: Field[]): Stream | undefined {
  const text = alias.replaceAll('\u0000', '${__unknown}');
  if (text.startsWith('!')) return void inv.shell(`${text.slice(1)} ${sourceText(rest)}`, `the git alias ${name}`);
  if (inv.scope.depth > 6) return void inv.raise('high', `the git alias ${name} expands too deeply`);
  return inv.run([literal('git'), ...text.split(/\s+/).filter(Boolean).map(literal), ...rest]);
}

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
    case 'worktree':
      if (rest[0] === 'remove' || rest[0] === 'prune') return ['medium', `git worktree ${rest[0]} deletes a worktree${hasFlag(rest, 'f', ['--force']) ? ' with its changes' : ''}`];
      return ['low', `git worktree ${rest[0] ?? ''}`.trim()];
    case 'switch':
      if (hasFlag(rest, 'f', ['--force', '--discard-changes'])) return ['high', 'git switch --discard-changes discards all uncommitted changes'];
      return hasFlag(rest, 'C', ['--force-create']) ? ['medium', 'git switch -C resets a branch'] : ['low', 'git switch changes branch'];
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
  if (ops[0].startsWith('alias.')) {
    inv.scope.gitAliases.set(ops[0].slice('alias.'.length), value);
    if (value.startsWith('!')) inv.shell(value.slice(1), `the git alias ${ops[0]}`);
  }
  if (RUNS_PROGRAM.test(ops[0])) inv.shell(value.replace(/^!/, ''), `git config ${ops[0]}`);
  if (RUNS_PROGRAM.test(ops[0]) || /^core\.hookspath$/i.test(ops[0])) return ['medium', `git config ${ops[0]} makes git run another program`];
  return ['low', `git config ${ops[0]}`];
}

function gitRm(inv: Invocation, rest: string[]): [RiskLevel, string] {
  if (hasFlag(rest, 'n', ['--dry-run'])) return ['none', 'git rm --dry-run only lists'];
  if (hasFlag(rest, '', ['--cached'])) return ['low', 'git rm --cached untracks files'];
  const paths = operands(rest);
  const recursive = hasFlag(rest, 'r');
  if (paths.some(isWholeTree) && recursive) return ['high', `git rm -r ${paths.join(' ')} deletes the whole tree`];
  return ['medium', `git rm deletes ${show(paths.join(' '))}`];
}
