/** RunList: the stored runs with each announced change on top — a row follows its run at once, newest first. */
import { describe, expect, it } from 'vitest';
import { emptyUsage, type Run, type RunStatus } from '../../../src/core';
import { RunList } from '../../../src/ui/runs/run-list.svelte';

const run = (id: string, created_at: number, status: RunStatus, updated_at = created_at): Run => ({
  id, instructions: `task ${id}`, status, created_at, updated_at, steps: 0, outputs: {}, usage: emptyUsage(),
});
const rows = (list: RunList) => list.runs.map((known) => `${known.id}:${known.status}`);

describe('RunList', () => {
  it('shows a change at once over the stored copy, and keeps it when an older read of the store arrives', () => {
    const list = new RunList();
    list.setStored([run('b', 2, 'completed'), run('a', 1, 'completed')]);
    list.change(run('c', 3, 'queued'));
    list.change(run('c', 3, 'in_progress', 4));
    expect(rows(list)).toEqual(['c:in_progress', 'b:completed', 'a:completed']);
    list.change(run('c', 3, 'completed', 9));
    // a read of the store that began before the run's end was written
    list.setStored([run('c', 3, 'in_progress', 4), run('b', 2, 'completed'), run('a', 1, 'completed')]);
    expect(rows(list)).toEqual(['c:completed', 'b:completed', 'a:completed']);
  });

  it('replaces the list whole per change, and forgets deleted runs', () => {
    const list = new RunList();
    list.setStored([run('a', 1, 'completed')]);
    const before = list.runs;
    list.change(run('a', 1, 'completed', 5));
    expect([list.runs === before, before[0].updated_at, list.runs[0].updated_at]).toEqual([false, 1, 5]);
    list.change(run('b', 2, 'in_progress'));
    list.remove('a');
    expect(rows(list)).toEqual(['b:in_progress']);
    list.clear((known) => known.status === 'in_progress');
    expect(rows(list)).toEqual(['b:in_progress']);
    list.clear(() => false);
    expect(rows(list)).toEqual([]);
  });
});
