/**
 * git_status_scale: `git status` through the git front end in the lite sandbox (the same LiteSandbox the
 * sandbox worker hosts, here in-process), warm, on a committed work tree of 1 000 and 10 000 files with a few
 * changes; baseline: the native `git status` on the same tree on disk.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiteSandbox } from '../../src/sandbox/lite/lite-sandbox';
import { fmt, median, rotated, row, type Measured } from '../lib/stats';

const TARGET_MS = 300;

/** Files spread over folders of 50, like a real project. */
function tree(count: number): [string, string][] {
  return Array.from({ length: count }, (_, i) => [`src/d${Math.floor(i / 50)}/f${i}.ts`, `export const v${i} = ${i};\n`]);
}

const ENV = 'export GIT_AUTHOR_DATE="@1700000000 +0000" GIT_COMMITTER_DATE="@1700000000 +0000";';
const CHANGES = 'echo changed >> src/d0/f0.ts && echo new > src/d1/new.ts && rm src/d2/f100.ts';

/** Every file under a folder (the .git folder included), as sandbox paths and bytes. */
function filesUnder(root: string, prefix = ''): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesUnder(root, path));
    else out.push([path, readFileSync(join(root, path))]);
  }
  return out;
}

async function measureAt(count: number, reps: number): Promise<{ ours: number; native: number; same: boolean }> {
  const sandbox = new LiteSandbox();
  const disk = mkdtempSync(join(tmpdir(), 'git-status-'));
  try {
    for (const [path, content] of tree(count)) {
      mkdirSync(join(disk, path, '..'), { recursive: true });
      writeFileSync(join(disk, path), content);
    }
    const env = { ...process.env, HOME: disk, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Autopilot', GIT_AUTHOR_EMAIL: 'autopilot@users.noreply.github.com', GIT_COMMITTER_NAME: 'Autopilot', GIT_COMMITTER_EMAIL: 'autopilot@users.noreply.github.com' };
    execFileSync('bash', ['-c', `${ENV} git init -q -b main && git add -A && git commit -qm init`], { cwd: disk, env });
    // The repository comes into the sandbox as an opened one does: work tree and .git, copied in.
    for (const [path, bytes] of filesUnder(disk)) await sandbox.writeFile(path, bytes);
    execFileSync('bash', ['-c', CHANGES], { cwd: disk, env });
    const changed = await sandbox.exec(CHANGES);
    if (changed.exitCode !== 0) throw new Error(`setup failed: ${changed.output}`);
    const nativeOut = execFileSync('git', ['status', '--porcelain'], { cwd: disk, env, encoding: 'utf8' });
    const oursOut = (await sandbox.exec('git status --porcelain', { timeoutMs: 600_000 })).stdout;
    const samples = await rotated(reps, {
      ours: async () => (await sandbox.exec('git status')).durationMs,
      native: async () => {
        const started = performance.now();
        execFileSync('git', ['status'], { cwd: disk, env });
        return performance.now() - started;
      },
    });
    return { ours: median(samples.ours), native: median(samples.native), same: oursOut === nativeOut };
  } finally {
    await sandbox.dispose();
    rmSync(disk, { recursive: true, force: true });
  }
}

/** The two rows (1 000 and 10 000 files). */
export async function gitStatusRows(reps: number): Promise<Measured[]> {
  const rows: Measured[] = [];
  for (const count of [1_000, 10_000]) {
    const { ours, native, same } = await measureAt(count, reps);
    const name = count === 1_000 ? 'git_status_scale_1k' : 'git_status_scale';
    const target = count === 1_000 ? 'informational' : `<= ${TARGET_MS} ms`;
    rows.push({
      name,
      row: row(ours, native, 'ms per git status', target, count === 1_000 || ours <= TARGET_MS),
      note: `${count} files${same ? '' : ' (porcelain output DIFFERS from native git)'}`,
      details: [fmt(`${count} files, 3 changed: git status through the front end in the lite sandbox {} ms (median), native git status {} ms on the same tree on disk.`, ours, native)],
    });
  }
  return rows;
}
