/** A commit's tree as a flat map of paths, and reading a file's bytes at a version. */
import { iso } from './iso';
import type { Repo } from './repo';

/** A file in a tree or the index: blob id and git mode (100644, 100755, 120000). */
export interface FileVersion {
  oid: string;
  mode: number;
}

/** Path → file, for every file under a tree (paths relative to the repository root). */
export type FlatTree = Map<string, FileVersion>;

// Trees never change once written: keep a few flattened ones (status reads HEAD's every time).
const flattened = new Map<string, FlatTree>();
const KEEP = 8;

/** Every file in a tree, flattened (empty for an unborn HEAD). */
export async function flattenTree(repo: Repo, treeOid: string | undefined): Promise<FlatTree> {
  if (!treeOid) return new Map();
  const hit = flattened.get(treeOid);
  if (hit) return hit;
  const files: FlatTree = new Map();
  await collect(repo, treeOid, '', files);
  flattened.set(treeOid, files);
  if (flattened.size > KEEP) flattened.delete(flattened.keys().next().value as string);
  return files;
}

async function collect(repo: Repo, oid: string, prefix: string, files: FlatTree): Promise<void> {
  const { tree } = await iso.readTree({ fs: repo.fs, dir: repo.dir, oid, cache: repo.cache });
  for (const entry of tree) {
    const path = prefix + entry.path;
    if (entry.type === 'tree') await collect(repo, entry.oid, `${path}/`, files);
    else if (entry.type === 'blob') files.set(path, { oid: entry.oid, mode: parseInt(entry.mode, 8) });
  }
}

/** A blob's bytes. */
export async function readBlobBytes(repo: Repo, oid: string): Promise<Uint8Array> {
  const { blob } = await iso.readBlob({ fs: repo.fs, dir: repo.dir, oid, cache: repo.cache });
  return blob;
}
