/**
 * Writing a planned import into a sandbox: all or nothing. A snapshot is taken first (leaving out the
 * rebuildable folders, e.g. node_modules, which an import never needs to read back); if any write fails (or the
 * import is cancelled) exactly what was written is undone: files that were there get their old content back,
 * new files and the folders made for them are removed. The rest of the work dir is never touched.
 */
import { isAbort } from '../../core/errors';
import { WORKDIR, type Sandbox, type WorkdirSnapshot } from '../sandbox';
import { REBUILDABLE_EXCLUDES } from '../rebuildable';
import { parentsOf, type ImportPlan, type PlannedFile } from './plan';
import { shellQuote } from './paths';
import { ImportError, type ImportNote, type ImportOptions } from './types';

/** What writing did beyond the plan. */
export interface ApplyResult {
  files: PlannedFile[];
  overwritten: number;
  /** Files the work dir could not take (a folder already has that name, or a file sits where a folder must go). */
  refused: ImportNote[];
  warnings: string[];
}

const DEFAULT_FILE_MODE = 0o644;
const MAX_COMMAND_CHARS = 8000;
const NODE_CHMOD = 'const [m, ...ps] = process.argv.slice(1); for (const p of ps) require("fs").chmodSync(p, parseInt(m, 8))';

/** Write the plan's files and empty folders; modes are set afterwards with `chmod`. */
export async function applyPlan(
  sandbox: Sandbox,
  plan: ImportPlan,
  { signal, onProgress }: Pick<ImportOptions, 'signal' | 'onProgress'> = {},
): Promise<ApplyResult> {
  signal?.throwIfAborted();
  const before = await sandbox.snapshot({ excludes: [...REBUILDABLE_EXCLUDES] });
  const { files, refused } = fitWorkdir(plan.files, before);
  const existing = new Set(before.files.map((file) => file.path));
  const written: PlannedFile[] = [];
  try {
    onProgress?.({ phase: 'writing', done: 0, total: files.length });
    for (const file of files) {
      signal?.throwIfAborted();
      written.push(file);
      await sandbox.writeFile(file.path, file.data);
      onProgress?.({ phase: 'writing', done: written.length, total: files.length });
    }
  } catch (error) {
    await rollBack(sandbox, before, written, error);
    if (isAbort(error)) throw error;
    throw new ImportError(
      'write_failed',
      `Writing the imported files failed (${message(error)}). The work dir was put back as it was; ` +
        'try again, or import a smaller project.',
    );
  }
  const warnings = [
    ...(await runBatched(sandbox, 'mkdir -p', plan.emptyDirs, (n) => `Could not create ${n} empty ${n === 1 ? 'folder' : 'folders'}`)),
    ...(await setModes(sandbox, files)),
  ];
  return { files, overwritten: files.filter((file) => existing.has(file.path)).length, refused, warnings };
}

/** Leave out files that clash with the work dir as it is: a folder with the file's name, or a file on its way. */
function fitWorkdir(files: PlannedFile[], before: WorkdirSnapshot): { files: PlannedFile[]; refused: ImportNote[] } {
  const existingFiles = new Set(before.files.map((file) => file.path));
  const existingDirs = new Set([...before.dirs, ...before.files.flatMap((file) => parentsOf(file.path))]);
  const refused: ImportNote[] = [];
  const kept = files.filter((file) => {
    if (existingDirs.has(file.path)) {
      refused.push({ path: file.path, why: 'the work dir already has a folder with this name' });
      return false;
    }
    const blocker = parentsOf(file.path).find((parent) => existingFiles.has(parent));
    if (blocker === undefined) return true;
    refused.push({ path: file.path, why: `the work dir already has a file "${blocker}" where this needs a folder` });
    return false;
  });
  return { files: kept, refused };
}

async function rollBack(sandbox: Sandbox, before: WorkdirSnapshot, written: readonly PlannedFile[], cause: unknown): Promise<void> {
  const old = new Map(before.files.map((file) => [file.path, file.data]));
  const dirsBefore = new Set([...before.dirs, ...before.files.flatMap((file) => parentsOf(file.path))]);
  try {
    for (const file of written) {
      const data = old.get(file.path);
      if (data !== undefined) await sandbox.writeFile(file.path, data);
      else if (await sandbox.exists(file.path)) await sandbox.remove(file.path);
    }
    const madeDirs = [...new Set(written.flatMap((file) => parentsOf(file.path)))].filter((dir) => !dirsBefore.has(dir));
    for (const dir of madeDirs.sort((a, b) => b.length - a.length)) {
      if (await sandbox.exists(dir)) await sandbox.remove(dir, { recursive: true });
    }
  } catch (error) {
    throw new ImportError(
      'write_failed',
      `Writing the imported files failed (${message(cause)}), and putting the work dir back failed too ` +
        `(${message(error)}). The work dir may hold part of the import: reload the page to start clean.`,
    );
  }
}

/**
 * chmod each file whose source mode differs from the default, grouped by mode. Where the shell has no
 * chmod (WebContainer's jsh may not) and node exists, node's fs.chmodSync does it.
 */
async function setModes(sandbox: Sandbox, files: readonly PlannedFile[]): Promise<string[]> {
  const byMode = new Map<number, string[]>();
  for (const file of files) {
    if (file.mode === undefined || file.mode === DEFAULT_FILE_MODE) continue;
    byMode.set(file.mode, [...(byMode.get(file.mode) ?? []), file.path]);
  }
  const what = (n: number) => `Could not set the mode (e.g. the executable bit) of ${n} ${n === 1 ? 'file' : 'files'}`;
  const warnings: string[] = [];
  for (const [mode, paths] of byMode) {
    const octal = mode.toString(8);
    const failed = await runBatched(sandbox, `chmod ${octal}`, paths, what);
    if (failed.length === 0 || !sandbox.capabilities.node) {
      warnings.push(...failed);
      continue;
    }
    const viaNode = `node -e ${shellQuote(NODE_CHMOD)} ${octal}`;
    warnings.push(...(await runBatched(sandbox, viaNode, paths, what)));
  }
  return warnings;
}

/** Run `command` over `paths` (absolute, quoted) in as few commands as fit; failures become warnings. */
async function runBatched(
  sandbox: Sandbox,
  command: string,
  paths: readonly string[],
  what: (count: number) => string,
): Promise<string[]> {
  const warnings: string[] = [];
  for (const batch of batches(paths.map((path) => shellQuote(`${WORKDIR}/${path}`)))) {
    const result = await sandbox.exec(`${command} ${batch.join(' ')}`, { timeoutMs: 30_000 });
    if (result.exitCode !== 0) {
      const said = result.output.trim().slice(0, 200);
      warnings.push(`${what(batch.length)}: ${command.split(' ')[0]} exited with ${result.exitCode}${said ? ` (${said})` : ''}.`);
    }
  }
  return warnings;
}

function batches(args: readonly string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const arg of args) {
    if (current.length > 0 && length + arg.length + 1 > MAX_COMMAND_CHARS) {
      out.push(current);
      current = [];
      length = 0;
    }
    current.push(arg);
    length += arg.length + 1;
  }
  if (current.length > 0) out.push(current);
  return out;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
