import { describe, expect, it } from 'vitest';
import { importProject, ImportError, writeFiles, type ImportSummary } from '../../../src/sandbox/import';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { BINARY, liteSandbox, makeZip, modes, tree } from './helpers';

function zipSource(data: Uint8Array, name = 'myproject.zip') {
  return { kind: 'zip' as const, name, data };
}

async function failure(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ImportError)) throw new Error(`expected an ImportError, got ${String(error)}`);
  return error;
}

describe('importProject from a zip', () => {
  it('imports nested folders, binary bytes and executable bits, strips the single root, skips node_modules', async () => {
    const sandbox = liteSandbox();
    const zip = makeZip({
      'myproject/': { mode: 0o755 },
      'myproject/README.md': { data: '# hello\n', mode: 0o644 },
      'myproject/src/lib/util.ts': { data: 'export const x = 1;\n', mode: 0o644 },
      'myproject/assets/logo.bin': { data: BINARY, mode: 0o644 },
      'myproject/scripts/test.sh': { data: '#!/bin/sh\necho ok\n', mode: 0o755, stored: true },
      'myproject/empty/': { mode: 0o755 },
      'myproject/node_modules/left-pad/index.js': 'module.exports = 1;\n',
      'myproject/node_modules/left-pad/package.json': '{}',
      'myproject/packages/a/node_modules/b/index.js': 'x',
      'myproject/.git/HEAD': 'ref: refs/heads/main\n',
      'myproject/.git/objects/ab/cdef': 'blob',
    });
    const summary = await importProject(sandbox, zipSource(zip));
    expect(summary).toEqual<ImportSummary>({
      source: 'myproject.zip',
      imported: 5,
      bytes: 8 + 20 + 512 + 18 + 21,
      overwritten: 0,
      dirs: 1,
      root: 'myproject',
      skipped: [
        { path: 'node_modules', why: 'node_modules: installed dependencies (reinstall them with npm install), skipped by default' },
        { path: 'packages/a/node_modules', why: 'node_modules: installed dependencies (reinstall them with npm install), skipped by default' },
        { path: '.git/objects', why: '.git/objects: git object store (history is not imported), skipped by default' },
      ],
      refused: [],
      warnings: [],
    });
    const snapshot = await sandbox.snapshot();
    expect(await tree(sandbox)).toEqual({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'README.md': '# hello\n',
      'assets/logo.bin': new TextDecoder().decode(BINARY),
      'scripts/test.sh': '#!/bin/sh\necho ok\n',
      'src/lib/util.ts': 'export const x = 1;\n',
    });
    expect(await sandbox.readFile('assets/logo.bin')).toEqual(BINARY);
    expect(modes(snapshot)['scripts/test.sh']).toBe(0o755);
    expect(modes(snapshot)['README.md']).toBe(0o644);
    expect(snapshot.dirs).toContain('empty');
    const run = await sandbox.exec('./scripts/test.sh');
    expect({ exitCode: run.exitCode, output: run.output }).toEqual({ exitCode: 0, output: 'ok\n' });
  });

  it('keeps two top folders as they are', async () => {
    const sandbox = liteSandbox();
    const summary = await importProject(sandbox, zipSource(makeZip({ 'a/x.txt': 'x', 'b/y.txt': 'y' })));
    expect(summary.root).toBeUndefined();
    expect(await tree(sandbox)).toEqual({ 'a/x.txt': 'x', 'b/y.txt': 'y' });
  });

  it('does not strip the root when asked not to, and ignores macOS clutter when finding it', async () => {
    const zip = makeZip({ 'p/a.txt': 'a', '__MACOSX/p/._a.txt': 'fork', 'p/.DS_Store': 'ds' });
    const stripped = liteSandbox();
    const summary = await importProject(stripped, zipSource(zip));
    expect(await tree(stripped)).toEqual({ 'a.txt': 'a' });
    expect(summary.skipped).toEqual([
      { path: '__MACOSX', why: 'macOS resource forks' },
      { path: 'p/.DS_Store', why: 'macOS Finder metadata' },
    ]);
    const kept = liteSandbox();
    await importProject(kept, zipSource(zip), { stripSingleRoot: false });
    expect(await tree(kept)).toEqual({ 'p/a.txt': 'a' });
  });

  it('refuses paths that leave the work dir and writes nothing outside it', async () => {
    const sandbox = liteSandbox();
    const rootBefore = (await sandbox.exec('ls -a / /home')).output;
    const zip = makeZip({
      'ok.txt': 'fine',
      '../evil': 'x',
      '/etc/x': 'x',
      'a/../../x': 'x',
      '..\\win-evil': 'x',
      'C:/drive': 'x',
      'D:\\drive2': 'x',
      'link': { data: '/etc/passwd', mode: 0o120777 },
    });
    const summary = await importProject(sandbox, zipSource(zip));
    expect(summary.refused).toEqual([
      { path: '../evil', why: 'the path climbs out with ".." (zip-slip)' },
      { path: '/etc/x', why: 'absolute path (it would land outside the work dir)' },
      { path: 'a/../../x', why: 'the path climbs out with ".." (zip-slip)' },
      { path: '..\\win-evil', why: 'the path climbs out with ".." (zip-slip)' },
      { path: 'C:/drive', why: 'Windows drive path (it would land outside the work dir)' },
      { path: 'D:\\drive2', why: 'Windows drive path (it would land outside the work dir)' },
      { path: 'link', why: 'symbolic link (links are not imported: they could point outside the work dir)' },
    ]);
    expect(summary.imported).toBe(1);
    expect(await tree(sandbox)).toEqual({ 'ok.txt': 'fine' });
    expect((await sandbox.exec('ls -a / /home')).output).toBe(rootBefore);
    const probe = await sandbox.exec('for p in /etc/x /x /evil /home/evil /win-evil /drive; do test -e $p; echo "$p $?"; done');
    expect(probe.output).toBe('/etc/x 1\n/x 1\n/evil 1\n/home/evil 1\n/win-evil 1\n/drive 1\n');
  });

  it('gives a clear error for a corrupt archive and leaves the sandbox as it was', async () => {
    const sandbox = liteSandbox();
    await sandbox.writeFile('keep.txt', 'before');
    const before = await sandbox.snapshot();
    const zip = makeZip({ 'a.txt': 'a'.repeat(5000), 'b.txt': 'b'.repeat(5000) });

    const truncated = await failure(importProject(sandbox, zipSource(zip.slice(0, zip.length - 30))));
    expect([truncated.code, truncated.message]).toEqual([
      'corrupt_archive',
      'This is not a zip archive, or it is cut short (no end-of-archive record). Nothing was imported; ' +
        'download or create the zip again.',
    ]);

    const garbled = zip.slice();
    garbled[45] ^= 0xff; // inside a.txt's deflate data (local header 30 + name 5)
    garbled[46] ^= 0xff;
    const damaged = await failure(importProject(sandbox, zipSource(garbled)));
    expect(damaged.code).toBe('corrupt_archive');
    expect(damaged.message).toMatch(/^The archive is damaged: entry "a\.txt" cannot be read \(.+\)\. Nothing was imported; download or create the zip again\.$/);

    const text = await failure(importProject(sandbox, zipSource(new TextEncoder().encode('not a zip at all'))));
    expect(text.code).toBe('corrupt_archive');

    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('detects a changed byte in stored data by its checksum', async () => {
    const sandbox = liteSandbox();
    const zip = makeZip({ 'a.txt': { data: 'hello world', stored: true }, 'b.txt': 'b' });
    const changed = zip.slice();
    changed[30 + 5] = 'H'.charCodeAt(0);
    const error = await failure(importProject(sandbox, zipSource(changed)));
    expect([error.code, error.message]).toEqual([
      'corrupt_archive',
      'The archive is damaged: entry "a.txt" cannot be read (its checksum does not match its contents). ' +
        'Nothing was imported; download or create the zip again.',
    ]);
    expect(await tree(sandbox)).toEqual({});
  });

  it('enforces the file-count and size caps before writing, and skips one file over its own cap', async () => {
    const sandbox = liteSandbox();
    const zip = makeZip({ 'a.txt': 'aaaa', 'b.txt': 'bbbb', 'c.txt': 'cccc', 'node_modules/x.js': 'x' });
    const many = await failure(importProject(sandbox, zipSource(zip), { maxFiles: 2 }));
    expect([many.code, many.message]).toEqual([
      'too_many_files',
      'The project has 3 files to import (after skipping heavy folders); the limit is 2. Nothing was ' +
        'imported: import a smaller folder, or add folders to the skip list.',
    ]);
    const big = await failure(importProject(sandbox, zipSource(zip), { maxTotalBytes: 10 }));
    expect([big.code, big.message]).toEqual([
      'too_large',
      'The project holds 12 B to import (after skipping heavy folders); the limit is 10 B. Nothing was ' +
        'imported: import a smaller folder, or add folders to the skip list.',
    ]);
    expect(await tree(sandbox)).toEqual({});

    const one = await importProject(sandbox, zipSource(makeZip({ 'small.txt': 'ok', 'big.bin': 'x'.repeat(100) })), {
      maxFileBytes: 50,
    });
    expect(one.skipped).toEqual([{ path: 'big.bin', why: '100 B, over the 50 B limit for one file' }]);
    expect(await tree(sandbox)).toEqual({ 'small.txt': 'ok' });
  });

  it('takes a custom skip list and imports node_modules when it is not in it', async () => {
    const sandbox = liteSandbox();
    const zip = makeZip({ 'node_modules/x.js': 'x', 'vendor/y.js': 'y', 'src/z.js': 'z' });
    const summary = await importProject(sandbox, zipSource(zip), { skip: ['vendor'] });
    expect(summary.skipped).toEqual([{ path: 'vendor', why: 'vendor: in the skip list, skipped by default' }]);
    expect(await tree(sandbox)).toEqual({ 'node_modules/x.js': 'x', 'src/z.js': 'z' });
  });

  it('merges into the work dir: counts overwritten files, refuses clashes with what is there', async () => {
    const sandbox = liteSandbox();
    await sandbox.writeFile('README.md', 'old');
    await sandbox.writeFile('lib', 'a file named lib');
    await sandbox.writeFile('docs/guide.md', 'guide');
    const zip = makeZip({ 'README.md': 'new', 'lib/a.js': 'a', 'docs': 'a file over a folder', 'src/b.js': 'b' });
    const summary = await importProject(sandbox, zipSource(zip));
    expect({ ...summary, skipped: undefined }).toEqual({
      source: 'myproject.zip',
      imported: 2,
      bytes: 4,
      overwritten: 1,
      dirs: 0,
      skipped: undefined,
      refused: [
        { path: 'lib/a.js', why: 'the work dir already has a file "lib" where this needs a folder' },
        { path: 'docs', why: 'the work dir already has a folder with this name' },
      ],
      warnings: [],
    });
    expect(await tree(sandbox)).toEqual({
      'README.md': 'new',
      'docs/guide.md': 'guide',
      lib: 'a file named lib',
      'src/b.js': 'b',
    });
  });

  it('puts the work dir back when a write fails midway', async () => {
    const inner = liteSandbox();
    await inner.writeFile('keep.txt', 'before');
    const before = await inner.snapshot();
    let writes = 0;
    const writeFile = async (path: string, content: string | Uint8Array) => {
      if (++writes === 3) throw new Error('disk full');
      await inner.writeFile(path, content);
    };
    // The real sandbox, with writeFile failing on the third call.
    const failing = new Proxy(inner, {
      get(target, key) {
        if (key === 'writeFile') return writeFile;
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Sandbox;
    const zip = makeZip({ 'a.txt': 'a', 'b.txt': 'b', 'c.txt': 'c', 'd.txt': 'd' });
    const error = await failure(importProject(failing, zipSource(zip)));
    expect([error.code, error.message]).toEqual([
      'write_failed',
      'Writing the imported files failed (disk full). The work dir was put back as it was; try again, or ' +
        'import a smaller project.',
    ]);
    expect(await inner.snapshot()).toEqual(before);
  });

  it('undoes exactly what it wrote on a failure: old contents back, new files and folders gone, node_modules never read or touched', async () => {
    const inner = liteSandbox();
    await inner.writeFile('keep.txt', 'before');
    await inner.writeFile('a.txt', 'old a');
    await inner.writeFile('node_modules/dep/index.js', 'module.exports = 1');
    const before = await inner.snapshot();
    const snapshots: unknown[] = [];
    let writes = 0;
    const failing = new Proxy(inner, {
      get(target, key) {
        if (key === 'writeFile') {
          return async (path: string, content: string | Uint8Array) => {
            if (++writes === 4) throw new Error('disk full');
            await inner.writeFile(path, content);
          };
        }
        if (key === 'snapshot') return (options?: unknown) => (snapshots.push(options), inner.snapshot(options as never));
        if (key === 'restore') return () => Promise.reject(new Error('a rollback must not restore the whole work dir'));
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Sandbox;
    const zip = makeZip({ 'a.txt': 'new a', 'deep/er/b.txt': 'b', 'c.txt': 'c', 'd.txt': 'd' });
    const error = await failure(importProject(failing, zipSource(zip)));
    expect(error.code).toEqual('write_failed');
    expect(snapshots).toEqual([{ excludes: ['node_modules'] }]);
    expect(await inner.snapshot()).toEqual(before);
  });

  it('stops and puts the work dir back when cancelled', async () => {
    const sandbox = liteSandbox();
    const controller = new AbortController();
    controller.abort();
    const error = await importProject(sandbox, zipSource(makeZip({ 'a.txt': 'a' })), { signal: controller.signal }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('AbortError');
    expect(await tree(sandbox)).toEqual({});
  });
});

describe('writeFiles (execute({files}))', () => {
  it('writes text and bytes with the same path rules, skipping nothing', async () => {
    const sandbox = liteSandbox();
    await sandbox.writeFile('a.txt', 'old');
    const summary = await writeFiles(sandbox, {
      'a.txt': 'new',
      'node_modules/keep.js': 'kept: asked for by name',
      'bin/data.bin': BINARY,
      '../escape.txt': 'no',
      '/abs.txt': 'no',
    });
    expect(summary).toEqual<ImportSummary>({
      source: 'files',
      imported: 3,
      bytes: 3 + 23 + 512,
      overwritten: 1,
      dirs: 0,
      skipped: [],
      refused: [
        { path: '../escape.txt', why: 'the path climbs out with ".." (zip-slip)' },
        { path: '/abs.txt', why: 'absolute path (it would land outside the work dir)' },
      ],
      warnings: [],
    });
    expect(await sandbox.readFile('bin/data.bin')).toEqual(BINARY);
    expect(await sandbox.readTextFile('node_modules/keep.js')).toBe('kept: asked for by name');
  });
});
