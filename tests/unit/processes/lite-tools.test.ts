/**
 * Lite background processes through the tools path: start_process (settle), process_output, the process list,
 * stop_process, and cleanup on Stop — the real lite sandbox on just-bash.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/errors';
import { startAndSettle, startProcessTool, stopAllProcesses } from '../../../src/agent/process-watch';
import { runSandboxTool, type ToolEnv } from '../../../src/agent/tools';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { waitFor } from '../sandbox/contract';

const LOOP = 'while true; do echo tick >> ticks.txt; sleep 0.05; done';

describe('lite background processes through the tools', () => {
  const made: LiteSandbox[] = [];
  const make = () => {
    const sandbox = new LiteSandbox({ processSettleMs: 50 });
    made.push(sandbox);
    return sandbox;
  };
  afterEach(async () => {
    await Promise.all(made.splice(0).map((sandbox) => sandbox.dispose()));
  });
  const env = (sandbox: LiteSandbox, signal = new AbortController().signal): ToolEnv => ({
    sandbox,
    signal,
    commandTimeoutMs: 5_000,
    onOutput: () => undefined,
  });

  it('starts a shell loop, returns it running after the settle time, follows the file it writes, lists and stops it', async () => {
    const sandbox = make();
    const started = await startProcessTool(sandbox, LOOP, { settleMs: 300 });
    expect(started.ok).toEqual(true);
    expect(started.failed).toEqual(false);
    expect(started.observation.split('\n')[0]).toEqual('Started process p1; it is running.');
    expect(started.observation).toContain('--- ticks.txt (last 50 lines) ---\ntick');
    expect(started.observation).toContain('It keeps running after this step, and after you finish, until it is stopped.');

    await waitFor(async () => ((await sandbox.readTextFile('ticks.txt').catch(() => '')).split('\n').length > 3 ? true : undefined));
    const output = await runSandboxTool('process_output', { id: 'p1' }, env(sandbox));
    expect(output.ok).toEqual(true);
    expect(output.observation.split('\n').slice(0, 2)).toEqual([
      `Process p1 (${LOOP}): running.`,
      "[still running. The lite sandbox learns a process's own output only when it ends; here is the end of each file it writes.]",
    ]);
    expect(await sandbox.listProcesses()).toEqual([{ id: 'p1', command: LOOP, running: true, startedAt: expect.any(Number) }]);

    expect(await runSandboxTool('stop_process', { id: 'p1' }, env(sandbox))).toEqual({ ok: true, failed: false, observation: 'Stopped process p1.' });
    const [after] = await sandbox.listProcesses();
    expect({ running: after.running, exitCode: after.exitCode }).toEqual({ running: false, exitCode: 143 });
    const ticks = await sandbox.readTextFile('ticks.txt');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await sandbox.readTextFile('ticks.txt')).toEqual(ticks);
  });

  it('returns a quick process with its exit code and output, and says a failure is one', async () => {
    const sandbox = make();
    expect(await startProcessTool(sandbox, 'echo hello; echo oops >&2; exit 2', { settleMs: 1_000 })).toEqual({
      ok: false,
      failed: true,
      exit_code: 2,
      observation: 'Process p1 already ended with exit code 2.\nOutput:\nhello\noops',
    });
  });

  it('tells the model that servers cannot run in the lite sandbox', async () => {
    const sandbox = make();
    const result = await startProcessTool(sandbox, 'npm run dev', { settleMs: 1_000 });
    expect(result.exit_code).toEqual(127);
    expect(result.observation.split('\n').at(-1)).toEqual(
      'Note: this sandbox cannot run servers (no network ports, no preview). Background jobs such as shell ' +
        'loops work; to check a web app here, test its files and logic with the commands this sandbox has.',
    );
  });

  it('waits no longer than the settle time for a silent process', async () => {
    const sandbox = make();
    const started = Date.now();
    const settled = await startAndSettle(sandbox, 'sleep 5', { settleMs: 200 });
    expect({ id: settled.id, running: settled.running }).toEqual({ id: 'p1', running: true });
    expect(Date.now() - started).toBeLessThan(3_000); // bounded, not a timing assertion on the settle time itself
  });

  it('stops the process it was starting when the run is cancelled during the settle time', async () => {
    const sandbox = make();
    const controller = new AbortController();
    const starting = startAndSettle(sandbox, LOOP, { settleMs: 5_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(starting).rejects.toBeInstanceOf(CancelledError);
    const [info] = await sandbox.listProcesses();
    expect({ running: info.running, exitCode: info.exitCode }).toEqual({ running: false, exitCode: 143 });
  });

  it('stops every running process on Stop and leaves ended ones alone', async () => {
    const sandbox = make();
    await sandbox.startProcess('echo done');
    await sandbox.startProcess(LOOP);
    await sandbox.startProcess('while true; do sleep 0.05; done');
    expect(await stopAllProcesses(sandbox)).toEqual({ stopped: ['p2', 'p3'], failures: [] });
    const list = await sandbox.listProcesses();
    expect(list.map(({ id, running, exitCode }) => ({ id, running, exitCode }))).toEqual([
      { id: 'p1', running: false, exitCode: 0 },
      { id: 'p2', running: false, exitCode: 143 },
      { id: 'p3', running: false, exitCode: 143 },
    ]);
  });
});
