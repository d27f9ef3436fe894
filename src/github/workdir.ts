/**
 * An opened repository as a work dir (a snapshot the sandbox takes in one go), and a work dir's snapshot as a
 * repository again (a file system in memory) to publish from: the page never needs the sandbox's own fs.
 */
import { localChanges, MemoryFs, openedVersions, type GitFs, type LocalChanges } from '../git';
import type { WorkdirSnapshot } from '../core/workdir';
import { diffTrees, type FileChange } from '../changes';
import type { BuiltRepository } from '../git';

/** Where a snapshot is mounted in memory. */
const ROOT = '/repo';

/** The built repository (work tree and `.git`) as a work dir snapshot. */
export function snapshotOf(built: BuiltRepository): WorkdirSnapshot {
  const executable = new Set(built.executables);
  const files = [...built.files].map(([path, data]) => ({ path, data, mode: executable.has(path) ? 0o755 : 0o644 }));
  return { files, dirs: built.dirs };
}

/** A snapshot as a git file system, and the folder the repository is in. */
export function repositoryOf(snapshot: WorkdirSnapshot): { fs: GitFs; dir: string } {
  return { fs: MemoryFs.from(ROOT, snapshot.files, snapshot.dirs).fs, dir: ROOT };
}

/** One file a pull request would send, with its line counts. */
export interface OutgoingFile {
  path: string;
  kind: FileChange['kind'];
  additions: number;
  deletions: number;
  binary: boolean;
}

/** What a pull request from this snapshot would contain. */
export interface Outgoing {
  changes: LocalChanges;
  files: OutgoingFile[];
}

/** The commits and files a pull request would send, with line counts against the opened commit. */
export async function outgoingOf(snapshot: WorkdirSnapshot, options: { exclude: readonly string[]; message: string }): Promise<Outgoing> {
  const { fs, dir } = repositoryOf(snapshot);
  const changes = await localChanges(fs, dir, options);
  const final = new Map<string, { bytes?: Uint8Array; mode?: number }>();
  for (const commit of changes.commits) for (const change of commit.changes) final.set(change.path, { bytes: change.bytes, mode: change.mode });
  const before = await openedVersions(fs, dir, [...final.keys()]);
  const side = (pick: (path: string) => { bytes?: Uint8Array; mode?: number } | undefined) =>
    [...final.keys()].flatMap((path) => {
      const file = pick(path);
      return file?.bytes ? [{ path, data: file.bytes, mode: file.mode === 0o100755 ? 0o755 : 0o644 }] : [];
    });
  const diffed = diffTrees({ files: side((path) => before.get(path)) }, { files: side((path) => final.get(path)) });
  const files = diffed.map(({ path, kind, additions, deletions, binary }) => ({ path, kind, additions, deletions, binary }));
  return { changes, files };
}
