/**
 * The API over the IndexedDB store (fake-indexeddb) and the real lite sandbox: steps committed with the work dir,
 * a reload that leaves a run interrupted, Resume, follow-ups, and a full disk said as a clear message.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent, ChatMessage, ToolCall } from '../../../src/core';
import { createAgents } from '../../../src/api/agents';
import { INTERRUPTED_CALL, NOT_STARTED_CALL, resumeNote } from '../../../src/api/continuation';
import type { Agents, DriverHooks, DriverOutcome, RunDefaults, RunDriver, RunJob } from '../../../src/api/types';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { HistoryRunStore, HistoryStore, MemoryLocks, recoverRuns } from '../../../src/store';
import { quotaOn, ticking } from '../store/helpers';

const DEFAULTS: RunDefaults = { baseURL: 'http://127.0.0.1:9/v1', model: 'm', apiKey: 'sk-secret', max_steps: 9, human_intervention_threshold: 'high' };

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

const opened: HistoryStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

/** One page: its own history connection, locks (a closed tab's locks go with it), sandbox and API. */
async function page(factory: IDBFactory, prefix: string) {
  const history = await HistoryStore.open({ factory, now: ticking() });
  opened.push(history);
  const locks = new MemoryLocks();
  const recovery = await recoverRuns(history, locks);
  const sandbox = new LiteSandbox();
  const driver = new HandDriver();
  const storeErrors: string[] = [];
  let ids = 0;
  const agents = createAgents({
    store: new HistoryRunStore(history, locks, { delayMs: 5 }),
    driver,
    sandbox: Promise.resolve(sandbox),
    defaults: () => DEFAULTS,
    newId: () => `${prefix}_${++ids}`,
  });
  agents.onStoreError((error) => storeErrors.push(error.message));
  return { history, recovery, sandbox, driver, agents, storeErrors };
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const usage = (tokens: number) => ({ prompt_tokens: tokens, completion_tokens: 0, cached_tokens: 0, cost_usd: 0 });
const call = (id: string, command: string): ToolCall => ({ id, name: 'run_command', arguments: JSON.stringify({ command }) });
const assistant = (...calls: ToolCall[]): ChatMessage => ({
  role: 'assistant',
  content: null,
  tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
});
const FIRST: ChatMessage[] = [{ role: 'system', content: 'You are the agent.' }, { role: 'user', content: 'append lines' }];

/** Plays step 1 (one command, committed) of a run, as the worker would. */
async function stepOne(hooks: DriverHooks, sandbox: LiteSandbox, activeMs?: number): Promise<unknown[]> {
  await hooks.commit!({ step: 0, messages: FIRST, usage: usage(0) });
  const c1 = call('c1', 'echo a >> log.txt');
  const emit = (event: AgentEvent) => hooks.emit(event);
  emit({ type: 'step', step: 1 });
  emit({ type: 'assistant_message', text: '', tool_calls: [c1] });
  emit({ type: 'tool_call', call: c1 });
  await hooks.flush!();
  await sandbox.exec('echo a >> log.txt');
  emit({ type: 'tool_result', call_id: 'c1', name: 'run_command', ok: true, observation: 'Exit code: 0' });
  emit({ type: 'usage', step: usage(10), total: usage(10) });
  const messages: ChatMessage[] = [...FIRST, assistant(c1), { role: 'tool', tool_call_id: 'c1', content: 'Exit code: 0' }];
  await hooks.commit!({ step: 1, messages, usage: usage(10), ...(activeMs !== undefined && { active_ms: activeMs }) });
  return messages;
}

describe('durable runs through the API', () => {
  /** A run whose step 1 is committed (with its active time, if given) and whose page closes in step 2; resumed. */
  async function resumedAfterStepOne(activeMs?: number) {
    const factory = new IDBFactory();
    const before = await page(factory, 'a');
    await before.agents.execute({ instructions: 'append lines', timeout_s: 10 });
    await until(() => before.driver.jobs.length === 1, 'the run to start');
    const { hooks } = before.driver.jobs[0];
    await stepOne(hooks, before.sandbox, activeMs);
    hooks.emit({ type: 'step', step: 2 });
    hooks.emit({ type: 'assistant_message', text: 'thinking', tool_calls: [] });
    await hooks.flush!();
    const after = await page(factory, 'b');
    await after.agents.resume('a_1');
    await until(() => after.driver.jobs.length === 1, 'the resumed run to start');
    return { job: after.driver.jobs[0].job, history: after.history };
  }

  it("a resumed run's time limit goes on from the active time its last step stored, and the resume keeps it stored", async () => {
    const { job, history } = await resumedAfterStepOne(8_000);
    expect([job.spec.timeout_s, job.initial_active_ms, job.start_step]).toEqual([10, 8_000, 2]);
    const { checkpoint } = await history.resumePoint('a_1');
    expect([checkpoint?.step, checkpoint?.active_ms]).toEqual([2, 8_000]);
  });

  it('a step stored without its active time (an older record) resumes with none used', async () => {
    const { job } = await resumedAfterStepOne();
    expect([job.spec.timeout_s, job.initial_active_ms]).toEqual([10, 0]);
  });

  it('a reload leaves a run interrupted; Resume restores its work dir and goes on from its conversation', async () => {
    const factory = new IDBFactory();
    const before = await page(factory, 'a');
    await before.agents.execute({ instructions: 'append lines', files: { 'log.txt': 'start\n' } });
    await until(() => before.driver.jobs.length === 1, 'the run to start');
    const { hooks } = before.driver.jobs[0];
    const committed = await stepOne(hooks, before.sandbox);
    const [c2, c3] = [call('c2', 'echo b >> log.txt'), call('c3', 'echo c >> log.txt')];
    hooks.emit({ type: 'step', step: 2 });
    hooks.emit({ type: 'assistant_message', text: '', tool_calls: [c2, c3] });
    hooks.emit({ type: 'tool_call', call: c2 });
    await hooks.flush!();
    await before.sandbox.exec('echo b >> log.txt'); // the page closes while c2 runs

    const after = await page(factory, 'b');
    expect(after.recovery).toEqual({ interrupted: ['a_1'], awaiting: [], elsewhere: [] });
    expect((await after.agents.list()).map((run) => [run.id, run.status, run.steps])).toEqual([['a_1', 'interrupted', 2]]);
    await after.agents.resume('a_1');
    await until(() => after.driver.jobs.length === 1, 'the resumed run to start');
    const { job } = after.driver.jobs[0];
    expect([job.initial_messages, job.start_step, job.initial_usage, job.secrets]).toEqual([
      [
        ...committed,
        assistant(c2, c3),
        { role: 'tool', tool_call_id: 'c2', content: INTERRUPTED_CALL },
        { role: 'tool', tool_call_id: 'c3', content: NOT_STARTED_CALL },
        { role: 'user', content: resumeNote(1) },
      ],
      2,
      usage(10),
      { api_key: 'sk-secret' },
    ]);
    // the work dir is as step 1 left it: c2's line is not there, and c2 is never run again
    expect(await after.sandbox.readTextFile('log.txt')).toBe('start\na\n');
    const events = await new Promise<string[]>((resolve) => {
      const seen: string[] = [];
      after.agents.subscribe('a_1', (event) => {
        seen.push(event.type === 'status' ? `status:${event.status}` : event.type);
        if (event.type === 'notice') resolve(seen.slice(-5));
      });
    });
    expect(events).toEqual(['status:interrupted', 'status:queued', 'status:in_progress', 'tool_result', 'notice']);
    after.driver.jobs[0].finish({ status: 'completed', summary: 'ok' });
    await until(async () => (await after.agents.retrieve('a_1')).status === 'completed', 'completed');
    expect(after.storeErrors).toEqual([]);
  });

  it('an approval pending at a reload is asked again; Approve runs that call once, and a reload while it runs never re-runs it', async () => {
    const factory = new IDBFactory();
    const before = await page(factory, 'a');
    await before.agents.execute({ instructions: 'append lines', files: { 'log.txt': 'start\n' } });
    await until(() => before.driver.jobs.length === 1, 'the run to start');
    const { hooks } = before.driver.jobs[0];
    const committed = await stepOne(hooks, before.sandbox);
    const risky = call('c2', 'rm log.txt');
    const request = { kind: 'approval' as const, call_id: 'c2', tool: 'run_command', action: 'rm log.txt', verdict: { level: 'high' as const, reasons: ['deletes'] } };
    hooks.emit({ type: 'step', step: 2 });
    hooks.emit({ type: 'assistant_message', text: '', tool_calls: [risky] });
    hooks.emit({ type: 'tool_call', call: risky });
    hooks.emit({ type: 'human_request', request });
    void hooks.ask(request, new AbortController().signal);
    await hooks.flush!(); // the page closes while the dialog is open

    const after = await page(factory, 'b');
    expect(after.recovery).toEqual({ interrupted: [], awaiting: ['a_1'], elsewhere: [] });
    await after.agents.respond('a_1', { approve: true });
    await until(() => after.driver.jobs.length === 1, 'the answered run to go on');
    const { job } = after.driver.jobs[0];
    expect([job.initial_messages, job.start_step, job.pending_turn, job.late_answer]).toEqual([
      [...committed, assistant(risky)],
      2,
      { calls: [{ call: risky }], note: resumeNote(1) },
      { request, answer: { approve: true } },
    ]);
    // step 2 is not stored until the call is answered: its checkpoint is still step 1
    expect((await after.history.resumePoint('a_1')).checkpoint?.step).toBe(1);
    after.driver.jobs[0].hooks.emit({ type: 'human_response', call_id: 'c2', answer: { approve: true } });
    await after.driver.jobs[0].hooks.flush!(); // the page closes again while the approved call runs

    const third = await page(factory, 'c');
    expect(third.recovery).toEqual({ interrupted: ['a_1'], awaiting: [], elsewhere: [] });
    await third.agents.resume('a_1');
    await until(() => third.driver.jobs.length === 1, 'the resumed run');
    expect([third.driver.jobs[0].job.initial_messages, third.driver.jobs[0].job.pending_turn]).toEqual([
      [...committed, assistant(risky), { role: 'tool', tool_call_id: 'c2', content: INTERRUPTED_CALL }, { role: 'user', content: resumeNote(1) }],
      undefined,
    ]);
  });

  it('a raise pending at a reload: raised, the run goes on with the new limit; not raised, it ends as the loop would have', async () => {
    const request = { kind: 'raise' as const, limit: 'max_steps' as const, message: 'The run used all 1 steps (max_steps) before the task was finished. Raise the limit to go on, or end the run.', current: 1, used: 1 };
    /** A page that leaves a run waiting for a raise of max_steps; the page after it. */
    const awaitingRaise = async () => {
      const factory = new IDBFactory();
      const before = await page(factory, 'a');
      await before.agents.execute({ instructions: 'append lines', max_steps: 1 });
      await until(() => before.driver.jobs.length === 1, 'the run to start');
      const { hooks } = before.driver.jobs[0];
      await stepOne(hooks, before.sandbox);
      hooks.emit({ type: 'human_request', request });
      void hooks.ask(request, new AbortController().signal);
      await hooks.flush!();
      const after = await page(factory, 'b');
      expect(after.recovery).toEqual({ interrupted: [], awaiting: ['a_1'], elsewhere: [] });
      return after;
    };

    const raised = await awaitingRaise();
    await raised.agents.respond('a_1', { raise: { max_steps: 4 } });
    await until(() => raised.driver.jobs.length === 1, 'the raised run to go on');
    // the loop takes the answer where it asks to raise the limit (tests/unit/agent/loop-resume.test.ts)
    const { job, hooks } = raised.driver.jobs[0];
    expect([job.spec.max_steps, job.start_step, job.late_answer]).toEqual([1, 1, { request, answer: { raise: { max_steps: 4 } } }]);
    hooks.emit({ type: 'human_response', answer: { raise: { max_steps: 4 } } });
    expect((await raised.agents.retrieve('a_1')).max_steps).toBe(4);
    const refused = await awaitingRaise();
    const ended = await refused.agents.respond('a_1', { approve: false });
    expect([ended.status, ended.reason, ended.error, refused.driver.jobs.length]).toEqual([
      'failed',
      'max_steps',
      { code: 'max_steps', message: 'The run used all 1 steps (max_steps) before the task was finished.' },
      0,
    ]);
    expect((await refused.agents.list()).map((run) => run.status)).toEqual(['failed']);
  });

  it('a follow-up starts from the earlier run\'s conversation and, on a fresh page, its work dir', async () => {
    const factory = new IDBFactory();
    const first = await page(factory, 'a');
    await first.agents.execute({ instructions: 'append lines', files: { 'log.txt': 'start\n' } });
    await until(() => first.driver.jobs.length === 1, 'the run to start');
    const committed = await stepOne(first.driver.jobs[0].hooks, first.sandbox);
    first.driver.jobs[0].finish({ status: 'completed', summary: 'appended' });
    await until(async () => (await first.agents.retrieve('a_1')).status === 'completed', 'completed');

    const second = await page(factory, 'b');
    const follow = await second.agents.followUp('a_1', { instructions: 'now add b' });
    expect(follow.parent_id).toBe('a_1');
    await until(() => second.driver.jobs.length === 1, 'the follow-up to start');
    expect([second.driver.jobs[0].job.initial_messages, second.driver.jobs[0].job.start_step]).toEqual([
      [...committed, { role: 'user', content: 'Follow-up task (the work dir is as the previous task left it):\nnow add b' }],
      0,
    ]);
    expect(await second.sandbox.readTextFile('log.txt')).toBe('start\na\n');
    await expect(second.agents.followUp('b_1', { instructions: 'x' })).rejects.toThrow(/has not ended/);
  });

  it('a full disk is said clearly; earlier runs stay intact and the run goes on', async () => {
    const factory = new IDBFactory();
    const tab = await page(factory, 'a');
    await tab.agents.execute({ instructions: 'earlier', files: { 'a.txt': 'one' } });
    await until(() => tab.driver.jobs.length === 1, 'the first run');
    await tab.driver.jobs[0].hooks.commit!({ step: 0, messages: FIRST, usage: usage(0) });
    tab.driver.jobs[0].finish({ status: 'completed', summary: 'done' });
    await until(async () => (await tab.agents.retrieve('a_1')).status === 'completed', 'the first run to end');
    const earlier = { run: await tab.agents.retrieve('a_1'), workdir: await tab.agents.workdirOf('a_1') };

    await tab.agents.execute({ instructions: 'later' });
    await until(() => tab.driver.jobs.length === 2, 'the second run');
    await tab.sandbox.writeFile('big.txt', 'new content');
    const quota = quotaOn('blobs');
    try {
      await tab.driver.jobs[1].hooks.commit!({ step: 0, messages: FIRST, usage: usage(0) });
    } finally {
      quota.restore();
    }
    expect(tab.storeErrors).toEqual([
      'Browser storage for this site is full, so step 0 of run a_2 was not saved (earlier history is intact). ' +
        'Free space by pruning old work-dir states (pruneWorkdirStates) or deleting old runs, then try again.',
    ]);
    expect({ run: await tab.agents.retrieve('a_1'), workdir: await tab.agents.workdirOf('a_1') }).toEqual(earlier);
    tab.driver.jobs[1].finish({ status: 'completed', summary: 'fine' });
    await until(async () => (await tab.agents.retrieve('a_2')).status === 'completed', 'the second run to end');
  });
});
