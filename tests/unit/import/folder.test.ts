import { describe, expect, it } from 'vitest';
import {
  isZipFile,
  sourceFromDirectoryHandle,
  sourceFromDrop,
  sourceFromFileList,
  type DirectoryHandle,
  type DropEntry,
} from '../../../src/sandbox/import/folder';
import { importProject, type ImportSource, type PickedFile } from '../../../src/sandbox/import';
import { liteSandbox, makeZip, tree } from './helpers';

type Tree = { [name: string]: string | Tree };

/** A File as a browser's folder input gives it. */
function folderFile(path: string, text: string): File {
  const file = new File([text], path.slice(path.lastIndexOf('/') + 1));
  Object.defineProperty(file, 'webkitRelativePath', { value: path });
  return file;
}

/** Drop entries over a tree; `opened` records every folder whose reader was used. */
function dropEntries(name: string, node: string | Tree, opened: string[], prefix = ''): DropEntry {
  if (typeof node === 'string') {
    return { isFile: true, isDirectory: false, name, file: (ok) => ok(new File([node], name)) };
  }
  const path = prefix + name;
  const children = Object.entries(node).map(([child, sub]) => dropEntries(child, sub, opened, `${path}/`));
  return {
    isFile: false,
    isDirectory: true,
    name,
    createReader() {
      opened.push(path);
      let given = 0;
      // Two at a time, as Chromium hands out batches, then an empty batch.
      return {
        readEntries(ok) {
          ok(children.slice(given, given + 2));
          given += 2;
        },
      };
    },
  };
}

function handle(name: string, node: Tree, opened: string[], prefix = ''): DirectoryHandle {
  const path = prefix + name;
  return {
    kind: 'directory',
    name,
    async *values() {
      opened.push(path);
      for (const [child, sub] of Object.entries(node)) {
        if (typeof sub === 'string') yield { kind: 'file' as const, name: child, getFile: async () => new File([sub], child) };
        else yield handle(child, sub, opened, `${path}/`);
      }
    },
  };
}

async function texts(source: ImportSource | undefined): Promise<Record<string, string>> {
  if (source?.kind !== 'files') throw new Error(`expected files, got ${source?.kind}`);
  const out: Record<string, string> = {};
  for (const file of source.files as PickedFile[]) out[file.path] = await new Response(file.data as Blob).text();
  return out;
}

const PROJECT: Tree = {
  'package.json': '{}',
  src: { 'a.ts': 'a', 'b.ts': 'b', deep: { 'c.ts': 'c' } },
  node_modules: { x: { 'index.js': 'x' } },
  '.git': { HEAD: 'ref', objects: { ab: { cd: 'blob' } } },
};

describe('folder sources', () => {
  it('takes an <input webkitdirectory> list, the picked folder as root', async () => {
    const source = sourceFromFileList([folderFile('proj/src/a.ts', 'a'), folderFile('proj/README.md', 'r')]);
    expect(source && { ...source, files: undefined }).toEqual({ kind: 'files', name: 'proj', root: 'proj', files: undefined });
    expect(await texts(source)).toEqual({ 'src/a.ts': 'a', 'README.md': 'r' });
    expect(sourceFromFileList([])).toBeUndefined();
  });

  it('walks a dropped folder in batches without entering heavy folders', async () => {
    const opened: string[] = [];
    const source = await sourceFromDrop([dropEntries('proj', PROJECT, opened)]);
    expect(await texts(source)).toEqual({ 'package.json': '{}', 'src/a.ts': 'a', 'src/b.ts': 'b', 'src/deep/c.ts': 'c', '.git/HEAD': 'ref' });
    expect(opened).toEqual(['proj', 'proj/src', 'proj/src/deep', 'proj/.git']);
    expect(source?.kind === 'files' && [source.name, source.root, source.skipped]).toEqual([
      'proj',
      'proj',
      [
        { path: 'node_modules', why: 'node_modules: installed dependencies (reinstall them with npm install), skipped by default' },
        { path: '.git/objects', why: '.git/objects: git object store (history is not imported), skipped by default' },
      ],
    ]);
  });

  it('treats one dropped zip as an archive, and several dropped items each under its own name', async () => {
    const zip = makeZip({ 'p/a.txt': 'a' });
    const zipEntry: DropEntry = { isFile: true, isDirectory: false, name: 'p.zip', file: (ok) => ok(new File([zip as Uint8Array<ArrayBuffer>], 'p.zip')) };
    const dropped = await sourceFromDrop([zipEntry]);
    expect(dropped?.kind).toBe('zip');
    const sandbox = liteSandbox();
    const summary = await importProject(sandbox, dropped!);
    expect([summary.source, summary.root, await tree(sandbox)]).toEqual(['p.zip', 'p', { 'a.txt': 'a' }]);

    const several = await sourceFromDrop([dropEntries('one.txt', '1', []), dropEntries('dir', { 'two.txt': '2' }, [])]);
    expect(await texts(several)).toEqual({ 'one.txt': '1', 'dir/two.txt': '2' });
    expect(await sourceFromDrop([])).toBeUndefined();
  });

  it('walks a directory handle and imports it end to end', async () => {
    const opened: string[] = [];
    const source = await sourceFromDirectoryHandle(handle('proj', PROJECT, opened));
    expect(opened).toEqual(['proj', 'proj/src', 'proj/src/deep', 'proj/.git']);
    const sandbox = liteSandbox();
    const summary = await importProject(sandbox, source);
    expect(summary).toEqual({
      source: 'proj',
      imported: 5,
      bytes: 8,
      overwritten: 0,
      dirs: 0,
      root: 'proj',
      skipped: [
        { path: 'node_modules', why: 'node_modules: installed dependencies (reinstall them with npm install), skipped by default' },
        { path: '.git/objects', why: '.git/objects: git object store (history is not imported), skipped by default' },
      ],
      refused: [],
      warnings: [],
    });
    expect(await tree(sandbox)).toEqual({ '.git/HEAD': 'ref', 'package.json': '{}', 'src/a.ts': 'a', 'src/b.ts': 'b', 'src/deep/c.ts': 'c' });
  });

  it('stops collecting one file past the cap, so the import can say it is too many', async () => {
    const many: Tree = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}.txt`, 'x']));
    const source = await sourceFromDrop([dropEntries('big', many, [])], { maxFiles: 3 });
    expect(source?.kind === 'files' && source.files.length).toBe(4);
    await expect(importProject(liteSandbox(), source!, { maxFiles: 3 })).rejects.toMatchObject({ code: 'too_many_files' });
  });

  it('recognises zip files by name or type', () => {
    expect([isZipFile({ name: 'a.ZIP' }), isZipFile({ name: 'a', type: 'application/zip' }), isZipFile({ name: 'a.tar' })]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
