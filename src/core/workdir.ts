/** The work dir every sandbox uses; file paths in the Sandbox port and the tools are relative to it. */
export const WORKDIR = '/home/project';

/** The work dir as plain data: portable between sandboxes and storable in IndexedDB. */
export interface WorkdirSnapshot {
  files: { path: string; data: Uint8Array; mode?: number }[];
  /** Directories, including empty ones. */
  dirs: string[];
}
