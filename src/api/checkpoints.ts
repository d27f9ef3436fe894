/**
 * What a run's steps changed, read from the store: one step against the step before, the whole run against
 * its start (step 0: the import, the clone, the parent's files), and the run as a git patch. The diff code
 * (src/changes, with the `diff` package) loads on first use.
 */
import type { FileChange } from '../changes';
import type { WorkdirSnapshot } from '../sandbox/sandbox';
import type { RunStore } from './types';

const EMPTY: WorkdirSnapshot = { files: [], dirs: [] };

const changesRoom = () => import('../changes');

/** The files step `step` changed: its work dir against the one after the step before. */
export async function stepChanges(store: RunStore, runId: string, step: number): Promise<FileChange[]> {
  const [before, after] = await Promise.all([store.workdirAt(runId, step - 1), store.workdirAt(runId, step)]);
  if (!after) return [];
  return (await changesRoom()).diffTrees(before ?? EMPTY, after);
}

/** Every file the run changed against its start (its step 0, else nothing). */
export async function runChanges(store: RunStore, runId: string): Promise<FileChange[]> {
  const [before, after] = await Promise.all([store.workdirAt(runId, 0), store.workdirAt(runId)]);
  return (await changesRoom()).diffTrees(before ?? EMPTY, after ?? EMPTY);
}

/** The run's changes as a git-style patch that `git apply` turns its start into its end. */
export async function runPatch(store: RunStore, runId: string): Promise<string> {
  const changes = await runChanges(store, runId);
  return (await changesRoom()).gitPatch(changes);
}
