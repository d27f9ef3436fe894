import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loopDrive } from '../../../src/evals/loop-drive';
import { runAttempt } from '../../../src/evals/attempt';
import { loadTask } from '../../../src/evals/load';
import { scriptedModel } from '../../../src/evals/scripted-models';
import { summarize } from '../../../src/evals/summary';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';

/** The attempt options of a scripted model. */
const scripted = (model: ReturnType<typeof scriptedModel>) => ({ model: model.model, drive: loopDrive(model) });

const ROOT = join(import.meta.dirname, '../../..');
const TASKS = join(ROOT, 'evals/tasks');
const scratch = mkdtempSync(join(tmpdir(), 'eval-harness-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = promisify(execFile);
function evalCli(args: string[]) {
  return run(process.execPath, ['--import', 'tsx/esm', 'scripts/eval.ts', ...args], { cwd: ROOT, env: { ...process.env, OPENAI_API_KEY: '' } }).then(
    (done) => ({ code: 0, ...done }),
    (failed: { code: number; stdout: string; stderr: string }) => failed,
  );
}

describe('the eval harness', () => {
  it('scripted:garbled sends malformed calls: validity below 100 %, each kind counted, the run fails cleanly', async () => {
    const task = loadTask(join(TASKS, 'count-lines'));
    const result = await runAttempt(task, 1, { ...scripted(scriptedModel('garbled', task)), makeSandbox: () => new LiteSandbox(), signal: new AbortController().signal });
    expect({ ...result, wall_ms: 0 }).toEqual({
      task: 'count-lines',
      attempt: 1,
      model: 'scripted:garbled',
      solved: false,
      steps: 5,
      prompt_tokens: 0,
      completion_tokens: 0,
      cached_tokens: 0,
      cost_usd: 0,
      wall_ms: 0,
      tool_calls: 3,
      malformed: { bad_json: 1, unknown_tool: 1, invalid_arguments: 1 },
      approvals_asked: 0,
      ended: 'failed:empty_response',
      check_output: 'cat: count.txt: No such file or directory\n',
    });
    expect(summarize('scripted:garbled', [result]).tool_call_validity_pct).toEqual(0);
  });

  it('names the folder and file of a task that is missing a file or has a broken one', async () => {
    const broken = join(scratch, 'broken');
    cpSync(join(TASKS, 'count-lines'), join(broken, 'count-lines'), { recursive: true });
    rmSync(join(broken, 'count-lines', 'check.sh'));
    expect((await evalCli(['--model', 'scripted:oracle', '--tasks', broken])).stderr).toEqual('eval: count-lines/check.sh: missing\n');
    cpSync(join(TASKS, 'count-lines'), join(broken, 'count-lines'), { recursive: true });
    writeFileSync(join(broken, 'count-lines', 'task.json'), '{"id": "count-lines",');
    const failed = await evalCli(['--model', 'scripted:oracle', '--tasks', broken]);
    expect([failed.code, failed.stderr.startsWith('eval: count-lines/task.json: not valid JSON')]).toEqual([2, true]);
  }, 60_000);

  it('npm run eval writes a JSONL line per attempt and a JSON summary, and ends with solved N/M', async () => {
    const out = join(scratch, 'results');
    const done = await evalCli(['--model', 'scripted:oracle', '--tasks', `${TASKS}/c*`, '--repeat', '2', '--out', out]);
    expect(done.code).toEqual(0);
    const lines = done.stdout.trim().split('\n');
    expect(lines.at(-1)).toEqual('solved 10/10 (100 %)');
    const files = readdirSync(out).sort();
    const jsonl = readFileSync(join(out, files.find((f) => f.endsWith('.jsonl'))!), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(jsonl.length).toEqual(10);
    expect(Object.keys(jsonl[0]).sort()).toEqual(
      ['approvals_asked', 'attempt', 'cached_tokens', 'completion_tokens', 'cost_usd', 'ended', 'malformed', 'model', 'prompt_tokens', 'solved', 'steps', 'task', 'tool_calls', 'wall_ms'].sort(),
    );
    const summary = JSON.parse(readFileSync(join(out, files.find((f) => f.endsWith('.summary.json'))!), 'utf8'));
    expect({ ...summary, results_file: undefined }).toEqual({
      model: 'scripted:oracle',
      tasks: 5,
      attempts: 10,
      solved: 10,
      solved_pct: 100,
      pass_at_k: { k: 2, pct: 100 },
      median_steps: 2,
      tokens_per_solved: 0,
      cost_per_solved_usd: 0,
      cost_usd: 0,
      tool_calls: 20,
      tool_call_validity_pct: 100,
      failures: {},
      results_file: undefined,
    });
  }, 90_000);
});
