/** The work dir as a tree, and file contents as something a person can read. */
import type { FileEntry } from '../../sandbox/sandbox';
import { lookAlikeNote, normalisationTwins, visibleName } from './names';

/** A folder or file of the tree; `path` is relative to the work dir. */
export interface TreeNode {
  name: string;
  /** The name as shown: hidden and direction-changing characters made visible. */
  label: string;
  /** Why the name is not what it looks like (see names.ts); empty when it is. */
  warning: string;
  path: string;
  type: 'file' | 'dir';
  size?: number;
  children: TreeNode[];
}

/** Folders shown closed until opened: big, and rarely what a person wants to read. */
export const CLOSED_BY_DEFAULT = new Set(['node_modules', '.git', 'dist', 'build', '.cache']);

/** Builds the tree of a flat listing (parent folders may be missing: they are implied). Folders first, then by name. */
export function buildTree(entries: readonly FileEntry[]): TreeNode[] {
  const root: TreeNode = { name: '', label: '', warning: '', path: '', type: 'dir', children: [] };
  const dirs = new Map<string, TreeNode>([['', root]]);
  const ensureDir = (path: string): TreeNode => {
    const existing = dirs.get(path);
    if (existing) return existing;
    const cut = path.lastIndexOf('/');
    const parent = ensureDir(cut < 0 ? '' : path.slice(0, cut));
    const node: TreeNode = { ...named(path.slice(cut + 1)), path, type: 'dir', children: [] };
    parent.children.push(node);
    dirs.set(path, node);
    return node;
  };
  for (const entry of entries) {
    const path = entry.path.replace(/^\.?\/+|\/+$/g, '');
    if (!path) continue;
    if (entry.type === 'dir') {
      ensureDir(path);
      continue;
    }
    const cut = path.lastIndexOf('/');
    const parent = ensureDir(cut < 0 ? '' : path.slice(0, cut));
    parent.children.push({ ...named(path.slice(cut + 1)), path, type: 'file', size: entry.size, children: [] });
  }
  sortTree(root);
  markTwins(root);
  return root.children;
}

function named(name: string): Pick<TreeNode, 'name' | 'label' | 'warning'> {
  return { name, label: visibleName(name), warning: lookAlikeNote(name) };
}

/** Names of one folder that differ only by normalisation are marked, so `café.txt` twice is never two look-alikes. */
function markTwins(node: TreeNode): void {
  const twins = normalisationTwins(node.children.map((child) => child.name));
  for (const child of node.children) {
    if (twins.has(child.name)) child.warning = lookAlikeNote(child.name, true);
    markTwins(child);
  }
}

function sortTree(node: TreeNode): void {
  node.children.sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type === 'dir' ? -1 : 1));
  for (const child of node.children) sortTree(child);
}

/** Text shown at most; the rest is left out with a note. */
export const MAX_SHOWN_BYTES = 512 * 1024;

/** A file as the viewer shows it. */
export type FileView =
  | { kind: 'text'; text: string; size: number; truncated: boolean }
  | { kind: 'binary'; size: number };

/** Text when the bytes are UTF-8 without NUL bytes; binary otherwise. */
export function viewFile(data: Uint8Array | string, max = MAX_SHOWN_BYTES): FileView {
  if (typeof data === 'string') {
    const size = new TextEncoder().encode(data).length;
    return { kind: 'text', text: data.length > max ? data.slice(0, max) : data, size, truncated: data.length > max };
  }
  const head = data.subarray(0, max);
  if (head.includes(0)) return { kind: 'binary', size: data.length };
  try {
    // `stream: true` lets a character cut at the limit wait for bytes that never come, instead of failing
    const text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: data.length > max });
    return { kind: 'text', text, size: data.length, truncated: data.length > max };
  } catch {
    return { kind: 'binary', size: data.length };
  }
}

/** A size for people: 512 B, 1.5 KB, 2.3 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
