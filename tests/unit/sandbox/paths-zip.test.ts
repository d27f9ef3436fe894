import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SandboxError } from '../../../src/core/errors';
import { capOutput, joinOutput } from '../../../src/sandbox/output';
import { normalizePosix, relativeToWorkdir, resolveInWorkdir } from '../../../src/sandbox/paths';
import { isExcluded, zipSnapshot } from '../../../src/sandbox/zip';
import { zipModes } from './zip-modes';

describe('paths', () => {
  it('normalises POSIX paths', () => {
    expect(['/a/./b//c/../d', 'a/../../b', '/..', '', './x/'].map(normalizePosix)).toEqual([
      '/a/b/d',
      '../b',
      '/',
      '.',
      'x',
    ]);
  });

  it('resolves paths inside the work dir and refuses the rest', () => {
    expect(['src/a.ts', '/home/project/b', '.', 'x/../y'].map((path) => resolveInWorkdir(path))).toEqual([
      '/home/project/src/a.ts',
      '/home/project/b',
      '/home/project',
      '/home/project/y',
    ]);
    for (const path of ['..', '/etc/passwd', '/home/projectX/a', 'a/../../b', 'nul\0']) {
      expect(() => resolveInWorkdir(path)).toThrow(SandboxError);
    }
    expect(relativeToWorkdir('/home/project/a/b')).toEqual('a/b');
  });
});

describe('zip', () => {
  it('excludes by folder name at any depth, or by path prefix', () => {
    const paths = ['node_modules/x.js', 'pkg/node_modules/y.js', 'dist/a.js', 'distance.txt', 'src/dist/b.js'];
    expect(paths.filter((path) => !isExcluded(path, ['node_modules', 'dist/']))).toEqual([
      'distance.txt',
      'src/dist/b.js',
    ]);
    expect(paths.filter((path) => !isExcluded(path, ['src/dist']))).toEqual(paths.slice(0, 4));
  });

  it('zips files with their modes and empty directories', () => {
    const zip = zipSnapshot({
      files: [
        { path: 'bin/run', data: Uint8Array.of(65), mode: 0o755 },
        { path: 'a.txt', data: Uint8Array.of(66) },
      ],
      dirs: ['bin', 'empty', 'node_modules', 'node_modules/dep'],
    });
    expect(zipModes(zip)).toEqual({ 'bin/run': 0o100755, 'a.txt': 0o100644, 'empty/': 0o040755 });
    expect(unzipSync(zip)).toEqual({
      'bin/run': Uint8Array.of(65),
      'a.txt': Uint8Array.of(66),
      'empty/': new Uint8Array(0),
    });
  });
});

describe('output', () => {
  it('caps long output around a note and joins streams on a line break', () => {
    expect(capOutput('abcdefghij', 4)).toEqual({
      text: "ab\n[… 6 characters dropped: the output passed the sandbox's cap of 4 …]\nij",
      dropped: 6,
    });
    expect(capOutput('short', 10)).toEqual({ text: 'short', dropped: 0 });
    expect([joinOutput('a', 'b'), joinOutput('a\n', 'b'), joinOutput('', 'b'), joinOutput('a', '')]).toEqual([
      'a\nb',
      'a\nb',
      'b',
      'a',
    ]);
  });
});
