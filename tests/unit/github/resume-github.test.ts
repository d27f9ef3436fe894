/**
 * A run started on a GitHub repository with the `github` tools, resumed after a reload (a second page over the
 * same IndexedDB): it still has create_pull_request, and the page's git broker is tied to the run's repository
 * again. The real API over fake-indexeddb and the real lite sandbox; the driver is played by hand.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgents } from '../../../src/api/agents';
import type { DriverHooks, DriverOutcome, RunDefaults, RunDriver, RunJob } from '../../../src/api/types';
import type { OpenedPullRequest, PullRequestRequest } from '../../../src/api/page-tools';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { HistoryRunStore, HistoryStore, MemoryLocks, recoverRuns } from '../../../src/store';
import { ticking } from '../store/helpers';

const DEFAULTS: RunDefaults = { baseURL: 'http://127.0.0.1:9/v1', model: 'm', apiKey: 'sk-secret', max_steps: 9, human_intervention_threshold: 'high' };
const CONFIG = '[core]\n\tbare = false\n[autopilot]\n\trepository = octo/dash\n\tbranch = main\n';

class HandDriver implements RunDriver {
  jobs: { job: RunJob; hooks: DriverHooks }[] = [];
  run(job: RunJob, hooks: DriverHooks, signal: AbortSignal): Promise<DriverOutcome> {
    return new Promise((resolve) => {
      this.jobs.push({ job, hooks });
      signal.addEventListener('abort', () => resolve({ status: 'cancelled' }));
    });
  }
}

const opened: HistoryStore[] = [];
const sandboxes: LiteSandbox[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) store.close();
  for (const sandbox of sandboxes.splice(0)) await sandbox.dispose();
});

/** One page with its GitHub: opening binds the broker, pull requests are recorded. */
async function page(factory: IDBFactory, prefix: string) {
  const history = await HistoryStore.open({ factory, now: ticking() });
  opened.push(history);
  const locks = new MemoryLocks();
  await recoverRuns(history, locks);
  const sandbox = new LiteSandbox();
  sandboxes.push(sandbox);
  const driver = new HandDriver();
  const asked: PullRequestRequest[] = [];
  const github = { bound: undefined as string | undefined };
  let ids = 0;
  const agents = createAgents({
    store: new HistoryRunStore(history, locks, { delayMs: 5 }),
    driver,
    sandbox: Promise.resolve(sandbox),
    defaults: () => DEFAULTS,
    newId: () => `${prefix}_${++ids}`,
    openRepository: async (repo) => ({
      snapshot: { files: [{ path: '.git/config', data: new TextEncoder().encode(CONFIG), mode: 0o644 }, { path: 'a.txt', data: new TextEncoder().encode('a\n'), mode: 0o644 }], dirs: ['.git'] },
      message: `Opened ${repo}.`,
    }),
    pullRequests: {
      create: async (request): Promise<OpenedPullRequest> => (asked.push(request), { url: 'https://github.com/octo/dash/pull/1', number: 1, repository: 'octo/dash', branch: 'b', commits: 1, files: 1 }),
    },
    bindRepository: (repository) => (github.bound = repository),
  });
  return { sandbox, driver, agents, asked, github };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('a resumed GitHub run', () => {
  /** Start a run with `tools` on octo/dash, commit its step 0, reload, resume: both pages' jobs. */
  async function resumed(tools: string[] | undefined) {
    const factory = new IDBFactory();
    const before = await page(factory, 'a');
    await before.agents.execute({ instructions: 'fix it', repo: 'https://github.com/octo/dash#main', ...(tools && { tools }) });
    await until(() => before.driver.jobs.length === 1, 'the run to start');
    expect(before.github.bound).toBe('octo/dash');
    const { job, hooks } = before.driver.jobs[0];
    await hooks.commit!({ step: 0, messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'fix it' }], usage: { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, cost_usd: 0 } });
    hooks.emit({ type: 'step', step: 1 });
    await hooks.flush!();
    // the tab reloads: a new page, nothing bound, the run interrupted
    const after = await page(factory, 'b');
    expect(after.github.bound).toBeUndefined();
    await after.agents.resume('a_1');
    await until(() => after.driver.jobs.length === 1, 'the resumed run to start');
    return { first: job, again: after.driver.jobs[0], after };
  }

  it('keeps create_pull_request when execute() named the github tools, and ties the git broker to its repository again', async () => {
    const { first, again, after } = await resumed(['github_integration', 'ubuntu_terminal']);
    expect(first.spec.tools).toEqual(['github', 'terminal', 'files']);
    expect(again.job.spec.tools).toEqual(['github', 'terminal', 'files']);
    expect(again.job.spec.repository).toBe('octo/dash');
    expect(after.github.bound).toBe('octo/dash');
    const result = await again.hooks.pageTool!('create_pull_request', { title: 'Fix', body: '' }, new AbortController().signal);
    expect(result).toEqual({ ok: true, observation: 'Opened pull request #1: https://github.com/octo/dash/pull/1 (branch b; 1 commit, 1 file).' });
    expect(after.asked).toEqual([{ title: 'Fix', body: '' }]);
  });

  it('keeps github when it joined the default tools for the GitHub work dir; named tools stay as named', async () => {
    const defaults = await resumed(undefined);
    expect(defaults.first.spec.tools).toEqual(['terminal', 'files', 'human', 'github']);
    expect(defaults.again.job.spec.tools).toEqual(['terminal', 'files', 'human', 'github']);
    expect(typeof defaults.again.hooks.pageTool).toBe('function');
    const named = await resumed(['terminal']);
    expect(named.again.job.spec.tools).toEqual(['terminal']);
    expect(named.after.github.bound).toBe('octo/dash');
  });
});
