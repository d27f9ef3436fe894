/** Commands that change the index (and sometimes the work tree): add, rm, mv, restore, reset. */
import { iso } from './iso';
import type { GitCommand, CommandRun } from './context';
import { parseArgs, has, value } from './args';
import { collectChanges, compareBytes, readIndex } from './changes';
import { inPathspecs } from './paths';
import { pathspecs } from './cmd-inspect';
import { fatal, gitError, GitFailure } from './errors';
import { commitTree, currentBranch, headOid, requireRevision, resolveRevision, short } from './repo';
import { flattenTree, type FlatTree } from './tree';
import { removeWorkFile, writeWorkFile, mkdirp } from './work-files';
import { subject } from './format-commit';

/** Stage these paths from the work tree (adding or removing index entries). */
export async function stage(run: CommandRun, specs: string[], options: { untracked: boolean }): Promise<void> {
  const changes = await collectChanges(run.repo);
  const toAdd: string[] = [];
  const toRemove: string[] = [];
  for (const change of changes.changes) {
    if (!inPathspecs(change.path, specs)) continue;
    if (change.unstaged === 'M') toAdd.push(change.path);
    if (change.unstaged === 'D') toRemove.push(change.path);
  }
  if (options.untracked) for (const path of changes.untracked) if (inPathspecs(path, specs)) toAdd.push(path);
  const { fs, dir, cache } = run.repo;
  if (toAdd.length) await iso.add({ fs, dir, cache, filepath: toAdd.sort(compareBytes), parallel: true, force: true });
  for (const filepath of toRemove) await iso.remove({ fs, dir, cache, filepath });
}

async function exists(run: CommandRun, path: string): Promise<boolean> {
  return run.repo.fs.promises.lstat(`${run.repo.dir}/${path}`.replace(/\/$/, '')).then(() => true, () => false);
}

export const addCommand: GitCommand = async (args, run) => {
  const p = parseArgs('add', args, { flags: ['-A', '--all', '-u', '--update', '-f', '--force', '-v', '--verbose', '-n', '--dry-run', '--no-all'] });
  const typed = [...p.words, ...p.paths];
  const all = has(p, '-A', '--all');
  const update = has(p, '-u', '--update');
  if (typed.length === 0 && !all && !update) {
    run.err.push('Nothing specified, nothing added.\nhint: Maybe you wanted to say \'git add .\'?\nhint: Turn this message off by running\nhint: "git config advice.addEmptyPathspec false"\n');
    return;
  }
  const specs = typed.length ? pathspecs(run, typed) : [''];
  const { entries } = await readIndex(run.repo);
  const changes = await collectChanges(run.repo);
  for (const [i, spec] of specs.entries()) {
    const known = [...entries.keys(), ...changes.untracked].some((path) => inPathspecs(path, [spec]));
    if (known) continue;
    if (spec !== '' && (await exists(run, spec))) {
      if (has(p, '-f', '--force')) {
        await iso.add({ fs: run.repo.fs, dir: run.repo.dir, cache: run.repo.cache, filepath: spec, force: true });
        continue;
      }
      throw new GitFailure(
        `The following paths are ignored by one of your .gitignore files:\n${typed[i]}\n` +
          'hint: Use -f if you really want to add them.\nhint: Turn this message off by running\nhint: "git config advice.addIgnoredFile false"\n',
        1,
      );
    }
    if (spec === '' ) continue;
    throw fatal(`pathspec '${typed[i]}' did not match any files`);
  }
  await stage(run, specs, { untracked: !update });
};

export const rmCommand: GitCommand = async (args, run) => {
  const p = parseArgs('rm', args, { flags: ['--cached', '-r', '-f', '--force', '-q', '--quiet', '-rf', '-n', '--dry-run'] });
  const typed = [...p.words, ...p.paths];
  if (typed.length === 0) throw fatal('No pathspec was given. Which files should I remove?');
  const { entries } = await readIndex(run.repo);
  const targets: string[] = [];
  for (const [i, spec] of pathspecs(run, typed).entries()) {
    const matched = [...entries.keys()].filter((path) => inPathspecs(path, [spec]));
    if (matched.length === 0) throw fatal(`pathspec '${typed[i]}' did not match any files`);
    if (!has(p, '-r') && !(matched.length === 1 && matched[0] === spec)) throw fatal(`not removing '${typed[i]}' recursively without -r`);
    targets.push(...matched);
  }
  for (const filepath of targets) {
    if (!has(p, '-n', '--dry-run')) {
      await iso.remove({ fs: run.repo.fs, dir: run.repo.dir, cache: run.repo.cache, filepath });
      if (!has(p, '--cached')) await removeWorkFile(run.repo, filepath);
    }
    if (!has(p, '-q', '--quiet')) run.out.push(`rm '${filepath}'\n`);
  }
};

