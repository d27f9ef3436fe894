/** Commands that read: status, diff, log, show, rev-parse. */
import { iso } from './iso';
import type { GitCommand, CommandRun } from './context';
import { parseArgs, has, value } from './args';
import { status } from './status';
import { commitTree, currentBranch, headOid, requireRevision, resolveRevision, short, type Repo } from './repo';
import { changedPairs, indexVersions, treeVersions, workVersions, type Versions } from './versions';
import { diffStat, filePatch, type FilePair } from './patch';
import { customFormat, formatOf, mediumFormat, onelineFormat } from './format-commit';
import { toRepoPath } from './paths';
import { fatal } from './errors';
import { readBlobBytes, flattenTree } from './tree';

export const statusCommand: GitCommand = async (args, run) => {
  const p = parseArgs('status', args, { flags: ['-s', '--short', '--porcelain', '-b', '--branch', '-u', '-uall', '--long'], values: ['--untracked-files'] });
  const kind = has(p, '--porcelain') ? 'porcelain' : has(p, '-s', '--short') ? 'short' : 'long';
  run.out.push(await status(run.repo, { kind, branch: has(p, '-b', '--branch'), prefix: run.prefix }));
};

/** Pathspecs typed at the cwd, as root-relative paths. */
export function pathspecs(run: CommandRun, typed: readonly string[]): string[] {
  return typed.map((path) => toRepoPath(run.repo.dir, run.prefix, path));
}

async function treeOf(repo: Repo, revision: string): Promise<Versions> {
  return treeVersions(repo, await commitTree(repo, await requireRevision(repo, revision)));
}

async function headVersions(repo: Repo): Promise<Versions> {
  const head = await headOid(repo);
  return treeVersions(repo, head ? await commitTree(repo, head) : undefined);
}

/** Words before `--` that name revisions, and the rest as paths (git's disambiguation, simplified). */
async function splitRevisions(repo: Repo, words: string[]): Promise<{ revisions: string[]; paths: string[] }> {
  const revisions: string[] = [];
  const paths: string[] = [];
  for (const word of words) {
    const range = /^(.+?)\.{2,3}(.+)$/.exec(word);
    if (paths.length === 0 && range && (await resolveRevision(repo, range[1])) && (await resolveRevision(repo, range[2]))) {
      revisions.push(range[1], range[2]);
    } else if (paths.length === 0 && (await resolveRevision(repo, word))) revisions.push(word);
    else paths.push(word);
  }
  return { revisions, paths };
}

/** Print file pairs as `git diff` does for the chosen output. */
export function printPairs(pairs: FilePair[], p: ReturnType<typeof parseArgs>): string {
  if (has(p, '--name-only')) return pairs.map((pair) => `${pair.path}\n`).join('');
  if (has(p, '--name-status')) {
    return pairs.map((pair) => (pair.from ? `R100\t${pair.from}\t${pair.path}\n` : `${!pair.old ? 'A' : !pair.new ? 'D' : 'M'}\t${pair.path}\n`)).join('');
  }
  if (has(p, '--stat')) return diffStat(pairs);
  if (has(p, '--shortstat')) return diffStat(pairs).split('\n').slice(-2).join('\n');
  return pairs.map(filePatch).join('');
}

const DIFF_FLAGS = ['--cached', '--staged', '--stat', '--shortstat', '--name-only', '--name-status', '--quiet', '--exit-code', '--no-color', '--no-ext-diff', '-p', '--patch'];

