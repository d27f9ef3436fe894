/** Branches and moving between them: branch, checkout, switch. */
import { iso } from './iso';
import type { GitCommand, CommandRun } from './context';
import { parseArgs, has } from './args';
import { currentBranch, headOid, requireRevision, resolveRevision, short, commitTree } from './repo';
import { fatal, GitFailure } from './errors';
import { subject } from './format-commit';
import { checkoutPaths } from './cmd-stage';
import { removeWorkFile, writeWorkFile } from './work-files';
import { flattenTree } from './tree';
import { collectChanges } from './changes';

async function branches(run: CommandRun): Promise<string[]> {
  return (await iso.listBranches({ fs: run.repo.fs, dir: run.repo.dir })).sort();
}

async function subjectOf(run: CommandRun, oid: string): Promise<string> {
  const { commit } = await iso.readCommit({ fs: run.repo.fs, dir: run.repo.dir, oid, cache: run.repo.cache });
  return subject(commit.message);
}

async function listBranches(run: CommandRun, p: ReturnType<typeof parseArgs>): Promise<void> {
  const current = await currentBranch(run.repo);
  const verbose = has(p, '-v', '-vv', '--verbose');
  const rows: { mark: string; name: string; oid?: string }[] = [];
  const head = await headOid(run.repo);
  if (!current && head) rows.push({ mark: '*', name: `(HEAD detached at ${short(head)})`, oid: head });
  if (!has(p, '-r', '--remotes')) {
    for (const name of await branches(run)) rows.push({ mark: name === current ? '*' : ' ', name, oid: await resolveRevision(run.repo, name) });
  }
  if (has(p, '-a', '--all', '-r', '--remotes')) {
    for (const remote of await iso.listRemotes({ fs: run.repo.fs, dir: run.repo.dir })) {
      for (const name of (await iso.listBranches({ fs: run.repo.fs, dir: run.repo.dir, remote: remote.remote })).sort()) {
        if (name === 'HEAD') continue;
        const shown = has(p, '-r', '--remotes') ? `${remote.remote}/${name}` : `remotes/${remote.remote}/${name}`;
        rows.push({ mark: ' ', name: shown, oid: await resolveRevision(run.repo, `refs/remotes/${remote.remote}/${name}`) });
      }
    }
  }
  const width = Math.max(0, ...rows.map((r) => r.name.length));
  for (const row of rows) {
    if (!verbose || !row.oid) run.out.push(`${row.mark} ${row.name}\n`);
    else run.out.push(`${row.mark} ${row.name.padEnd(width)} ${short(row.oid)} ${await subjectOf(run, row.oid)}\n`);
  }
}

async function createBranch(run: CommandRun, name: string, start: string | undefined, force = false): Promise<string> {
  const oid = start ? await resolveRevision(run.repo, start) : await headOid(run.repo);
  if (!oid) throw fatal(start ? `not a valid object name: '${start}'` : `not a valid object name: '${(await currentBranch(run.repo)) ?? 'HEAD'}'`);
  if (!force && (await branches(run)).includes(name)) throw fatal(`a branch named '${name}' already exists`);
  await iso.writeRef({ fs: run.repo.fs, dir: run.repo.dir, ref: `refs/heads/${name}`, value: oid, force: true });
  return oid;
}

export const branchCommand: GitCommand = async (args, run) => {
  const p = parseArgs('branch', args, { flags: ['-d', '-D', '--delete', '-m', '-M', '--move', '-a', '--all', '-r', '--remotes', '-v', '-vv', '--verbose', '--show-current', '--list', '-f', '--force', '-q'] });
  if (has(p, '--show-current')) {
    run.out.push(`${(await currentBranch(run.repo)) ?? ''}\n`);
    return;
  }
  if (has(p, '-d', '-D', '--delete')) {
    if (p.words.length === 0) throw fatal('branch name required');
    const current = await currentBranch(run.repo);
    for (const name of p.words) {
      if (name === current) throw new GitFailure(`error: Cannot delete branch '${name}' checked out at '${run.repo.dir}'\n`, 1);
      const oid = await resolveRevision(run.repo, `refs/heads/${name}`);
      if (!oid) throw new GitFailure(`error: branch '${name}' not found.\n`, 1);
      await iso.deleteBranch({ fs: run.repo.fs, dir: run.repo.dir, ref: name });
      run.out.push(`Deleted branch ${name} (was ${short(oid)}).\n`);
    }
    return;
  }
  if (has(p, '-m', '-M', '--move')) {
    const [from, to] = p.words.length >= 2 ? p.words : [await currentBranch(run.repo), p.words[0]];
    if (!from || !to) throw fatal('branch name required');
    if (!(await branches(run)).includes(from)) throw fatal(`No branch named '${from}'.`);
    await iso.renameBranch({ fs: run.repo.fs, dir: run.repo.dir, oldref: from, ref: to, checkout: from === (await currentBranch(run.repo)) });
    return;
  }
  if (p.words.length === 0 || has(p, '--list')) return listBranches(run, p);
  await createBranch(run, p.words[0], p.words[1], has(p, '-f', '--force'));
};

