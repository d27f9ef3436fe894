/**
 * The git front end against the real git CLI, side by side: the same steps on two copies, and after each
 * step the repositories (read by the real git in both) are the same; for the commands whose output the
 * model reads most, the output is the same too.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SideBySide } from './side-by-side';

type Step =
  | { write: string; content: string; mode?: number }
  | { remove: string }
  | { git: string[]; sub?: string; output?: boolean };

/** What the real git says about a repository (one shell call): enough to tell two apart. */
const STATE_SCRIPT = [
  'echo "head: $(git rev-parse -q --verify HEAD)"',
  'echo "symbolic: $(git symbolic-ref -q HEAD)"',
  'echo index:; git ls-files -s',
  'echo status:; git status --porcelain',
  'echo refs:; git for-each-ref --format="%(refname) %(objectname)" refs/heads refs/tags refs/remotes',
  'git rev-parse -q --verify refs/stash >/dev/null && echo stashed; true',
].join('; ');

/** Commands that only read (with at most one argument): no state check after them. */
const READS = new Set(['branch', 'remote', 'config']);

describe('git front end, side by side with the real git', { timeout: 60_000 }, () => {
  let s: SideBySide;
  beforeEach(() => {
    s = new SideBySide();
  });
  afterEach(() => s.dispose());

  async function play(steps: Step[]): Promise<void> {
    for (const step of steps) {
      if ('write' in step) s.write(step.write, step.content, step.mode);
      else if ('remove' in step) s.remove(step.remove);
      else {
        const { ours, theirs } = await s.both(step.git, step.sub);
        const label = `git ${step.git.join(' ')}`;
        expect({ label, exitCode: ours.exitCode }).toEqual({ label, exitCode: theirs.exitCode });
        if (step.output !== false) expect({ label, stdout: ours.stdout }).toEqual({ label, stdout: theirs.stdout });
        if (READS.has(step.git[0]) && step.git.length < 3 || ['status', 'diff', 'log', 'show', 'rev-parse'].includes(step.git[0])) continue;
        expect({ label, state: s.shellIn(s.ours, STATE_SCRIPT) }).toEqual({ label, state: s.shellIn(s.theirs, STATE_SCRIPT) });
      }
    }
    expect(s.gitInOurs(['fsck', '--no-progress', '--no-dangling'])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  }

  const base: Step[] = [
    { git: ['init', '-q', '-b', 'main'] },
    { write: 'a.txt', content: 'one\ntwo\nthree\n' },
    { write: 'src/app.js', content: 'function main() {\n  return 1;\n}\n\nmodule.exports = main;\n' },
    { write: 'docs/guide/intro.md', content: '# Intro\n' },
    { write: '.gitignore', content: 'node_modules/\n*.log\n' },
    { write: 'node_modules/x/index.js', content: 'x\n' },
    { write: 'debug.log', content: 'noise\n' },
    { git: ['status', '--porcelain'] },
    { git: ['status'] },
    { git: ['add', '.'] },
    { git: ['status', '-s'] },
    { git: ['commit', '-m', 'First commit'] },
  ];

  it('init, status, add, commit, log, diff, show', async () => {
    await play([
      ...base,
      { git: ['log', '--oneline'] },
      { git: ['log'] },
      { write: 'a.txt', content: 'one\n2\nthree\nfour\n' },
      { write: 'src/app.js', content: 'function main() {\n  return 2;\n}\n\nmodule.exports = main;\n' },
      { write: 'new.txt', content: 'new\n' },
      { git: ['status'] },
      { git: ['diff'] },
      { git: ['diff', '--stat'] },
      { git: ['diff', '--name-only'] },
      { git: ['add', 'a.txt'] },
      { git: ['diff', '--cached'] },
      { git: ['diff', '--staged', '--name-only'] },
      { git: ['status', '--porcelain'] },
      { git: ['status'] },
      { git: ['commit', '-m', 'Second'] },
      { git: ['commit', '-am', 'Third: the rest'] },
      { git: ['status'] },
      { git: ['add', '-A'] },
      { git: ['commit', '-m', 'Fourth', '-m', 'With a body line.'] },
      { git: ['log', '--oneline', '-n', '2'] },
      { git: ['log', '-2'] },
      { git: ['log', '--format=%h %an <%ae> %s'] },
      { git: ['diff', 'HEAD~2', 'HEAD'] },
      { git: ['diff', 'HEAD~3..HEAD', '--stat'] },
      { git: ['show'] },
      { git: ['show', '--stat', 'HEAD~1'] },
      { git: ['show', 'HEAD~2:a.txt'] },
      { git: ['rev-parse', 'HEAD'] },
      { git: ['rev-parse', '--short', 'HEAD~1'] },
      { git: ['rev-parse', '--abbrev-ref', 'HEAD'] },
      { git: ['commit', '-m', 'nothing'] },
    ]);
  });

  it('branch, checkout, switch, with local changes carried over', async () => {
    await play([
      ...base,
      { git: ['branch', 'feature'] },
      { git: ['branch'] },
      { git: ['checkout', 'feature'], output: false },
      { write: 'a.txt', content: 'feature\n' },
      { git: ['commit', '-qam', 'On feature'] },
      { git: ['switch', 'main'], output: false },
      { write: 'src/app.js', content: 'changed locally\n' },
      { git: ['checkout', '-b', 'topic'], output: false },
      { git: ['status', '--porcelain'] },
      { git: ['checkout', 'feature'], output: false },
      { git: ['checkout', 'main'], output: false },
      { git: ['switch', '-c', 'other'], output: false },
      { git: ['branch', '-v'] },
      { git: ['branch', '--show-current'] },
      { git: ['checkout', 'main'], output: false },
      { git: ['branch', '-d', 'other'] },
      { git: ['branch', '-m', 'topic', 'renamed'] },
      { git: ['branch'] },
      { git: ['checkout', 'nope'], output: false },
    ]);
  });

  it('restore, reset, rm, mv, checkout of files', async () => {
    await play([
      ...base,
      { write: 'a.txt', content: 'edited\n' },
      { git: ['restore', 'a.txt'] },
      { write: 'a.txt', content: 'edited\n' },
      { git: ['add', 'a.txt'] },
      { git: ['restore', '--staged', 'a.txt'] },
      { git: ['status', '--porcelain'] },
      { git: ['checkout', '--', 'a.txt'], output: false },
      { write: 'a.txt', content: 'again\n' },
      { git: ['commit', '-qam', 'Edit a'] },
      { git: ['reset', '--soft', 'HEAD~1'] },
      { git: ['status', '--porcelain'] },
      { git: ['reset'] },
      { git: ['status', '--porcelain'] },
      { git: ['add', '.'] },
      { git: ['reset', 'a.txt'], output: false },
      { git: ['commit', '-qam', 'Edit a again'] },
      { write: 'src/app.js', content: 'scratch\n' },
      { write: 'extra.txt', content: 'untracked stays\n' },
      { git: ['reset', '--hard', 'HEAD~1'] },
      { git: ['status', '--porcelain'] },
      { git: ['rm', 'docs/guide/intro.md'] },
      { git: ['rm', '-r', '--cached', 'src'] },
      { git: ['status', '--porcelain'] },
      { git: ['add', 'src'] },
      { git: ['mv', 'a.txt', 'b.txt'] },
      { git: ['status', '--porcelain'] },
      { git: ['commit', '-qm', 'Move'] },
      { git: ['rm', 'missing.txt'] },
      { git: ['add', 'missing.txt'] },
    ]);
  });

  it('config, remote, stash', async () => {
    await play([
      ...base,
      { git: ['config', 'user.name', 'Grace'] },
      { git: ['config', 'user.email', 'grace@example.com'] },
      { git: ['config', 'user.name'] },
      { git: ['remote', 'add', 'origin', 'https://github.com/octo/repo.git'] },
      { git: ['remote', '-v'] },
      { git: ['remote'] },
      { write: 'a.txt', content: 'stash me\n' },
      { git: ['stash'], output: false },
      { git: ['status', '--porcelain'] },
      { git: ['stash', 'pop'], output: false },
    ]);
  });

  it('status from a subfolder, and paths relative to it', async () => {
    await play([
      ...base,
      { write: 'src/app.js', content: 'changed\n' },
      { write: 'src/lib/util.js', content: 'u\n' },
      { git: ['status'], sub: 'src' },
      { git: ['status', '-s'], sub: 'src' },
      { git: ['status', '--porcelain'], sub: 'src' },
      { git: ['add', '.'], sub: 'src' },
      { git: ['diff', '--cached', '--stat'], sub: 'src' },
    ]);
  });

  it('an unsupported command says what is supported and exits 1', async () => {
    const result = await s.ourGit(['bisect', 'start']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^git: 'bisect' is not supported here \(supported: add, branch, checkout, clone, commit, config, diff, fetch, init, log, mv, pull, push, remote, reset, restore, rev-parse, rm, show, stash, status, switch\)\n$/);
    const outside = await s.ourGit(['status']);
    expect(outside).toEqual({ stdout: '', stderr: 'fatal: not a git repository (or any of the parent directories): .git\n', exitCode: 128 });
    const push = await s.ourGit(['push']);
    expect(push.exitCode).toBe(128);
  });
});
