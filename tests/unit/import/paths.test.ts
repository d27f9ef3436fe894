import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safePath, singleRoot, skipMatch } from '../../../src/sandbox/import/paths';
import { DEFAULT_IMPORT_OPTIONS } from '../../../src/sandbox/import';
import { normalizePosix } from '../../../src/sandbox/paths';

describe('safePath', () => {
  it('normalises harmless paths', () => {
    expect(safePath('a/./b//c.txt')).toEqual({ ok: true, path: 'a/b/c.txt', dir: false });
    expect(safePath('win\\dir\\f.txt')).toEqual({ ok: true, path: 'win/dir/f.txt', dir: false });
    expect(safePath('folder/')).toEqual({ ok: true, path: 'folder', dir: true });
    expect(safePath('./')).toEqual({ ok: true, path: '', dir: true });
    expect(safePath('..foo/bar..')).toEqual({ ok: true, path: '..foo/bar..', dir: false });
  });

  it('refuses every way out of the work dir', () => {
    const refused = ['../evil', '/etc/x', 'a/../../x', 'a/../b', '..\\evil', '\\\\server\\share\\x', 'C:/x', 'c:x', 'ok/\u0000x', 'new\nline'];
    expect(refused.map((path) => safePath(path).ok)).toEqual(refused.map(() => false));
  });

  it('never yields a path that resolves outside the work dir (property)', () => {
    const segment = fc.constantFrom('..', '.', '', 'a', 'b', '\\', '..\\..', 'C:', '/', 'x/..');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (parts) => {
        const result = safePath(parts.join('/'));
        if (!result.ok) return true;
        const resolved = normalizePosix(`/home/project/${result.path}`);
        return resolved === '/home/project' || resolved.startsWith('/home/project/');
      }),
    );
  });
});

describe('skipMatch and singleRoot', () => {
  it('names the heavy folder that makes a path skipped, at any depth', () => {
    const skip = DEFAULT_IMPORT_OPTIONS.skip;
    expect(skipMatch('a/node_modules/b/c.js', skip)?.path).toBe('a/node_modules');
    expect(skipMatch('.git/objects/ab/cd', skip)?.path).toBe('.git/objects');
    expect(skipMatch('.git/HEAD', skip)).toBeUndefined();
    expect(skipMatch('src/objects/x', skip)).toBeUndefined();
    expect(skipMatch('py/__pycache__/m.pyc', skip)?.why).toBe('__pycache__: Python bytecode cache, skipped by default');
    expect(skipMatch('distance/x', skip)).toBeUndefined();
  });

  it('finds one top folder only when every entry is under it', () => {
    expect(singleRoot([{ path: 'p', dir: true }, { path: 'p/a', dir: false }])).toBe('p');
    expect(singleRoot([{ path: 'p/a', dir: false }, { path: 'q/b', dir: false }])).toBeUndefined();
    expect(singleRoot([{ path: 'p/a', dir: false }, { path: 'top.txt', dir: false }])).toBeUndefined();
  });
});
