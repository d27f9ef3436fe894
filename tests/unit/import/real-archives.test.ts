import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeImport, importProject } from '../../../src/sandbox/import';
import { liteSandbox, modes, tree } from './helpers';

const fixture = (name: string) => new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../fixtures/import', name)));

describe('archives made by other tools', () => {
  it('Info-ZIP: keeps modes, refuses the symlink, strips app/', async () => {
    const sandbox = liteSandbox();
    const summary = await importProject(sandbox, { kind: 'zip', name: 'infozip.zip', data: fixture('infozip-symlink.zip') });
    expect(summary).toEqual({
      source: 'infozip.zip',
      imported: 2,
      bytes: 28,
      overwritten: 0,
      dirs: 0,
      root: 'app',
      skipped: [],
      refused: [{ path: 'app/escape', why: 'symbolic link (links are not imported: they could point outside the work dir)' }],
      warnings: [],
    });
    expect(await tree(sandbox)).toEqual({ 'bin/run': '#!/bin/sh\necho run\n', 'src/main.py': 'print(1)\n' });
    expect(modes(await sandbox.snapshot())).toEqual({ 'bin/run': 0o755, 'src/main.py': 0o644 });
    expect(describeImport(summary)).toBe('Imported 2 files (28 B) from infozip.zip — the contents of app/; 1 refused.');
  });

  it('zip64 from Info-ZIP (zip64 end records and extra fields) and from Python', async () => {
    const infozip = liteSandbox();
    await importProject(infozip, { kind: 'zip', name: 'a.zip', data: fixture('infozip-zip64.zip') });
    expect(await tree(infozip)).toEqual({ 'bin/run': '#!/bin/sh\necho run\n', 'src/main.py': 'print(1)\n' });
    expect(modes(await infozip.snapshot())['bin/run']).toBe(0o755);

    const python = liteSandbox();
    const summary = await importProject(python, { kind: 'zip', name: 'b.zip', data: fixture('python-zip64.zip') });
    expect(await tree(python)).toEqual({ 'big.txt': 'hello zip64\n'.repeat(10), 'run.sh': '#!/bin/sh\necho hi\n' });
    expect(modes(await python.snapshot())).toEqual({ 'big.txt': 0o600, 'run.sh': 0o755 });
    expect(describeImport(summary)).toBe('Imported 2 files (138 B) from b.zip — the contents of proj/.');
  });
});