export const mvCommand: GitCommand = async (args, run) => {
  const p = parseArgs('mv', args, { flags: ['-f', '--force', '-k', '-n', '--dry-run', '-v'] });
  const typed = [...p.words, ...p.paths];
  if (typed.length < 2) throw new GitFailure('usage: git mv [<options>] <source>... <destination>\n', 129);
  const [destination] = pathspecs(run, typed.slice(-1));
  const sources = pathspecs(run, typed.slice(0, -1));
  const destIsDir = await run.repo.fs.promises.stat(`${run.repo.dir}/${destination}`).then((s: { isDirectory(): boolean }) => s.isDirectory(), () => false);
  const { entries } = await readIndex(run.repo);
  for (const [i, source] of sources.entries()) {
    const target = destIsDir || sources.length > 1 ? `${destination}/${source.split('/').pop()}` : destination;
    const moved = [...entries.keys()].filter((path) => inPathspecs(path, [source]));
    if (moved.length === 0) throw fatal(`not under version control, source=${typed[i]}, destination=${typed[typed.length - 1]}`);
    if (!has(p, '-f', '--force') && (await exists(run, target)) && !destIsDir) throw fatal(`destination exists, source=${typed[i]}, destination=${typed[typed.length - 1]}`);
    for (const from of moved) {
      const to = target + from.slice(source.length);
      const full = `${run.repo.dir}/${to}`;
      await mkdirp(run.repo, full.slice(0, full.lastIndexOf('/')));
      const stat = await run.repo.fs.promises.lstat(`${run.repo.dir}/${from}`);
      const bytes = await run.repo.fs.promises.readFile(`${run.repo.dir}/${from}`);
      await run.repo.fs.promises.writeFile(full, bytes, { mode: stat.mode & 0o777 });
      await removeWorkFile(run.repo, from);
      await iso.remove({ fs: run.repo.fs, dir: run.repo.dir, cache: run.repo.cache, filepath: from });
      await iso.add({ fs: run.repo.fs, dir: run.repo.dir, cache: run.repo.cache, filepath: to, force: true });
    }
  }
};

/** Set the index entries of these paths to their versions in `tree` (removing those it lacks). */
async function resetIndexPaths(run: CommandRun, ref: string | undefined, tree: FlatTree, specs: string[]): Promise<void> {
  const { entries } = await readIndex(run.repo);
  const paths = new Set([...entries.keys(), ...tree.keys()].filter((path) => inPathspecs(path, specs)));
  for (const filepath of paths) {
    const staged = entries.get(filepath);
    const wanted = tree.get(filepath);
    if (staged && wanted && staged.oid === wanted.oid && staged.mode === wanted.mode) continue;
    if (!wanted) await iso.remove({ fs: run.repo.fs, dir: run.repo.dir, cache: run.repo.cache, filepath });
    else await iso.resetIndex({ fs: run.repo.fs, dir: run.repo.dir, cache: run.repo.cache, filepath, ref });
  }
}

/** Bring work-tree files of these paths to their index (or `tree`) versions. */
async function restoreWork(run: CommandRun, specs: string[], typed: string[], tree?: FlatTree): Promise<number> {
  const source = tree ?? new Map([...(await readIndex(run.repo)).entries].map(([path, e]) => [path, { oid: e.oid, mode: e.mode }]));
  let count = 0;
  for (const [i, spec] of specs.entries()) {
    const matched = [...source.keys()].filter((path) => inPathspecs(path, [spec]));
    if (matched.length === 0) throw gitError(`pathspec '${typed[i]}' did not match any file(s) known to git`);
    for (const path of matched) {
      await writeWorkFile(run.repo, path, source.get(path)!);
      count++;
    }
  }
  if (count) await refreshIndexStat(run);
  return count;
}

/** After writing work files, re-add unchanged entries so the index's stat cache matches them again. */
async function refreshIndexStat(run: CommandRun): Promise<void> {
  const changes = await collectChanges(run.repo);
  const stale = [...changes.workOids].filter(([path, oid]) => changes.index.get(path)?.oid === oid).map(([path]) => path);
  if (stale.length) await iso.add({ fs: run.repo.fs, dir: run.repo.dir, cache: run.repo.cache, filepath: stale, force: true });
}

async function treeAt(run: CommandRun, revision: string | undefined): Promise<{ oid?: string; tree: FlatTree }> {
  const oid = revision ? await requireRevision(run.repo, revision) : await headOid(run.repo);
  return { oid, tree: await flattenTree(run.repo, oid ? await commitTree(run.repo, oid) : undefined) };
}