/** Move HEAD to a branch, updating index and work tree (local changes carried over, as git does). */
async function switchTo(run: CommandRun, branch: string): Promise<void> {
  const target = await requireRevision(run.repo, `refs/heads/${branch}`);
  await moveWorkTree(run, target);
  await iso.writeRef({ fs: run.repo.fs, dir: run.repo.dir, ref: 'HEAD', value: `refs/heads/${branch}`, symbolic: true, force: true });
}

/** Update index and work tree from HEAD's tree to `target`'s, refusing to overwrite local changes. */
async function moveWorkTree(run: CommandRun, target: string): Promise<void> {
  const head = await headOid(run.repo);
  if (head === target) return;
  const from = await flattenTree(run.repo, head ? await commitTree(run.repo, head) : undefined);
  const to = await flattenTree(run.repo, await commitTree(run.repo, target));
  const changes = await collectChanges(run.repo);
  const touched = changes.changes.filter((c) => {
    const a = from.get(c.path);
    const b = to.get(c.path);
    return a?.oid !== b?.oid || a?.mode !== b?.mode;
  });
  if (touched.length) {
    throw new GitFailure(
      'error: Your local changes to the following files would be overwritten by checkout:\n' +
        touched.map((c) => `\t${c.path}\n`).join('') +
        'Please commit your changes or stash them before you switch branches.\nAborting\n',
      1,
    );
  }
  const untrackedHit = changes.untracked.filter((path) => to.has(path) && !from.has(path));
  if (untrackedHit.length) {
    throw new GitFailure(
      'error: The following untracked working tree files would be overwritten by checkout:\n' +
        untrackedHit.map((path) => `\t${path}\n`).join('') +
        'Please move or remove them before you switch branches.\nAborting\n',
      1,
    );
  }
  // Keep local changes: only paths that differ between the two trees are rewritten.
  const differing = new Map([...to].filter(([path, v]) => from.get(path)?.oid !== v.oid || from.get(path)?.mode !== v.mode));
  for (const path of from.keys()) if (!to.has(path)) differing.set(path, undefined as never);
  await hardResetPaths(run, to, [...differing.keys()]);
}

async function hardResetPaths(run: CommandRun, to: Map<string, { oid: string; mode: number }>, paths: string[]): Promise<void> {
  const added: string[] = [];
  for (const path of paths) {
    const version = to.get(path);
    if (version) {
      await writeWorkFile(run.repo, path, version);
      added.push(path);
    } else {
      await iso.remove({ fs: run.repo.fs, dir: run.repo.dir, cache: run.repo.cache, filepath: path });
      await removeWorkFile(run.repo, path);
    }
  }
  if (added.length) await iso.add({ fs: run.repo.fs, dir: run.repo.dir, cache: run.repo.cache, filepath: added, force: true });
}

async function detach(run: CommandRun, revision: string): Promise<void> {
  const target = await requireRevision(run.repo, revision);
  await moveWorkTree(run, target);
  await iso.writeRef({ fs: run.repo.fs, dir: run.repo.dir, ref: 'HEAD', value: target, force: true });
  run.err.push(
    `Note: switching to '${revision}'.\n\nYou are in 'detached HEAD' state. You can look around, make experimental\n` +
      'changes and commit them, and you can discard any commits you make in this\nstate without impacting any branches by switching back to a branch.\n\n' +
      `HEAD is now at ${short(target)} ${await subjectOf(run, target)}\n`,
  );
}

