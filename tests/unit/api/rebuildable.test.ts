/**
 * Stored step work dirs leave node_modules out (fake-indexeddb, the real lite sandbox), and a resume or a
 * follow-up that restores one tells the model to reinstall — when the sandbox can run npm.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgents } from '../../../src/api/agents';
import type { ChatMessage } from '../../../src/core';
import { NODE_MODULES_NOT_KEPT, resumeNote } from '../../../src/api/continuation';
import type { DriverHooks, DriverOutcome, RunDefaults, RunDriver, RunJob } from '../../../src/api/types';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import type { Sandbox, WorkdirSnapshot } from '../../../src/sandbox/sandbox';
import { HistoryRunStore, HistoryStore, MemoryLocks, recoverRuns } from '../../../src/store';
import { ticking } from '../store/helpers';

const DEFAULTS: RunDefaults = { baseURL: 'http://127.0.0.1:9/v1', model: 'm', apiKey: 'k', max_steps: 9, human_intervention_threshold: 'high' };
const usage = { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, cost_usd: 0 };
const FIRST: ChatMessage[] = [{ role: 'system', content: 'You are the agent.' }, { role: 'user', content: 'build it' }];

/** A driver whose runs the test plays by hand through the hooks. */
class HandDriver implements RunDriver {
  jobs: { job: RunJob; hooks: DriverHooks; finish(outcome: DriverOutcome): void }[] = [];
  run(job: RunJob, hooks: DriverHooks, signal: AbortSignal): Promise<DriverOutcome> {
    return new Promise((resolve) => {
      this.jobs.push({ job, hooks, finish: resolve });
      signal.addEventListener('abort', () => resolve({ status: 'cancelled' }));
    });
  }
}

/** The lite sandbox as one that says it runs node (a fake capability through the port). */
function sayingNode(lite: LiteSandbox): Sandbox {
  const capabilities = { ...lite.capabilities, node: true };
  return new Proxy(lite, {
    get(target, key) {
      if (key === 'capabilities') return capabilities;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const opened: HistoryStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

async function page(factory: IDBFactory, prefix: string, node: boolean) {
  const history = await HistoryStore.open({ factory, now: ticking() });
  opened.push(history);
  const locks = new MemoryLocks();
  await recoverRuns(history, locks);
  const lite = new LiteSandbox();
  const driver = new HandDriver();
  let ids = 0;
  const agents = createAgents({
    store: new HistoryRunStore(history, locks, { delayMs: 5 }),
    driver,
    sandbox: Promise.resolve(node ? sayingNode(lite) : lite),
    defaults: () => DEFAULTS,
    newId: () => `${prefix}_${++ids}`,
  });
  const storeErrors: string[] = [];
  agents.onStoreError((error) => storeErrors.push(error.message));
  return { history, lite, driver, agents, storeErrors };
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const text = (snapshot: WorkdirSnapshot | undefined) => ({
  files: (snapshot?.files ?? []).map((file) => [file.path, new TextDecoder().decode(file.data)]).sort(),
  dirs: [...(snapshot?.dirs ?? [])].sort(),
});

/** A run of a Node project whose steps 0 and 1 are committed, its node_modules installed in between. */
async function nodeProjectRun(factory: IDBFactory, node: boolean) {
  const first = await page(factory, 'a', node);
  await first.agents.execute({ instructions: 'build it', files: { 'package.json': '{"name":"p"}', 'src/a.js': 'a' } });
  await until(() => first.driver.jobs.length === 1, 'the run to start');
  const { hooks } = first.driver.jobs[0];
  await first.lite.writeFile('node_modules/x.js', 'x');
  await hooks.commit!({ step: 0, messages: FIRST, usage });
  hooks.emit({ type: 'step', step: 1 });
  await first.lite.exec('mkdir -p node_modules/dep && echo y > node_modules/dep/y.js && echo b > src/b.js');
  const messages: ChatMessage[] = [...FIRST, { role: 'assistant', content: 'installed' }];
  await hooks.commit!({ step: 1, messages, usage });
  return { first, hooks, messages };
}

describe('stored work dirs leave node_modules out', () => {
  it("commits steps whose stored work dir has no node_modules but all the rest; the live work dir keeps it", async () => {
    const { first } = await nodeProjectRun(new IDBFactory(), false);
    expect(text(await first.history.workdirAt('a_1', 0))).toEqual({
      files: [['package.json', '{"name":"p"}'], ['src/a.js', 'a']],
      dirs: ['src'],
    });
    expect(text(await first.history.workdirAt('a_1', 1))).toEqual({
      files: [['package.json', '{"name":"p"}'], ['src/a.js', 'a'], ['src/b.js', 'b\n']],
      dirs: ['src'],
    });
    expect(await first.lite.readTextFile('node_modules/dep/y.js')).toBe('y\n');
    expect(first.storeErrors).toEqual([]);
  });

  for (const node of [true, false]) {
    it(`a resumed run is told to reinstall node_modules ${node ? 'when the sandbox runs node' : 'only when the sandbox runs node'}`, async () => {
      const factory = new IDBFactory();
      const { hooks, messages } = await nodeProjectRun(factory, node);
      await hooks.flush!(); // the page closes
      const after = await page(factory, 'b', node);
      await after.agents.resume('a_1');
      await until(() => after.driver.jobs.length === 1, 'the resumed run to start');
      const note = node ? `${resumeNote(1)}\n\n${NODE_MODULES_NOT_KEPT}` : resumeNote(1);
      expect(after.driver.jobs[0].job.initial_messages).toEqual([...messages, { role: 'user', content: note }]);
      expect(await after.lite.exists('node_modules')).toBe(false);
    });
  }

  it('a follow-up on a fresh page that restores the work dir is told to reinstall when the sandbox runs node', async () => {
    const factory = new IDBFactory();
    const { first, messages } = await nodeProjectRun(factory, true);
    first.driver.jobs[0].finish({ status: 'completed', summary: 'built' });
    await until(async () => (await first.agents.retrieve('a_1')).status === 'completed', 'completed');
    const second = await page(factory, 'b', true);
    await second.agents.followUp('a_1', { instructions: 'test it' });
    await until(() => second.driver.jobs.length === 1, 'the follow-up to start');
    const content = `Follow-up task (the work dir is as the previous task left it, restored from the history. ${NODE_MODULES_NOT_KEPT}):\ntest it`;
    expect(second.driver.jobs[0].job.initial_messages).toEqual([...messages, { role: 'user', content }]);
  });
});
