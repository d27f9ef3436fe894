/**
 * The lite file system's stats read at once (engine.ts allStatsOf, which `git status` walks with) say what
 * lstat says for every path: files written as bytes and as text (multi-byte UTF-8 too), folders, links,
 * executables; lazy files are left out (the walk lstats them). It reads just-bash's entry map: this test is what notices if that ever changes shape.
 */
import { describe, expect, it } from 'vitest';
import { allStatsOf, Engine } from '../../../src/sandbox/lite/engine';

describe('allStatsOf the lite file system', () => {
  it('gives what lstat gives, for every path', async () => {
    const engine = new Engine();
    const fs = engine.fs;
    await fs.mkdir('/home/project/src/deep', { recursive: true });
    await fs.writeFile('/home/project/src/a.ts', new TextEncoder().encode('export const a = 1;\n'));
    await fs.writeFile('/home/project/src/deep/ü.txt', 'grüße 🚀 \ud800 end\n');
    await fs.writeFile('/home/project/run.sh', '#!/bin/sh\n');
    await fs.chmod('/home/project/run.sh', 0o755);
    await fs.symlink('src/a.ts', '/home/project/link');
    await engine.run('echo "made by the shell" > /home/project/shell.txt', { cwd: '/home/project', env: engine.initialEnv() });
    const stats = allStatsOf(fs);
    expect(stats).toBeDefined();
    const paths = fs.getAllPaths();
    // lazy files (just-bash's /proc/self/status) are left out: their size is known only once read
    expect(paths.filter((path) => !stats!.has(path))).toEqual(['/proc/self/status']);
    for (const path of paths.filter((p) => stats!.has(p))) {
      const { isFile, isDirectory, isSymbolicLink, mode, size, mtime } = await fs.lstat(path);
      expect({ path, ...stats!.get(path) }).toEqual({ path, isFile, isDirectory, isSymbolicLink, mode, size, mtime });
    }
    expect(stats!.get('/home/project/src/deep/ü.txt')!.size).toBe(new TextEncoder().encode('grüße 🚀 \ud800 end\n').length);
  });
});