async function goToBranch(run: CommandRun, name: string): Promise<void> {
  if ((await currentBranch(run.repo)) === name) {
    run.err.push(`Already on '${name}'\n`);
    return;
  }
  if (!(await branches(run)).includes(name)) {
    const remoteOid = await resolveRevision(run.repo, `refs/remotes/origin/${name}`);
    if (!remoteOid) throw new GitFailure(`error: pathspec '${name}' did not match any file(s) known to git\n`, 1);
    await createBranch(run, name, remoteOid);
    await iso.setConfig({ fs: run.repo.fs, dir: run.repo.dir, path: `branch.${name}.remote`, value: 'origin' });
    await iso.setConfig({ fs: run.repo.fs, dir: run.repo.dir, path: `branch.${name}.merge`, value: `refs/heads/${name}` });
    await switchTo(run, name);
    run.err.push(`branch '${name}' set up to track 'origin/${name}'.\nSwitched to a new branch '${name}'\n`);
    return;
  }
  await switchTo(run, name);
  run.err.push(`Switched to branch '${name}'\n`);
}

async function newBranch(run: CommandRun, name: string, start: string | undefined, force: boolean): Promise<void> {
  const oid = start ? await requireRevision(run.repo, start) : await headOid(run.repo);
  if (!oid) {
    // Unborn HEAD: just point HEAD at the new name, as git does.
    await iso.writeRef({ fs: run.repo.fs, dir: run.repo.dir, ref: 'HEAD', value: `refs/heads/${name}`, symbolic: true, force: true });
  } else {
    if (!force && (await branches(run)).includes(name)) throw fatal(`a branch named '${name}' already exists`);
    await moveWorkTree(run, oid);
    await iso.writeRef({ fs: run.repo.fs, dir: run.repo.dir, ref: `refs/heads/${name}`, value: oid, force: true });
    await iso.writeRef({ fs: run.repo.fs, dir: run.repo.dir, ref: 'HEAD', value: `refs/heads/${name}`, symbolic: true, force: true });
  }
  run.err.push(`Switched to ${force ? 'and reset ' : 'a new '}branch '${name}'\n`);
}

export const checkoutCommand: GitCommand = async (args, run) => {
  const p = parseArgs('checkout', args, { flags: ['-q', '--quiet', '-f', '--force', '--detach'], values: ['-b', '-B'] });
  const created = p.values.get('-b')?.[0] ?? p.values.get('-B')?.[0];
  if (created) return newBranch(run, created, p.words[0], p.values.has('-B'));
  if (p.dashdash) return checkoutPaths(run, p.words[0], p.paths);
  if (p.words.length === 0) throw new GitFailure('', 0);
  const [first, ...rest] = p.words;
  if (rest.length === 0 && (await branches(run)).includes(first) && !has(p, '--detach')) return goToBranch(run, first);
  const oid = await resolveRevision(run.repo, first);
  if (oid && rest.length) return checkoutPaths(run, first, rest);
  if (oid) return detach(run, first);
  if ((await resolveRevision(run.repo, `refs/remotes/origin/${first}`)) && rest.length === 0) return goToBranch(run, first);
  return checkoutPaths(run, undefined, p.words);
};

export const switchCommand: GitCommand = async (args, run) => {
  const p = parseArgs('switch', args, { flags: ['-q', '--quiet', '-f', '--force', '--detach', '-d'], values: ['-c', '--create', '-C', '--force-create'] });
  const created = p.values.get('-c')?.[0] ?? p.values.get('--create')?.[0];
  const forced = p.values.get('-C')?.[0] ?? p.values.get('--force-create')?.[0];
  if (created || forced) return newBranch(run, (created ?? forced)!, p.words[0], Boolean(forced));
  if (p.words.length === 0) throw fatal('missing branch or commit argument');
  if (has(p, '--detach', '-d')) return detach(run, p.words[0]);
  const name = p.words[0];
  if (!(await branches(run)).includes(name) && !(await resolveRevision(run.repo, `refs/remotes/origin/${name}`))) {
    if (await resolveRevision(run.repo, name)) throw fatal(`a branch is expected, got commit '${name}'\nhint: If you want to detach HEAD at the commit, try again with the --detach option.`);
    throw fatal(`invalid reference: ${name}`);
  }
  return goToBranch(run, name);
};
