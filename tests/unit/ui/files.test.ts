import { describe, expect, it } from 'vitest';
import { buildTree, formatBytes, viewFile } from '../../../src/ui/files/tree';

describe('buildTree', () => {
  it('nests a flat listing, folders first then by name, implying missing folders', () => {
    expect(
      buildTree([
        { path: 'src/main.ts', type: 'file', size: 10 },
        { path: 'README.md', type: 'file', size: 3 },
        { path: 'src', type: 'dir' },
        { path: 'docs/guide/intro.md', type: 'file' },
        { path: 'empty/', type: 'dir' },
        { path: './a.txt', type: 'file', size: 1 },
      ]),
    ).toEqual([
      {
        name: 'docs',
        label: 'docs',
        warning: '',
        path: 'docs',
        type: 'dir',
        children: [
          {
            name: 'guide',
            label: 'guide',
            warning: '',
            path: 'docs/guide',
            type: 'dir',
            children: [{ name: 'intro.md', label: 'intro.md', warning: '', path: 'docs/guide/intro.md', type: 'file', size: undefined, children: [] }],
          },
        ],
      },
      { name: 'empty', label: 'empty', warning: '', path: 'empty', type: 'dir', children: [] },
      {
        name: 'src',
        label: 'src',
        warning: '',
        path: 'src',
        type: 'dir',
        children: [{ name: 'main.ts', label: 'main.ts', warning: '', path: 'src/main.ts', type: 'file', size: 10, children: [] }],
      },
      { name: 'a.txt', label: 'a.txt', warning: '', path: 'a.txt', type: 'file', size: 1, children: [] },
      { name: 'README.md', label: 'README.md', warning: '', path: 'README.md', type: 'file', size: 3, children: [] },
    ]);
  });

  it('gives an empty tree for an empty listing', () => {
    expect(buildTree([])).toEqual([]);
  });
});

describe('viewFile', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('shows UTF-8 as text', () => {
    expect(viewFile(bytes('héllo\n'))).toEqual({ kind: 'text', text: 'héllo\n', size: 7, truncated: false });
    expect(viewFile('plain')).toEqual({ kind: 'text', text: 'plain', size: 5, truncated: false });
  });

  it('calls NUL bytes or invalid UTF-8 binary', () => {
    expect(viewFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toEqual({ kind: 'binary', size: 6 });
    expect(viewFile(new Uint8Array([0x61, 0xff, 0x62]))).toEqual({ kind: 'binary', size: 3 });
  });

  it('cuts long files, even inside a multi-byte character', () => {
    expect(viewFile(bytes('abé'), 3)).toEqual({ kind: 'text', text: 'ab', size: 4, truncated: true });
    expect(viewFile('abcdef', 4)).toEqual({ kind: 'text', text: 'abcd', size: 6, truncated: true });
  });

  it('formats sizes', () => {
    expect([512, 1536, 2.5 * 1024 * 1024].map(formatBytes)).toEqual(['512 B', '1.5 KB', '2.5 MB']);
  });
});
