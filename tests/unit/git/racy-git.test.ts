/**
 * Racy git (git's Documentation/technical/racy-git.txt): a file rewritten with the same size within the same
 * timestamp tick as the index write looks clean by its stat. Git smudges such entries (size 0) when it writes
 * the index; the front end must do the same, or the real git reading our index — and our own status — miss
 * the change. Reproduced deterministically by pinning the mtimes with utimes instead of racing the clock.
 * ctime cannot be pinned, so both repositories say core.trustctime=false (otherwise a second boundary between
 * the steps would reveal the change through ctime and hide the bug — or keep the real git from smudging).
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SideBySide } from './side-by-side';

/** A moment well in the past, on a whole second. */
const T = new Date(1_700_000_100_000);

describe('racily clean entries', { timeout: 30_000 }, () => {
  let s: SideBySide;
  beforeEach(() => {
    s = new SideBySide();
  });
  afterEach(() => s.dispose());

  /** Pin a file's mtime (and atime) in both trees. */
  function pin(path: string, bases = [s.ours, s.theirs]): void {
    for (const base of bases) fs.utimesSync(join(base, path), T, T);
  }

  const status = ['status', '--porcelain'];

  it('a same-size rewrite in the tick the index was written stays visible after the next index write', async () => {
    expect((await s.ourGit(['init', '-q', '-b', 'main'])).exitCode).toBe(0);
    expect(s.theirGit(['init', '-q', '-b', 'main']).exitCode).toBe(0);
    for (const base of [s.ours, s.theirs]) s.realGit(base, ['config', 'core.trustctime', 'false']);
    s.write('a.txt', 'one\n');
    s.write('app.js', 'return 1;\n');
    pin('app.js');
    expect((await s.ourGit(['add', '.'])).exitCode).toBe(0);
    expect(s.theirGit(['add', '.']).exitCode).toBe(0);
    // The index was written in the same tick as app.js's last write.
    pin('.git/index');
    // app.js changes within that tick: same size, same mtime.
    s.write('app.js', 'return 2;\n');
    pin('app.js');
    // Another command rewrites the index (now, a later tick).
    s.write('a.txt', 'two\n');
    expect((await s.ourGit(['add', 'a.txt'])).exitCode).toBe(0);
    expect(s.theirGit(['add', 'a.txt']).exitCode).toBe(0);

    const expected = 'AM app.js\nA  a.txt\n'.split('\n').sort().join('\n');
    const sorted = (text: string) => text.split('\n').sort().join('\n');
    expect(sorted(s.theirGit(status).stdout)).toBe(expected);
    // The real git reading OUR index sees the change…
    expect(sorted(s.gitInOurs(status).stdout)).toBe(expected);
    // …and so does our own status.
    expect(sorted((await s.ourGit(['status', '--porcelain'])).stdout)).toBe(expected);
    // Committing what is staged keeps app.js modified, for both readers.
    expect((await s.ourGit(['commit', '-qm', 'x'])).exitCode).toBe(0);
    expect(s.gitInOurs(status).stdout).toBe(' M app.js\n');
    expect((await s.ourGit(['status', '--porcelain'])).stdout).toBe(' M app.js\n');
  });

  it('an entry git smudged stays right when our status refreshes the index', async () => {
    expect((await s.ourGit(['init', '-q', '-b', 'main'])).exitCode).toBe(0);
    s.realGit(s.ours, ['config', 'core.trustctime', 'false']);
    s.write('app.js', 'return 1;\n');
    pin('app.js', [s.ours]);
    await s.ourGit(['add', '.']);
    await s.ourGit(['commit', '-qm', 'one']);
    pin('.git/index', [s.ours]);
    s.write('app.js', 'return 2;\n');
    pin('app.js', [s.ours]);
    s.write('b.txt', 'b\n');
    await s.ourGit(['add', 'b.txt']);
    // Our status refreshes stale stat data; the smudged entry must not come back as clean.
    expect((await s.ourGit(['status', '--porcelain'])).stdout).toBe(' M app.js\nA  b.txt\n');
    expect(s.gitInOurs(status).stdout).toBe(' M app.js\nA  b.txt\n');
    // Restoring it makes it clean for both again.
    expect((await s.ourGit(['checkout', '--', 'app.js'])).exitCode).toBe(0);
    expect(s.gitInOurs(status).stdout).toBe('A  b.txt\n');
    expect((await s.ourGit(['status', '--porcelain'])).stdout).toBe('A  b.txt\n');
  });
});
