/**
 * Names the agent can legally create in POSIX, zipped by Download zip: every entry must stay inside the target
 * folder for every common extractor — Info-ZIP's unzip here, Windows path rules (node's path.win32), and our own
 * importer's check — and what was renamed is listed in the zip.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { safePath } from '../../../src/sandbox/import/paths';
import { RENAMED_NOTE, safeZipName, zipSnapshotReport } from '../../../src/sandbox/zip';

const text = (value: string) => new TextEncoder().encode(value);
const EVIL = ['..\\..\\x', 'C:\\Users\\Public\\x', 'dir\\..\\..\\x.bat', 'a:b', 'ok/..\\..\\deep.txt', 'tab\there'];

let scratch: string | undefined;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

/** Every file under `root`, relative, sorted. */
function walk(root: string, prefix = ''): string[] {
  return readdirSync(path.join(root, prefix), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? walk(root, path.join(prefix, entry.name)) : [path.join(prefix, entry.name)]))
    .sort();
}

describe('zip entry names', () => {
  it('renames what an extractor could resolve outside its folder, and leaves plain names alone', () => {
    expect(EVIL.map(safeZipName)).toEqual(['.._.._x', 'C__Users_Public_x', 'dir_.._.._x.bat', 'a_b', 'ok/.._.._deep.txt', 'tab_here']);
    expect(['src/a.ts', '.env', '...', 'x..y/z', 'naïve café.txt'].map(safeZipName)).toEqual(['src/a.ts', '.env', '...', 'x..y/z', 'naïve café.txt']);
  });

  it('zips escaping names safely for unzip, Windows and our importer, and lists the renames', () => {
    const files = [...EVIL, 'fine.txt', '.._.._x'].map((name) => ({ path: name, data: text(name) }));
    const { bytes, renamed } = zipSnapshotReport({ files, dirs: ['ok'] });
    expect(renamed).toEqual([
      { from: '..\\..\\x', to: '.._.._x~2' },
      { from: 'C:\\Users\\Public\\x', to: 'C__Users_Public_x' },
      { from: 'dir\\..\\..\\x.bat', to: 'dir_.._.._x.bat' },
      { from: 'a:b', to: 'a_b' },
      { from: 'ok/..\\..\\deep.txt', to: 'ok/.._.._deep.txt' },
      { from: 'tab\there', to: 'tab_here' },
    ]);
    const names = Object.keys(unzipSync(bytes));
    for (const name of names) {
      expect(safePath(name)).toEqual({ ok: true, path: name.replace(/\/$/, ''), dir: name.endsWith('/') });
      const target = 'C:\\target';
      expect(path.win32.resolve(target, name).startsWith(`${target}\\`)).toBe(true);
      expect(path.posix.resolve('/target', name.replace(/\\/g, '/')).startsWith('/target/')).toBe(true);
    }
    const note = new TextDecoder().decode(unzipSync(bytes)[RENAMED_NOTE]);
    expect(note).toContain('"..\\\\..\\\\x" -> ".._.._x~2"\n"C:\\\\Users\\\\Public\\\\x" -> "C__Users_Public_x"\n');

    scratch = mkdtempSync(path.join(tmpdir(), 'zip-names-'));
    writeFileSync(path.join(scratch, 'evil.zip'), bytes);
    mkdirSync(path.join(scratch, 'out/inner'), { recursive: true });
    execFileSync('unzip', ['-q', '-o', 'evil.zip', '-d', 'out/inner'], { cwd: scratch });
    expect(walk(scratch)).toEqual(['evil.zip', ...walk(path.join(scratch, 'out/inner')).map((name) => path.join('out/inner', name))]);
    expect(walk(path.join(scratch, 'out/inner'))).toEqual([
      'C__Users_Public_x', RENAMED_NOTE, '.._.._x', '.._.._x~2', 'a_b', 'dir_.._.._x.bat', 'fine.txt', 'ok/.._.._deep.txt', 'tab_here',
    ].sort());
    expect(readFileSync(path.join(scratch, 'out/inner/.._.._x~2'), 'utf8')).toBe('..\\..\\x');
  });
});
