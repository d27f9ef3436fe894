/** Writing and removing work-tree files (with their parent folders), for checkout-like commands. */
import type { Repo } from './repo';
import { readBlobBytes, type FileVersion } from './tree';

/** Create every missing folder on the way to `path` (absolute). */
export async function mkdirp(repo: Repo, path: string): Promise<void> {
  const parts = path.split('/').filter(Boolean);
  let current = '';
  for (const part of parts) {
    current += `/${part}`;
    try {
      await repo.fs.promises.mkdir(current);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') {
        const stat = await repo.fs.promises.stat(current).catch(() => undefined);
        if (!stat?.isDirectory()) throw error;
      }
    }
  }
}

/** Write a blob to the work tree at a root-relative path, with its mode. */
export async function writeWorkFile(repo: Repo, path: string, version: FileVersion): Promise<void> {
  const full = `${repo.dir}/${path}`;
  await mkdirp(repo, full.slice(0, full.lastIndexOf('/')));
  const bytes = await readBlobBytes(repo, version.oid);
  await repo.fs.promises.unlink(full).catch(() => undefined);
  if (version.mode === 0o120000) {
    await repo.fs.promises.symlink!(new TextDecoder().decode(bytes), full);
    return;
  }
  await repo.fs.promises.writeFile(full, bytes, { mode: version.mode === 0o100755 ? 0o755 : 0o644 });
}

/** Remove a work-tree file and the folders it leaves empty (as git does). */
export async function removeWorkFile(repo: Repo, path: string): Promise<void> {
  await repo.fs.promises.unlink(`${repo.dir}/${path}`).catch(() => undefined);
  const parts = path.split('/');
  for (let depth = parts.length - 1; depth > 0; depth--) {
    const folder = `${repo.dir}/${parts.slice(0, depth).join('/')}`;
    const left = await repo.fs.promises.readdir(folder).catch(() => ['?']);
    if (left.length > 0) break;
    await repo.fs.promises.rmdir(folder).catch(() => undefined);
  }
}