export const restoreCommand: GitCommand = async (args, run) => {
  const p = parseArgs('restore', args, { flags: ['--staged', '-S', '--worktree', '-W', '-q', '--quiet'], values: ['--source', '-s'] });
  const typed = [...p.words, ...p.paths];
  if (typed.length === 0) throw fatal('you must specify path(s) to restore');
  const specs = pathspecs(run, typed);
  const staged = has(p, '--staged', '-S');
  const worktree = has(p, '--worktree', '-W') || !staged;
  const source = value(p, '--source', '-s');
  if (staged) {
    const { oid, tree } = await treeAt(run, source);
    await resetIndexPaths(run, oid, tree, specs);
  }
  if (worktree) await restoreWork(run, specs, typed, staged || source ? (await treeAt(run, source)).tree : undefined);
};

/** Checkout of paths: `git checkout [<rev>] -- <paths>`. */
export async function checkoutPaths(run: CommandRun, revision: string | undefined, typed: string[]): Promise<void> {
  const specs = pathspecs(run, typed);
  if (revision) {
    const { oid, tree } = await treeAt(run, revision);
    await resetIndexPaths(run, oid, new Map([...tree].filter(([path]) => inPathspecs(path, specs))), specs.filter((s) => [...tree.keys()].some((k) => inPathspecs(k, [s]))));
    const count = await restoreWork(run, specs, typed, tree);
    run.err.push(`Updated ${count} path${count === 1 ? '' : 's'} from ${short(oid!)}\n`);
    return;
  }
  const count = await restoreWork(run, specs, typed);
  run.err.push(`Updated ${count} path${count === 1 ? '' : 's'} from the index\n`);
}

async function unstagedList(run: CommandRun): Promise<string> {
  const changes = await collectChanges(run.repo);
  const lines = changes.changes.filter((c) => c.unstaged !== ' ').map((c) => `${c.unstaged}\t${c.path}\n`);
  return lines.length ? `Unstaged changes after reset:\n${lines.join('')}` : '';
}

export const resetCommand: GitCommand = async (args, run) => {
  const p = parseArgs('reset', args, { flags: ['--hard', '--soft', '--mixed', '-q', '--quiet'] });
  let revision: string | undefined;
  let typed = [...p.paths];
  for (const word of p.words) {
    if (revision === undefined && typed.length === 0 && (await resolveRevision(run.repo, word))) revision = word;
    else typed.push(word);
  }
  const quiet = has(p, '-q', '--quiet');
  if (typed.length) {
    if (has(p, '--hard', '--soft')) throw fatal(`Cannot do ${has(p, '--hard') ? 'hard' : 'soft'} reset with paths.`);
    const { oid, tree } = await treeAt(run, revision);
    await resetIndexPaths(run, oid, tree, pathspecs(run, typed));
    if (!quiet) run.out.push(await unstagedList(run));
    return;
  }
  typed = [];
  const target = revision ? await requireRevision(run.repo, revision) : await headOid(run.repo);
  if (!target) return;
  const branch = await currentBranch(run.repo);
  await iso.writeRef({ fs: run.repo.fs, dir: run.repo.dir, ref: branch ? `refs/heads/${branch}` : 'HEAD', value: target, force: true });
  if (has(p, '--soft')) return;
  const tree = await flattenTree(run.repo, await commitTree(run.repo, target));
  if (has(p, '--hard')) {
    await hardReset(run, tree);
    const { commit } = await iso.readCommit({ fs: run.repo.fs, dir: run.repo.dir, oid: target, cache: run.repo.cache });
    if (!quiet) run.out.push(`HEAD is now at ${short(target)} ${subject(commit.message)}\n`);
    return;
  }
  await resetIndexPaths(run, target, tree, []);
  if (!quiet) run.out.push(await unstagedList(run));
};

/** Index and work tree exactly as `tree` (tracked files only; untracked files stay). */
export async function hardReset(run: CommandRun, tree: FlatTree): Promise<void> {
  const changes = await collectChanges(run.repo);
  for (const path of changes.index.keys()) {
    if (!tree.has(path)) {
      await iso.remove({ fs: run.repo.fs, dir: run.repo.dir, cache: run.repo.cache, filepath: path });
      await removeWorkFile(run.repo, path);
    }
  }
  const rewrite: string[] = [];
  for (const [path, version] of tree) {
    const entry = changes.index.get(path);
    const work = changes.work.get(path);
    const workOid = changes.workOids.get(path) ?? entry?.oid;
    const clean = entry && work && entry.oid === version.oid && entry.mode === version.mode && workOid === version.oid && work.mode === version.mode;
    if (clean) continue;
    await writeWorkFile(run.repo, path, version);
    rewrite.push(path);
  }
  if (rewrite.length) await iso.add({ fs: run.repo.fs, dir: run.repo.dir, cache: run.repo.cache, filepath: rewrite, force: true });
}
