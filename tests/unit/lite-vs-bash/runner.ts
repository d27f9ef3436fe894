/**
 * The differential run: each corpus command on the same start tree, once in the lite sandbox and once in
 * the real bash 5 with GNU coreutils, grep, sed, gawk (as `awk`) and jq, in a temp dir; then exit status,
 * stdout, stderr and the resulting tree compared.
 */
import { execFile, spawn } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
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

/**
 * Outputs compared as the model reads them: the `-c: line N:` that `bash -c` adds to its messages is dropped,
 * and the file times in `diff -u` headers (they differ by when each side wrote its files) are blanked.
 */
function normalize(text: string): string {
  return text
    .replace(/^bash: (-c: )?line \d+: /gm, 'bash: ')
    .replace(/^(---|\+\+\+) (.*)\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ [+-]\d{4}$/gm, '$1 $2\t<time>');
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
    // the real bash runs in child processes while the lite sandbox works in this one
    const bashRun = runAllBash(cases, base, files);
    const liteOutcomes: Outcome[] = [];
    for (const item of cases) liteOutcomes.push(await runLite(item.command, files));
    const bashOutcomes = await bashRun;
    return cases.map((item, index) => {
      const lite = liteOutcomes[index];
      const bash = bashOutcomes[index];
      const differs = (['exitCode', 'stdout', 'stderr', 'tree'] as const).filter(
        (key) => JSON.stringify(lite[key]) !== JSON.stringify(bash[key]),
      );
      return { id: item.id, command: item.command, lite, bash, differs };
    });
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

/**
 * The reference side: a few bash drivers, each running its share of the cases one after another, every case
 * in a fresh copy of the start tree with its own HOME, stdin from /dev/null and a time limit.
 */
async function runAllBash(cases: readonly Case[], base: string, files: Record<string, string>): Promise<Outcome[]> {
  const template = join(base, 'template');
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(template, path)), { recursive: true });
    await writeFile(join(template, path), content);
    await chmod(join(template, path), 0o644);
  }
  const shim = join(base, 'bin');
  await mkdir(shim);
  await symlink((await promisify(execFile)('sh', ['-c', 'command -v gawk'])).stdout.trim(), join(shim, 'awk'));
  const drivers = 3;
  const scripts = Array.from({ length: drivers }, () => ['set +e']);
  for (const [index, item] of cases.entries()) {
    const dir = join(base, `c${index}`);
    await mkdir(join(dir, 'home'), { recursive: true });
    await writeFile(join(dir, 'cmd'), item.command);
    scripts[index % drivers].push(
      `cp -a ${template} ${dir}/project && cd ${dir}/project && ` +
        `HOME=${dir}/home timeout -k 1 ${TIMEOUT_MS / 1000} bash --norc --noprofile -c "$(cat ${dir}/cmd)" ` +
        `</dev/null >${dir}/out 2>${dir}/err; echo $? >${dir}/rc`,
    );
  }
  const env = { PATH: `${shim}:/usr/local/bin:/usr/bin:/bin`, USER: 'user', LC_ALL: 'C', TERM: 'dumb' };
  await Promise.all(scripts.map((lines) => runDriver(lines.join('\n'), env)));
  return Promise.all(
    cases.map(async (_, index) => {
      const dir = join(base, `c${index}`);
      const work = join(dir, 'project');
      const home = join(dir, 'home');
      const unroot = (text: string) => normalize(text.split(work).join(WORK).split(home).join(HOME));
      const read = (name: string) => readFile(join(dir, name), 'utf8').catch(() => '');
      return {
        exitCode: Number((await read('rc')).trim() || '1'),
        stdout: unroot(await read('out')),
        stderr: unroot(await read('err')),
        tree: (await walk(work, '')).map(unroot).sort(),
      };
    }),
  );
}

function runDriver(script: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--norc', '--noprofile', '-c', script], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 || code === null ? resolve() : reject(new Error(`bash driver failed (${code}): ${stderr}`))));
  });
}

async function walk(dir: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.sort()) {
    const path = join(dir, name);
    const relative = prefix ? `${prefix}/${name}` : name;
    const info = await stat(path).catch(() => undefined);
    const link = (await lstat(path).catch(() => undefined))?.isSymbolicLink() ?? false;
    if (info?.isDirectory()) {
      out.push(`${relative}/`);
      if (!link) out.push(...(await walk(path, relative))); // as the lite sandbox lists: a linked dir is not entered
    } else {
      out.push(`${relative}: ${JSON.stringify(info ? await readFile(path, 'utf8') : '<unreadable>')}`);
    }
  }
  return out;
}
