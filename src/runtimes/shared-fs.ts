/** The shell's file system as the runtimes see it (just-bash's fits), and the walk that reads it into a Tree. */
import { emptyTree, underRoots, type Tree } from './tree';
import type { FileSync } from './protocol';

/** The file-system calls a runtime host needs from the shell. */
export interface SharedFs {
  exists(path: string): Promise<boolean>;
  readdir(path: string): Promise<string[]>;
  lstat(path: string): Promise<{ isFile: boolean; isDirectory: boolean; isSymbolicLink: boolean }>;
  readFileBuffer(path: string): Promise<Uint8Array>;
  writeFile(path: string, content: Uint8Array): Promise<void>;
  mkdir(path: string, options?: { recursive?: boolean }): Promise<void>;
  rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void>;
}

/** The files and directories under `roots` (symbolic links are not followed nor shared). */
export async function readTree(fs: SharedFs, roots: readonly string[]): Promise<Tree> {
  const tree = emptyTree();
  const walk = async (dir: string): Promise<void> => {
    tree.dirs.add(dir);
    for (const name of await fs.readdir(dir)) {
      const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
      const stat = await fs.lstat(path);
      if (stat.isDirectory) await walk(path);
      else if (stat.isFile) tree.files.set(path, (await fs.readFileBuffer(path)).slice());
    }
  };
  for (const root of roots) if (await fs.exists(root)) await walk(root);
  return tree;
}

function parent(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

/** Write a runtime's changes into the shell's file system (only under `roots`: a runtime cannot reach past them). */
export async function writeChanges(fs: SharedFs, changes: FileSync, roots: readonly string[]): Promise<void> {
  for (const path of changes.removed) if (underRoots(path, roots)) await fs.rm(path, { recursive: true, force: true });
  for (const dir of changes.dirs) if (underRoots(dir, roots)) await fs.mkdir(dir, { recursive: true });
  for (const file of changes.files) {
    if (!underRoots(file.path, roots)) continue;
    await fs.mkdir(parent(file.path), { recursive: true });
    await fs.writeFile(file.path, file.data);
  }
}