export const diffCommand: GitCommand = async (args, run) => {
  const p = parseArgs('diff', args, { flags: DIFF_FLAGS, values: ['-U', '--unified', '--color'] });
  const { revisions, paths } = await splitRevisions(run.repo, p.words);
  if (!p.dashdash) {
    for (const path of paths) {
      try {
        await run.repo.fs.promises.lstat(`${run.repo.dir}/${toRepoPath(run.repo.dir, run.prefix, path).replace(/^\/?/, '')}`);
      } catch {
        throw fatal(`ambiguous argument '${path}': unknown revision or path not in the working tree.\nUse '--' to separate paths from revisions, like this:\n'git <command> [<revision>...] -- [<file>...]'`);
      }
    }
  }
  const specs = pathspecs(run, [...paths, ...p.paths]);
  const cached = has(p, '--cached', '--staged');
  let a: Versions;
  let b: Versions;
  if (revisions.length >= 2) [a, b] = [await treeOf(run.repo, revisions[0]), await treeOf(run.repo, revisions[1])];
  else if (cached) [a, b] = [revisions[0] ? await treeOf(run.repo, revisions[0]) : await headVersions(run.repo), await indexVersions(run.repo)];
  else if (revisions.length === 1) [a, b] = [await treeOf(run.repo, revisions[0]), await workVersions(run.repo)];
  else [a, b] = [await indexVersions(run.repo), await workVersions(run.repo)];
  const pairs = await changedPairs(a, b, specs);
  if (!has(p, '--quiet')) run.out.push(printPairs(pairs, p));
  if (has(p, '--quiet', '--exit-code') && pairs.length > 0) return 1;
};

async function commitsFor(run: CommandRun, p: ReturnType<typeof parseArgs>, revisions: string[]) {
  const limit = value(p, '-n', '--max-count');
  const dashN = p.words.find((w) => /^-\d+$/.test(w));
  const depth = limit !== undefined ? Number(limit) : undefined;
  const head = await headOid(run.repo);
  if (revisions.length === 0 && !head) {
    const branch = (await currentBranch(run.repo)) ?? 'HEAD';
    throw fatal(`your current branch '${branch}' does not have any commits yet`);
  }
  const ref = revisions.length ? await requireRevision(run.repo, revisions[revisions.length - 1]) : head!;
  let commits = await iso.log({ fs: run.repo.fs, dir: run.repo.dir, ref, cache: run.repo.cache });
  if (revisions.length === 2) {
    const exclude = new Set((await iso.log({ fs: run.repo.fs, dir: run.repo.dir, ref: await requireRevision(run.repo, revisions[0]), cache: run.repo.cache })).map((c) => c.oid));
    commits = commits.filter((c) => !exclude.has(c.oid));
  }
  void dashN;
  return depth === undefined ? commits : commits.slice(0, depth);
}

function formatEntries(entries: Awaited<ReturnType<typeof iso.log>>, format: ReturnType<typeof formatOf>, oneline: boolean, patches: string[]): string {
  const parts = entries.map((entry, i) => {
    const patch = patches[i] ?? '';
    if (oneline || format.kind === 'oneline') return onelineFormat(entry) + patch;
    if (format.kind === 'medium') return mediumFormat(entry) + (patch ? `\n${patch}` : '');
    if (format.kind !== 'custom') return '';
    return customFormat(entry, format.template) + (format.separator ? '' : '\n') + (patch ? `\n${patch}` : '');
  });
  if (format.kind === 'custom' && format.separator) return parts.join('\n');
  return format.kind === 'medium' && !oneline ? parts.join('\n') : parts.join('');
}

async function patchOf(run: CommandRun, oid: string, p: ReturnType<typeof parseArgs>, specs: string[]): Promise<string> {
  const { commit } = await iso.readCommit({ fs: run.repo.fs, dir: run.repo.dir, oid, cache: run.repo.cache });
  const before = await treeVersions(run.repo, commit.parent[0] ? await commitTree(run.repo, commit.parent[0]) : undefined);
  const pairs = await changedPairs(before, await treeVersions(run.repo, commit.tree), specs);
  return printPairs(pairs, p);
}

const LOG_FLAGS = ['--oneline', '--stat', '--name-only', '--name-status', '-p', '--patch', '--no-decorate', '--decorate', '--all', '--no-color', '--reverse'];

export const logCommand: GitCommand = async (args, run) => {
  const normalized = args.map((arg) => (/^-\d+$/.test(arg) ? `--max-count=${arg.slice(1)}` : arg));
  const p = parseArgs('log', normalized, { flags: LOG_FLAGS, values: ['-n', '--max-count', '--format', '--pretty', '--color', '--author', '--since', '--until'] });
  const { revisions, paths } = await splitRevisions(run.repo, p.words);
  const specs = pathspecs(run, [...paths, ...p.paths]);
  let commits = await commitsFor(run, p, revisions);
  if (specs.length) {
    const kept = [];
    for (const entry of commits) if ((await patchOf(run, entry.oid, { ...p, flags: new Set(['--name-only']) }, specs)) !== '') kept.push(entry);
    commits = kept;
  }
  if (has(p, '--reverse')) commits.reverse();
  const wantsPatch = has(p, '-p', '--patch', '--stat', '--name-only', '--name-status');
  const patches = wantsPatch ? await Promise.all(commits.map((c) => patchOf(run, c.oid, p, specs))) : [];
  const format = formatOf(value(p, '--format', '--pretty'));
  run.out.push(formatEntries(commits, format, has(p, '--oneline'), patches));
};

