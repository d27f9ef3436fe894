/** Which runs the history shows: a text (task, name or summary) and a status, and the thread of follow-ups. */
import type { Run, RunStatus } from '../../core';

/** The status choices of the history's filter, with the statuses each one shows. */
export const STATUS_FILTERS = {
  all: { label: 'All runs', statuses: undefined },
  working: { label: 'Working or waiting to start', statuses: ['queued', 'in_progress'] },
  waiting: { label: 'Needs your answer', statuses: ['awaiting_human'] },
  completed: { label: 'Done', statuses: ['completed'] },
  failed: { label: 'Failed', statuses: ['failed'] },
  cancelled: { label: 'Stopped', statuses: ['cancelled'] },
  interrupted: { label: 'Interrupted', statuses: ['interrupted'] },
} satisfies Record<string, { label: string; statuses: RunStatus[] | undefined }>;

export type StatusFilter = keyof typeof STATUS_FILTERS;

/** The runs that match the text (in the task, the person's name for the run, or the summary) and the status. */
export function filterRuns(runs: readonly Run[], names: Readonly<Record<string, string>>, text: string, status: StatusFilter): Run[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const statuses: readonly RunStatus[] | undefined = STATUS_FILTERS[status].statuses;
  return runs.filter((run) => {
    if (statuses && !statuses.includes(run.status)) return false;
    const haystack = `${names[run.id] ?? ''}\n${run.instructions}\n${run.summary ?? ''}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** A run of a thread, with how deep it follows up (0: the thread's first run). */
export interface ThreadRun {
  run: Run;
  depth: number;
}

/**
 * The thread `id` belongs to: its first run (followed up through `parent_id` as far as the list knows) and every
 * follow-up of it, in the order they follow one another (depth first, oldest first at each level).
 */
export function threadOf(runs: readonly Run[], id: string): ThreadRun[] {
  const byId = new Map(runs.map((run) => [run.id, run]));
  let root = byId.get(id);
  const seen = new Set<string>();
  while (root?.parent_id && byId.has(root.parent_id) && !seen.has(root.id)) {
    seen.add(root.id);
    root = byId.get(root.parent_id);
  }
  if (!root) return [];
  const children = new Map<string, Run[]>();
  for (const run of runs) {
    if (!run.parent_id) continue;
    children.set(run.parent_id, [...(children.get(run.parent_id) ?? []), run]);
  }
  const thread: ThreadRun[] = [];
  const placed = new Set<string>();
  const visit = (run: Run, depth: number): void => {
    if (placed.has(run.id)) return;
    placed.add(run.id);
    thread.push({ run, depth });
    for (const child of (children.get(run.id) ?? []).sort((a, b) => a.created_at - b.created_at)) visit(child, depth + 1);
  };
  visit(root, 0);
  return thread;
}
