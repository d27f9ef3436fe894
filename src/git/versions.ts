/**
 * The three places a file has a version — a commit's tree, the index, the work tree — behind one shape,
 * and the file pairs that differ between two of them (exact renames paired, as git's diff does by default).
 */
import type { Repo } from './repo';
import { flattenTree, readBlobBytes, type FileVersion } from './tree';
import { collectChanges, compareBytes, hashWorkFile, readIndex } from './changes';
import type { FilePair } from './patch';
import { inPathspecs } from './paths';

/** A set of file versions and how to read one. */
export interface Versions {
  files: Map<string, FileVersion>;
  read(path: string, version: FileVersion): Promise<Uint8Array>;
}

/** A tree's files (`undefined` tree: an empty one, as an unborn HEAD). */
export async function treeVersions(repo: Repo, treeOid: string | undefined): Promise<Versions> {
  return { files: await flattenTree(repo, treeOid), read: (_path, version) => readBlobBytes(repo, version.oid) };
}

/** The index's files. */
export async function indexVersions(repo: Repo): Promise<Versions> {
  const { entries } = await readIndex(repo);
  const files = new Map<string, FileVersion>();
  for (const [path, entry] of entries) files.set(path, { oid: entry.oid, mode: entry.mode });
  return { files, read: (_path, version) => readBlobBytes(repo, version.oid) };
}

/** The work tree's tracked files (untracked ones are not part of a diff). */
export async function workVersions(repo: Repo): Promise<Versions> {
  const changes = await collectChanges(repo);
  const files = new Map<string, FileVersion>();
  for (const [path, entry] of changes.index) {
    const file = changes.work.get(path);
    if (!file) continue;
    const oid = changes.workOids.get(path) ?? entry.oid;
    files.set(path, { oid, mode: file.mode });
  }
  return {
    files,
    read: async (path, version) =>
      version.mode === 0o120000
        ? new TextEncoder().encode(await repo.fs.promises.readlink!(`${repo.dir}/${path}`))
        : ((await repo.fs.promises.readFile(`${repo.dir}/${path}`)) as Uint8Array),
  };
}

/** A work-tree file's blob id (hashing it). */
export { hashWorkFile };

/** Every file that differs between `a` and `b` within the pathspecs, with both sides read. */
export async function changedPairs(a: Versions, b: Versions, specs: readonly string[] = []): Promise<FilePair[]> {
  const paths = new Set([...a.files.keys(), ...b.files.keys()]);
  const pairs: FilePair[] = [];
  for (const path of [...paths].sort(compareBytes)) {
    if (!inPathspecs(path, specs)) continue;
    const before = a.files.get(path);
    const after = b.files.get(path);
    if (before && after && before.oid === after.oid && before.mode === after.mode) continue;
    pairs.push({
      path,
      old: before && { ...before, bytes: await a.read(path, before) },
      new: after && { ...after, bytes: await b.read(path, after) },
    });
  }
  return pairRenames(pairs);
}

function pairRenames(pairs: FilePair[]): FilePair[] {
  const deleted = pairs.filter((p) => p.old && !p.new);
  const out: FilePair[] = [];
  for (const pair of pairs) {
    if (pair.old && !pair.new) continue;
    if (!pair.old && pair.new) {
      const source = deleted.find((d) => d.old!.oid === pair.new!.oid && d.old!.mode === pair.new!.mode);
      if (source) {
        deleted.splice(deleted.indexOf(source), 1);
        out.push({ path: pair.path, from: source.path, old: source.old, new: pair.new });
        continue;
      }
    }
    out.push(pair);
  }
  return [...out, ...deleted].sort((x, y) => compareBytes(x.path, y.path));
}