export const showCommand: GitCommand = async (args, run) => {
  const p = parseArgs('show', args, { flags: ['--stat', '--name-only', '--name-status', '--oneline', '--no-patch', '-s', '--no-color'], values: ['--format', '--pretty', '--color'] });
  const target = p.words[0] ?? 'HEAD';
  const colon = target.indexOf(':');
  if (colon >= 0) {
    const oid = await requireRevision(run.repo, target.slice(0, colon) || 'HEAD');
    const path = target.slice(colon + 1).replace(/^\.\//, run.prefix ? `${run.prefix}/` : '');
    const file = (await flattenTree(run.repo, await commitTree(run.repo, oid))).get(path);
    if (!file) throw fatal(`path '${path}' does not exist in '${target.slice(0, colon) || 'HEAD'}'`);
    run.out.push(new TextDecoder().decode(await readBlobBytes(run.repo, file.oid)));
    return;
  }
  const oid = await requireRevision(run.repo, target);
  const entry = await iso.readCommit({ fs: run.repo.fs, dir: run.repo.dir, oid, cache: run.repo.cache });
  const noPatch = has(p, '--no-patch', '-s');
  const patch = noPatch ? '' : await patchOf(run, oid, has(p, '--stat', '--name-only', '--name-status') ? p : { ...p, flags: new Set() }, pathspecs(run, p.paths));
  const format = formatOf(value(p, '--format', '--pretty'));
  if (has(p, '--oneline') || format.kind === 'oneline') run.out.push(onelineFormat(entry) + patch);
  else if (format.kind === 'custom') run.out.push(customFormat(entry, format.template) + '\n' + (patch ? `\n${patch}` : ''));
  else run.out.push(mediumFormat(entry) + (patch ? `\n${patch}` : ''));
};

export const revParseCommand: GitCommand = async (args, run) => {
  const p = parseArgs('rev-parse', args, { flags: ['--show-toplevel', '--git-dir', '--is-inside-work-tree', '--abbrev-ref', '--verify', '-q', '--quiet', '--show-prefix'], values: ['--short'] });
  const shortFlag = args.some((a) => a === '--short' || a.startsWith('--short='));
  if (has(p, '--show-toplevel')) run.out.push(`${run.repo.dir || '/'}\n`);
  if (has(p, '--git-dir')) run.out.push(run.prefix ? `${run.repo.gitdir}\n` : '.git\n');
  if (has(p, '--is-inside-work-tree')) run.out.push('true\n');
  if (has(p, '--show-prefix')) run.out.push(run.prefix ? `${run.prefix}/\n` : '\n');
  const words = [...p.words, ...(p.values.get('--short') ?? []).filter((v) => !/^\d+$/.test(v))];
  if (shortFlag && words.length === 0) words.push('HEAD');
  for (const word of words) {
    if (has(p, '--abbrev-ref')) {
      const branch = word === 'HEAD' ? await currentBranch(run.repo) : word;
      if (!branch && !(await headOid(run.repo))) throw fatal(`ambiguous argument '${word}': unknown revision or path not in the working tree.`);
      run.out.push(`${branch ?? 'HEAD'}\n`);
      continue;
    }
    const oid = await resolveRevision(run.repo, word);
    if (!oid) {
      if (has(p, '--verify')) throw fatal('Needed a single revision');
      // git echoes the unknown argument on stdout before its fatal message.
      run.out.push(`${word}\n`);
      run.err.push(`fatal: ambiguous argument '${word}': unknown revision or path not in the working tree.\nUse '--' to separate paths from revisions, like this:\n'git <command> [<revision>...] -- [<file>...]'\n`);
      return 128;
    }
    run.out.push(`${shortFlag ? short(oid) : oid}\n`);
  }
};
