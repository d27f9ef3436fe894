/** The history's filter (text in the task, name or summary; a status) and the thread of follow-ups of a run. */
import { describe, expect, it } from 'vitest';
import { emptyUsage, type Run, type RunStatus } from '../../../src/core';
import { filterRuns, threadOf } from '../../../src/ui/history/filter';

const run = (id: string, created_at: number, status: RunStatus, extra: Partial<Run> = {}): Run => ({
  id, instructions: `task ${id}`, status, created_at, updated_at: created_at, steps: 1, outputs: {}, usage: emptyUsage(), ...extra,
});

const RUNS = [
  run('e', 5, 'in_progress', { instructions: 'Add tests', parent_id: 'c' }),
  run('d', 4, 'failed', { instructions: 'Deploy it' }),
  run('c', 3, 'completed', { instructions: 'Count lines', parent_id: 'a' }),
  run('b', 2, 'completed', { instructions: 'Fix the README', parent_id: 'a' }),
  run('a', 1, 'completed', { instructions: 'Count words', summary: 'Wrote count.sh' }),
];
const ids = (runs: Run[]) => runs.map((known) => known.id);

describe('filterRuns', () => {
  it('matches every word in the task, the name or the summary, case aside, and the status group', () => {
    expect({
      all: ids(filterRuns(RUNS, {}, '', 'all')),
      count: ids(filterRuns(RUNS, {}, 'COUNT', 'all')),
      summary: ids(filterRuns(RUNS, {}, 'count.sh', 'all')),
      twoWords: ids(filterRuns(RUNS, {}, 'count lines', 'all')),
      byName: ids(filterRuns(RUNS, { d: 'Release to staging' }, 'staging', 'all')),
      done: ids(filterRuns(RUNS, {}, 'count', 'completed')),
      working: ids(filterRuns(RUNS, {}, '', 'working')),
      failed: ids(filterRuns(RUNS, {}, '', 'failed')),
      none: ids(filterRuns(RUNS, {}, 'nothing like it', 'all')),
    }).toEqual({
      all: ['e', 'd', 'c', 'b', 'a'],
      count: ['c', 'a'],
      summary: ['a'],
      twoWords: ['c'],
      byName: ['d'],
      done: ['c', 'a'],
      working: ['e'],
      failed: ['d'],
      none: [],
    });
  });
});

describe('threadOf', () => {
  it('climbs to the first run and lists every follow-up depth first, oldest first', () => {
    const thread = (id: string) => threadOf(RUNS, id).map(({ run: known, depth }) => `${known.id}@${depth}`);
    expect({ fromLeaf: thread('e'), fromRoot: thread('a'), alone: thread('d'), unknown: thread('zz') }).toEqual({
      fromLeaf: ['a@0', 'b@1', 'c@1', 'e@2'],
      fromRoot: ['a@0', 'b@1', 'c@1', 'e@2'],
      alone: ['d@0'],
      unknown: [],
    });
  });

  it('starts at the oldest run the list knows when a parent was deleted, and survives a loop', () => {
    const orphan = [run('y', 2, 'completed', { parent_id: 'gone' }), run('z', 3, 'completed', { parent_id: 'y' })];
    const loop = [run('p', 1, 'completed', { parent_id: 'q' }), run('q', 2, 'completed', { parent_id: 'p' })];
    expect([threadOf(orphan, 'z').map((entry) => entry.run.id), threadOf(loop, 'p').map((entry) => entry.run.id).sort()]).toEqual([
      ['y', 'z'],
      ['p', 'q'],
    ]);
  });
});
