/**
 * "Check this model" as the page runs it, in Node: the quick set bundled by Vite's glob, each task a run through
 * the Agents API over the WorkerDriver (the worker's API on the far end of a MessageChannel), a fresh real lite
 * sandbox per task, the real openai SDK against the scripted server, and the check kept in an archive.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryRunStore } from '../../../src/api/memory-store';
import type { RunDefaults } from '../../../src/api/types';
import { expose } from '../../../src/bridge/rpc';
import { createAgentWorkerApi } from '../../../src/bridge/worker-runner';
import { quickTasks } from '../../../src/evals/bundled-tasks';
import { loadTask } from '../../../src/evals/load';
import { memoryArchive } from '../../../src/evals/check-archive';
import { pageChecks } from '../../../src/evals/in-page';
import { QUICK_SET } from '../../../src/evals/quick-set';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { checkScript } from '../../fixtures/check-script';
import { startScriptedServer, type Script, type ScriptedServer } from '../../fixtures/scripted-server';

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function channelWorker(): Worker {
  const { port1, port2 } = new MessageChannel();
  expose(createAgentWorkerApi(), port2 as never);
  return Object.assign(port1, { terminate: () => (port1.close(), port2.close()) }) as unknown as Worker;
}

async function setup(script: Script) {
  const server = await startScriptedServer(script);
  servers.push(server);
  const store = new MemoryRunStore();
  const archive = memoryArchive();
  const sandboxes: Sandbox[] = [];
  const defaults: RunDefaults = {
    baseURL: server.baseURL,
    model: 'gpt-4.1-mini',
    apiKey: 'sk-check-123',
    max_steps: 50,
    human_intervention_threshold: 'low',
    ask_file_changes: true,
  };
  const checks = pageChecks({
    store,
    archive,
    makeWorker: channelWorker,
    makeSandbox: async () => {
      const sandbox = new LiteSandbox();
      sandboxes.push(sandbox);
      return sandbox;
    },
    defaults: () => defaults,
  });
  return { server, store, archive, checks, sandboxes };
}

const ids = QUICK_SET.map((task) => task.id);

describe('the quick set in the page', () => {
  it('is bundled byte for byte as the task folders on disk hold it', () => {
    const bundled = quickTasks();
    expect(bundled.map((task) => task.id)).toEqual(ids);
    expect(bundled).toEqual(ids.map((id) => loadTask(join(import.meta.dirname, '../../../evals/tasks', id))));
  });
});

describe('Check this model (in-page)', () => {
  it('runs every task as a page run in a fresh sandbox of its own, counts what was solved, and keeps the check', async () => {
    const { server, store, archive, checks, sandboxes } = await setup(checkScript({ solve: 'count-lines' }));
    const progress: string[] = [];
    const check = await checks.run(new AbortController().signal, {
      onProgress: (state, current) => progress.push(`${state.results.length}${current ? ` ${current.task}` : ''}`),
      onStoreError: (error) => progress.push(`store error: ${error.message}`),
    });

    expect([check.status, check.model, check.base_url, check.tasks]).toEqual(['completed', 'gpt-4.1-mini', server.baseURL, ids]);
    expect(check.results.map((r) => [r.task, r.solved, r.ended, r.steps, r.tool_calls])).toEqual(
      ids.map((id) => (id === 'count-lines' ? [id, true, 'completed', 2, 2] : [id, false, 'completed', 1, 1])),
    );
    // one fresh sandbox per task, each disposed after its check
    expect(sandboxes.length).toEqual(ids.length);
    // every task's run is in the run store like any run, final, with the key kept out of its config
    const runs = await store.list();
    expect(runs.map((run) => [run.id, run.status]).sort()).toEqual(check.results.map((r) => [r.run_id, 'completed']).sort());
    expect(await Promise.all(check.results.map(async (r) => (await store.config(r.run_id!))?.ask_file_changes))).toEqual(ids.map(() => undefined));
    // each step's usage is a point on the task's chart, and the cost comes from the price table
    const solved = check.results.find((r) => r.task === 'count-lines')!;
    expect(solved.points.map((p) => p.step)).toEqual([1, 2]);
    expect(solved.prompt_tokens).toEqual(solved.points.reduce((sum, p) => sum + p.prompt_tokens, 0));
    expect(solved.cost_usd).toBeCloseTo((solved.prompt_tokens * 0.4 + solved.completion_tokens * 1.6) / 1e6, 10);
    expect(progress.filter((line) => line.startsWith('store error'))).toEqual([]);
    expect(progress.at(-1)).toEqual(`${ids.length}`);
    expect(await archive.list()).toEqual([check]);
    // the key went to the server and nowhere else
    expect(server.requests.every((request) => request.headers.authorization === 'Bearer sk-check-123')).toEqual(true);
  }, 120_000);

  it('Stop ends the task in flight: its run is cancelled, the check is kept as stopped with the tasks done', async () => {
    const { store, archive, checks } = await setup(checkScript({ solve: 'count-lines', hangOn: 'rename-function' }));
    const controller = new AbortController();
    const check = await checks.run(controller.signal, {
      onProgress: (_state, current) => {
        if (current?.task === 'rename-function' && current.step === 1) controller.abort();
      },
      onStoreError: () => {},
    });
    expect([check.status, check.results.map((r) => [r.task, r.solved])]).toEqual([
      'stopped',
      [
        ['count-lines', true],
        ['js-order-summary', false],
      ],
    ]);
    const runs = await store.list();
    expect(runs.map((run) => [run.instructions.slice(0, 30), run.status])).toEqual([
      ['Rename the shell function `old', 'cancelled'],
      ['Write a Node.js script `summar', 'completed'],
      ['Count how many lines `app.log`', 'completed'],
    ]);
    expect(await archive.list()).toEqual([check]);
  }, 120_000);
});
