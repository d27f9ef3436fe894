/**
 * A stored run's work dir for the UI — listed, read and zipped from the history, without touching the live
 * sandbox (which may hold another run's files, or none after a reload).
 */
import type { FileEntry, WorkdirSnapshot } from '../sandbox/sandbox';
import { zipSnapshot } from '../sandbox/zip';
import type { Agents } from './types';

/** What the Files panel and "Download zip" need of a work dir. */
export interface WorkdirView {
  list(): Promise<FileEntry[]>;
  readFile(path: string): Promise<Uint8Array>;
  exportZip(): Promise<Uint8Array>;
  /** The files themselves (what Download zip checks for secrets before zipping). */
  snapshot(): Promise<WorkdirSnapshot>;
}

/** The last kept work dir of a stored run (read once, on first use). */
export function storedWorkdir(agents: Pick<Agents, 'workdirOf'>, runId: string): WorkdirView {
  let loaded: Promise<WorkdirSnapshot> | undefined;
  const snapshot = () =>
    (loaded ??= agents.workdirOf(runId).then((found) => {
      if (!found) throw new Error('No work dir of this run is kept in the history.');
      return found;
    }));
  return {
    async list() {
      const { files, dirs } = await snapshot();
      return [
        ...dirs.map((path): FileEntry => ({ path, type: 'dir' })),
        ...files.map((file): FileEntry => ({ path: file.path, type: 'file', size: file.data.byteLength })),
      ];
    },
    async readFile(path) {
      const file = (await snapshot()).files.find((entry) => entry.path === path);
      if (!file) throw new Error(`${path} is not in this run's work dir.`);
      return file.data;
    },
    exportZip: async () => zipSnapshot(await snapshot()),
    snapshot,
  };
}
