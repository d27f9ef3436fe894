/**
 * The differential run: each corpus command on the same start tree, once in the lite sandbox and once in
 * the real bash 5 with GNU coreutils, grep, sed, gawk (as `awk`) and jq, in a temp dir; then exit status,
 * stdout, stderr and the resulting tree compared.
 */
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';

/** One command of the corpus. */
export interface Case {
  id: string;
  command: string;
}

/** What a command did: exit status, its two streams, and the work dir afterwards. */
export interface Outcome {
  exitCode: number;
  stdout: string;
  stderr: string;
  tree: string[];
}

/** One case's two outcomes and the fields where they differ (empty: they agree). */
export interface Comparison {
  id: string;
  command: string;
  lite: Outcome;
  bash: Outcome;
  differs: Array<keyof Outcome>;
}

const WORK = '/home/project';
const HOME = '/home/user';
const TIMEOUT_MS = 10_000;

/** Outputs compared as the model reads them: bash's `line N:` of `bash -c` is dropped on both sides. */
function normalize(text: string): string {
  return text.replace(/^bash: line \d+: /gm, 'bash: ');
}

/** The tools the reference needs, checked before the run so a missing one is named. */
export async function missingTools(): Promise<string[]> {
  const run = promisify(execFile);
  const missing: string[] = [];
  for (const tool of ['bash', 'gawk', 'jq', 'sed', 'grep', 'diff', 'find', 'xargs']) {
    await run('sh', ['-c', `command -v ${tool}`]).catch(() => missing.push(tool));
  }
  return missing;
}

/** Run every case on both sides and compare. */
export async function runDifferential(cases: readonly Case[], files: Record<string, string>): Promise<Comparison[]> {
  const base = await mkdtemp(join(tmpdir(), 'lite-vs-bash-'));
  try {
    const shim = join(base, 'bin');
    await mkdir(shim);
    await symlink((await promisify(execFile)('sh', ['-c', 'command -v gawk'])).stdout.trim(), join(shim, 'awk'));
    const bashOutcomes = await pool(cases, 6, (item, index) => runBash(item.command, join(base, `c${index}`), shim, files));
    const comparisons: Comparison[] = [];
    for (const [index, item] of cases.entries()) {
      const lite = await runLite(item.command, files);
      const bash = bashOutcomes[index];
      const differs = (['exitCode', 'stdout', 'stderr', 'tree'] as const).filter(
        (key) => JSON.stringify(lite[key]) !== JSON.stringify(bash[key]),
      );
      comparisons.push({ id: item.id, command: item.command, lite, bash, differs });
    }
    return comparisons;
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

async function runLite(command: string, files: Record<string, string>): Promise<Outcome> {
  const sandbox = new LiteSandbox();
  try {
    for (const [path, content] of Object.entries(files)) await sandbox.writeFile(path, content);
    const result = await sandbox.exec(command, { timeoutMs: TIMEOUT_MS });
    const tree: string[] = [];
    for (const entry of await sandbox.list()) {
      if (entry.type === 'dir') tree.push(`${entry.path}/`);
      else tree.push(`${entry.path}: ${JSON.stringify(await sandbox.readTextFile(entry.path).catch(() => '<unreadable>'))}`);
    }
    const stdout = result.stdout ?? result.output;
    return { exitCode: result.exitCode, stdout: normalize(stdout), stderr: normalize(result.stderr ?? ''), tree: tree.sort() };
  } finally {
    await sandbox.dispose();
  }
}

async function runBash(command: string, root: string, shim: string, files: Record<string, string>): Promise<Outcome> {
  const work = join(root, 'project');
  const home = join(root, 'home');
  await mkdir(home, { recursive: true });
  await mkdir(work, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(work, path)), { recursive: true });
    await writeFile(join(work, path), content);
    await chmod(join(work, path), 0o644);
  }
  const env = { PATH: `${shim}:/usr/local/bin:/usr/bin:/bin`, HOME: home, USER: 'user', LC_ALL: 'C', TERM: 'dumb' };
  const result = await new Promise<{ exitCode: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('bash', ['--norc', '--noprofile', '-c', command], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? (signal ? 128 + 9 : 1), stdout, stderr });
    });
  });
  const unroot = (text: string) => normalize(text.split(work).join(WORK).split(home).join(HOME));
  const tree = await walk(work, '');
  return { exitCode: result.exitCode, stdout: unroot(result.stdout), stderr: unroot(result.stderr), tree: tree.map(unroot).sort() };
}

async function walk(dir: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.sort()) {
    const path = join(dir, name);
    const relative = prefix ? `${prefix}/${name}` : name;
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      out.push(`${relative}/`);
      out.push(...(await walk(path, relative)));
    } else {
      out.push(`${relative}: ${JSON.stringify(info ? await readFile(path, 'utf8') : '<unreadable>')}`);
    }
  }
  return out;
}

/** Map over items with at most `width` running at once, keeping order. */
async function pool<T, R>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}
