/**
 * A one-commit repository made from files (an opened GitHub tree): work tree, index and `.git`, built in
 * memory so it can be written into a sandbox all at once. The commit records where it came from.
 */
import { iso } from './iso';
import { MemoryFs } from './memory-fs';
import { DEFAULT_AUTHOR } from './identity';

/** One file of the tree. */
export interface RepositoryFile {
  path: string;
  bytes: Uint8Array;
  /** 0o100644, 0o100755 or 0o120000. */
  mode: number;
}

/** The built repository: every file (work tree and .git, relative paths) and its commit. */
export interface BuiltRepository {
  files: Map<string, Uint8Array>;
  /** Every folder (relative), empty ones included (git wants `.git/refs/tags` and the like). */
  dirs: string[];
  /** Paths (relative) whose mode is executable. */
  executables: string[];
  commit: string;
  tree: string;
}

/** Where the commit came from. */
export interface Upstream {
  repository: string;
  branch: string;
  sha: string;
  url: string;
  timestamp: number;
  /** Commits made in the repository are by this person (user.name/user.email in its config). */
  identity?: { name: string; email: string };
}

const ROOT = '/repo';

async function mkdirs(fs: MemoryFs, path: string): Promise<void> {
  let current = '';
  for (const part of path.split('/').filter(Boolean)) {
    current += `/${part}`;
    await fs.fs.promises.mkdir(current).catch(() => undefined);
  }
}

/** Build the repository: the files committed once, on `upstream.branch`, with `origin` and the upstream recorded in config. */
export async function buildRepository(files: readonly RepositoryFile[], upstream: Upstream): Promise<BuiltRepository> {
  const memory = new MemoryFs();
  const fs = memory.fs;
  await mkdirs(memory, ROOT);
  await iso.init({ fs, dir: ROOT, defaultBranch: upstream.branch });
  for (const file of files) {
    const full = `${ROOT}/${file.path}`;
    await mkdirs(memory, full.slice(0, full.lastIndexOf('/')));
    if (file.mode === 0o120000) await fs.promises.symlink!(new TextDecoder().decode(file.bytes), full);
    else await fs.promises.writeFile(full, file.bytes, { mode: file.mode === 0o100755 ? 0o755 : 0o644 });
  }
  const cache = {};
  if (files.length) await iso.add({ fs, dir: ROOT, cache, filepath: files.map((f) => f.path), force: true });
  const who = { ...DEFAULT_AUTHOR, timestamp: upstream.timestamp, timezoneOffset: 0 };
  const commit = await iso.commit({
    fs, dir: ROOT, cache, author: who, committer: who,
    message: `${upstream.repository}@${upstream.sha.slice(0, 12)} (${upstream.branch})\n\nOpened from ${upstream.url} at ${upstream.sha}.\n`,
  });
  await iso.addRemote({ fs, dir: ROOT, remote: 'origin', url: upstream.url });
  await iso.setConfig({ fs, dir: ROOT, path: 'autopilot.repository', value: upstream.repository });
  await iso.setConfig({ fs, dir: ROOT, path: 'autopilot.branch', value: upstream.branch });
  await iso.setConfig({ fs, dir: ROOT, path: 'autopilot.upstream', value: upstream.sha });
  await iso.setConfig({ fs, dir: ROOT, path: 'autopilot.base', value: commit });
  if (upstream.identity) {
    await iso.setConfig({ fs, dir: ROOT, path: 'user.name', value: upstream.identity.name });
    await iso.setConfig({ fs, dir: ROOT, path: 'user.email', value: upstream.identity.email });
  }
  const { commit: read } = await iso.readCommit({ fs, dir: ROOT, oid: commit, cache });
  const out = new Map<string, Uint8Array>();
  for (const [path, bytes] of memory.files()) out.set(path.slice(ROOT.length + 1), bytes);
  const dirs = memory.dirs().filter((path) => path.startsWith(`${ROOT}/`)).map((path) => path.slice(ROOT.length + 1));
  return { files: out, dirs, executables: files.filter((f) => f.mode === 0o100755).map((f) => f.path), commit, tree: read.tree };
}
