/**
 * `git` in WebContainer's shell. jsh has no git and no shell functions (webcontainer-core#1404), and runs a
 * shebang script given by path badly (`./x.js` → `spawn ./x.js ENOENT`, #1184); what StackBlitz shows working
 * (#1307) is an executable JS file found by *name* in a folder on PATH, as npm's `node_modules/.bin` entries
 * are. So: the git front end bundled for Node (scripts/git-cli-bundle.ts, a build asset) is copied by Node to
 * a folder outside the work dir as an executable `git` with a `#!/usr/bin/env node` line, that folder goes
 * first on every shell's PATH, and a bounded check asks jsh for `git --version`. Whatever that check finds is
 * what the model is told: `git` by name, only as `node <file>`, or no git, with the reason.
 */
import { SCRIPT_DIR } from './command-line';
import type { WcInstance, WcProcess } from './port';

/** Where the program goes, first that works: beside the work dir, then /tmp. */
export const GIT_BIN_DIRS: readonly string[] = ['/home/.autopilot/bin', '/tmp/.autopilot/bin'];

/** jsh's PATH when the API does not say (`WebContainer.path`, @webcontainer/api ≥ 1.2). */
export const FALLBACK_PATH = '/usr/local/bin:/usr/bin:/bin';

/** What the install found. */
export type GitInstall =
  /** `git …` runs by name in jsh. */
  | { kind: 'command'; file: string }
  /** The program is there but jsh did not start it by name: it runs as `node <file> …`. */
  | { kind: 'node'; file: string; why: string }
  | { kind: 'none'; why: string };

/** The outcome, and the PATH every shell of the sandbox gets (with the program's folder first when there is one). */
export interface GitSetup {
  install: GitInstall;
  path: string;
}

/** Options of `installGit`. */
export interface InstallGitOptions {
  /** The bundle's text (the app fetches the build asset). */
  source: () => Promise<string>;
  /** Bound of each step that starts a process (default 10 s). */
  stepMs?: number;
}

/** Run by Node in the container: copy the program to the first folder that takes it, executable. */
const INSTALL_SCRIPT = `const fs = require('fs').promises;
const [source, ...dirs] = process.argv.slice(2);
(async () => {
  const failures = [];
  for (const dir of dirs) {
    try {
      await fs.mkdir(dir, { recursive: true });
      await fs.copyFile(source, dir + '/git');
      await fs.chmod(dir + '/git', 0o755);
      process.stdout.write(JSON.stringify({ file: dir + '/git', path: process.env.PATH || '' }) + '\\n');
      process.exitCode = 0;
      return;
    } catch (error) {
      failures.push(dir + ': ' + error.message);
    }
  }
  process.stdout.write(JSON.stringify({ failures }) + '\\n');
  process.exitCode = 1;
})();
`;

/** Put `git` into the container (see the file's comment). Never throws: a failure is a `none` with its reason. */
export async function installGit(instance: WcInstance, options: InstallGitOptions): Promise<GitSetup> {
  const stepMs = options.stepMs ?? 10_000;
  const basePath = instance.path || FALLBACK_PATH;
  let code: string;
  try {
    code = await options.source();
  } catch (error) {
    return { install: { kind: 'none', why: `the git program could not be loaded (${message(error)})` }, path: basePath };
  }
  let placed: { file?: string; path?: string; failures?: string[] } | undefined;
  try {
    await instance.fs.mkdir(SCRIPT_DIR, { recursive: true });
    await instance.fs.writeFile(`${SCRIPT_DIR}/git.cjs`, code);
    await instance.fs.writeFile(`${SCRIPT_DIR}/install-git.cjs`, INSTALL_SCRIPT);
    const run = await runProcess(instance, 'node', [`${SCRIPT_DIR}/install-git.cjs`, `${SCRIPT_DIR}/git.cjs`, ...GIT_BIN_DIRS], {}, stepMs);
    placed = lastJson(run.output);
    if (!placed?.file) {
      const why = placed?.failures?.join('; ') || `node exited ${run.exitCode}: ${run.output.trim().slice(-200) || 'no output'}`;
      return { install: { kind: 'none', why: `the git program could not be written into the container (${why})` }, path: basePath };
    }
  } catch (error) {
    return { install: { kind: 'none', why: `the git program could not be written into the container (${message(error)})` }, path: basePath };
  } finally {
    await instance.fs.rm(SCRIPT_DIR, { recursive: true, force: true }).catch(() => undefined);
  }
  const file = placed.file;
  const path = `${file.slice(0, file.lastIndexOf('/'))}:${instance.path || placed.path || FALLBACK_PATH}`;
  return { install: await checkGit(instance, file, path, stepMs), path };
}

/** Ask jsh for `git --version` by name; failing that, Node for `node <file> --version`. */
async function checkGit(instance: WcInstance, file: string, path: string, stepMs: number): Promise<GitInstall> {
  const byName = await runProcess(instance, '/bin/jsh', ['-c', 'git --version'], { PATH: path }, stepMs).catch((error) => ({
    exitCode: -1,
    output: message(error),
  }));
  if (byName.exitCode === 0 && byName.output.includes('autopilot')) return { kind: 'command', file };
  const seen = `\`git --version\` in jsh gave exit ${byName.exitCode}: ${oneLine(byName.output)}`;
  const byNode = await runProcess(instance, 'node', [file, '--version'], { PATH: path }, stepMs).catch((error) => ({
    exitCode: -1,
    output: message(error),
  }));
  if (byNode.exitCode === 0 && byNode.output.includes('autopilot')) return { kind: 'node', file, why: seen };
  return { kind: 'none', why: `${seen}; \`node ${file} --version\` gave exit ${byNode.exitCode}: ${oneLine(byNode.output)}` };
}

/** Spawn, collect the output, and wait for the exit (bounded: killed after `ms`). */
async function runProcess(instance: WcInstance, command: string, args: string[], env: Record<string, string>, ms: number) {
  const process: WcProcess = await instance.spawn(command, args, { env });
  let output = '';
  const reading = process.output
    .pipeTo(new WritableStream({ write: (chunk) => void (output += chunk) }))
    .catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-1), ms)));
  const exitCode = await Promise.race([process.exit, timedOut]);
  clearTimeout(timer);
  if (exitCode === -1) {
    process.kill();
    return { exitCode, output: `${output}(no end in ${ms / 1000} s)` };
  }
  await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, 250))]);
  return { exitCode, output };
}

function lastJson(text: string): { file?: string; path?: string; failures?: string[] } | undefined {
  const line = text.split(/\r?\n/).reverse().find((l) => l.trim().startsWith('{'));
  try {
    return line ? JSON.parse(line.trim()) : undefined;
  } catch {
    return undefined;
  }
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g, '').replace(/\s+/g, ' ').trim();
  return plain.slice(0, 160) || 'no output';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
