/**
 * Every lite task discriminates, under the real bash and in the lite sandbox: its check fails on the start
 * tree and passes after its solution. In the lite sandbox this is the harness itself: `scripted:oracle` must
 * solve every task and `scripted:noop` none.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loopDrive } from '../../../src/evals/loop-drive';
import { runAttempt, type AttemptResult } from '../../../src/evals/attempt';
import { loadTask, taskDirs } from '../../../src/evals/load';
import { scriptedModel } from '../../../src/evals/scripted-models';
import { summarize } from '../../../src/evals/summary';
import type { EvalTask } from '../../../src/evals/task';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';

/** The attempt options of a scripted model. */
const scripted = (model: ReturnType<typeof scriptedModel>) => ({ model: model.model, drive: loopDrive(model) });

const ROOT = join(import.meta.dirname, '../../../evals/tasks');
const all = taskDirs(ROOT).map(loadTask);
const lite = all.filter((task) => task.sandbox !== 'webcontainer');

function realBash(task: EvalTask, withSolution: boolean): number {
  const dir = mkdtempSync(join(tmpdir(), `eval-${task.id}-`));
  try {
    for (const [path, data] of Object.entries(task.files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), data);
    }
    if (withSolution) execFileSync('bash', ['-c', task.solution], { cwd: dir, stdio: 'pipe' });
    try {
      execFileSync('bash', ['-c', task.check], { cwd: dir, stdio: 'pipe' });
      return 0;
    } catch (error) {
      return (error as { status?: number }).status ?? -1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function attempts(name: 'oracle' | 'noop' | 'garbled'): Promise<AttemptResult[]> {
  const signal = new AbortController().signal;
  const out: AttemptResult[] = [];
  for (const task of lite) out.push(await runAttempt(task, 1, { ...scripted(scriptedModel(name, task)), makeSandbox: () => new LiteSandbox(), signal }));
  return out;
}

describe('the eval suite', () => {
  it('has at least 40 lite tasks and 10 for WebContainer, with unique ids matching their folders', () => {
    expect([lite.length >= 40, all.length - lite.length >= 10]).toEqual([true, true]);
    expect(new Set(all.map((task) => task.id)).size).toEqual(all.length);
  });

  it('under the real bash: every check fails on the start tree and passes after the solution', () => {
    const wrong = lite.flatMap((task) => {
      const before = realBash(task, false);
      const after = realBash(task, true);
      return before !== 0 && after === 0 ? [] : [`${task.id}: start tree → ${before}, solution → ${after}`];
    });
    expect(wrong).toEqual([]);
  }, 240_000);

  it('in the lite sandbox: scripted:oracle solves every task', async () => {
    const results = await attempts('oracle');
    expect(results.filter((r) => !r.solved).map((r) => `${r.task}: ${r.ended} ${r.error ?? r.check_output ?? ''}`)).toEqual([]);
    expect(summarize('scripted:oracle', results)).toMatchObject({ solved_pct: 100, tool_call_validity_pct: 100 });
  }, 300_000);

  it('in the lite sandbox: scripted:noop solves none (the start tree fails every check)', async () => {
    const results = await attempts('noop');
    expect(results.filter((r) => r.solved).map((r) => r.task)).toEqual([]);
    expect(summarize('scripted:noop', results).solved_pct).toEqual(0);
  }, 300_000);
});
