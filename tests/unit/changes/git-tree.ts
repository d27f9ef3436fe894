/** Test helper: a work-dir snapshot written to a temp folder, `git apply` run on it, and the folder read back. */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { WorkdirSnapshot } from '../../../src/sandbox/sandbox';

/** Files of a folder as a snapshot's files (sorted, executable bit as mode 0o755 / 0o644), `.git` left out. */
export function readTree(root: string): WorkdirSnapshot['files'] {
  const files: WorkdirSnapshot['files'] = [];
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (prefix === '' && name === '.git') continue;
      const full = join(dir, name);
      const path = prefix ? `${prefix}/${name}` : name;
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full, path);
      else files.push({ path, data: new Uint8Array(readFileSync(full)), mode: stat.mode & 0o111 ? 0o755 : 0o644 });
    }
  };
  walk(root, '');
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Writes the files under a fresh temp folder (a git repository) and returns it. */
export function writeTree(files: WorkdirSnapshot['files']): string {
  const root = mkdtempSync(join(tmpdir(), 'ap-patch-'));
  git(root, ['init', '-q']);
  for (const file of files) {
    const full = join(root, file.path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, file.data);
    chmodSync(full, file.mode !== undefined && file.mode & 0o111 ? 0o755 : 0o644);
  }
  return root;
}

/** Applies the patch with the real `git apply` (throws with git's message when it refuses). */
export function gitApply(root: string, patch: string): void {
  writeFileSync(join(root, '.git', 'the.patch'), patch);
  git(root, ['apply', '--allow-empty', '--whitespace=nowarn', '.git/the.patch']);
}

export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

function git(cwd: string, args: string[]): string {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', HOME: cwd };
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Files normalised as the patch round trip sees them: sorted, mode reduced to executable or not. */
export function normalised(files: WorkdirSnapshot['files']): WorkdirSnapshot['files'] {
  return files
    .map((file) => ({ path: file.path, data: new Uint8Array(file.data), mode: file.mode !== undefined && file.mode & 0o111 ? 0o755 : 0o644 }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}
