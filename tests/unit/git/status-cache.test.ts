/**
 * The index's stat cache: a repository made by the real git and copied onto the lite file system has stale
 * stat data, so its first `git status` reads every file; that status refreshes the index (as git does), and
 * the next one reads none — while still seeing a change made afterwards.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryFs } from 'just-bash';
import { describe, expect, it } from 'vitest';
import { fromBashFs, runGit } from '../../../src/git';
import { collectChanges } from '../../../src/git/changes';
import { openRepo } from '../../../src/git/repo';

function filesUnder(root: string, prefix = ''): [string, Uint8Array][] {
  return readdirSync(join(root, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(root, path) : [[path, readFileSync(join(root, path))] as [string, Uint8Array]];
  });
}

describe('git status and the index stat cache', () => {
  it('hashes stale files once, refreshes the index, and still sees later changes', async () => {
    const disk = mkdtempSync(join(tmpdir(), 'stat-cache-'));
    try {
      for (let i = 0; i < 20; i++) writeFileSync(join(disk, `f${i}.txt`), `${i}\n`);
      execFileSync('bash', ['-c', 'git init -q -b main && git add -A && git -c user.name=a -c user.email=a@b commit -qm init'], { cwd: disk });
      const mem = new InMemoryFs();
      for (const [path, bytes] of filesUnder(disk)) {
        const full = `/repo/${path}`;
        await mem.mkdir(full.slice(0, full.lastIndexOf('/')), { recursive: true });
        await mem.writeFile(full, bytes);
      }
      const fs = fromBashFs(mem);
      const repo = openRepo(fs, '/repo');
      expect((await collectChanges(repo)).workOids.size).toBe(20);
      await new Promise((resolve) => setTimeout(resolve, 5)); // the index must be written after the files' mtime
      expect(await runGit(['status', '--porcelain'], { fs, cwd: '/repo', env: {} })).toEqual({ stdout: '', stderr: '', exitCode: 0 });
      expect((await collectChanges(repo)).workOids.size).toBe(0);
      await mem.writeFile('/repo/f3.txt', 'changed\n');
      expect(await runGit(['status', '--porcelain'], { fs, cwd: '/repo', env: {} })).toEqual({ stdout: ' M f3.txt\n', stderr: '', exitCode: 0 });
      // The refreshed index is one the real git accepts (its checksum is right).
      writeFileSync(join(disk, '.git/index'), await mem.readFileBuffer('/repo/.git/index'));
      expect(execFileSync('git', ['ls-files'], { cwd: disk, encoding: 'utf8' }).split('\n').length).toBe(21);
    } finally {
      rmSync(disk, { recursive: true, force: true });
    }
  });
});
