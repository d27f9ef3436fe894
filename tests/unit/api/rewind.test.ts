/**
 * Checkpoints through the API over IndexedDB (fake-indexeddb) and the real lite sandbox: each step says what it
 * changed, Restore files to a step then continue (a follow-up goes on from the restored files, after a reload
 * too), and a fork starts from a step's files and conversation while its parent stays untouched.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage, RunEvent, ToolCall } from '../../../src/core';
import { createAgents } from '../../../src/api/agents';
import { forkNote } from '../../../src/api/rewind';
import type { DriverHooks, DriverOutcome, RunDefaults, RunDriver, RunJob } from '../../../src/api/types';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { HistoryRunStore, HistoryStore, MemoryLocks } from '../../../src/store';
import { ticking } from '../store/helpers';

const DEFAULTS: RunDefaults = { baseURL: 'http://127.0.0.1:9/v1', model: 'm', max_steps: 9, human_intervention_threshold: 'high' };

class HandDriver implements RunDriver {
  jobs: { job: RunJob; hooks: DriverHooks; finish(outcome: DriverOutcome): void }[] = [];
  run(job: RunJob, hooks: DriverHooks, signal: AbortSignal): Promise<DriverOutcome> {
    return new Promise((resolve) => {
      this.jobs.push({ job, hooks, finish: resolve });
      signal.addEventListener('abort', () => resolve({ status: 'cancelled' }));
    });
  }
}

const opened: { history: HistoryStore; sandbox: LiteSandbox }[] = [];
afterEach(async () => {
  for (const { history, sandbox } of opened.splice(0)) {
    history.close();
    await sandbox.dispose();
  }
});

async function page(factory: IDBFactory, prefix: string) {
  const history = await HistoryStore.open({ factory, now: ticking() });
  const sandbox = new LiteSandbox();
  opened.push({ history, sandbox });
  const driver = new HandDriver();
  let ids = 0;
  const agents = createAgents({
    store: new HistoryRunStore(history, new MemoryLocks(), { delayMs: 5 }),
    driver,
    sandbox: Promise.resolve(sandbox),
    defaults: () => DEFAULTS,
    newId: () => `${prefix}_${++ids}`,
  });
  return { history, sandbox, driver, agents };
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const usage = (tokens: number) => ({ prompt_tokens: tokens, completion_tokens: 0, cached_tokens: 0, cost_usd: 0 });
const FIRST: ChatMessage[] = [{ role: 'system', content: 'You are the agent.' }, { role: 'user', content: 'edit files' }];
const COMMANDS = ['printf "one\\n" > a.txt', 'printf "two\\n" > a.txt && seq 1 5 > b.txt', 'rm b.txt && printf "three\\n" > a.txt'];

/** Plays a run of three steps (one command each, each committed) and finishes it; returns the messages per step. */
async function playRun(hooks: DriverHooks, sandbox: LiteSandbox, finish: (outcome: DriverOutcome) => void): Promise<unknown[][]> {
  await hooks.commit!({ step: 0, messages: FIRST, usage: usage(0) });
  let messages: ChatMessage[] = [...FIRST];
  const perStep: unknown[][] = [messages];
  for (const [index, command] of COMMANDS.entries()) {
    const step = index + 1;
    const call: ToolCall = { id: `c${step}`, name: 'run_command', arguments: JSON.stringify({ command }) };
    hooks.emit({ type: 'step', step });
    hooks.emit({ type: 'assistant_message', text: '', tool_calls: [call] });
    hooks.emit({ type: 'tool_call', call });
    expect((await sandbox.exec(command)).exitCode).toBe(0);
    hooks.emit({ type: 'tool_result', call_id: call.id, name: call.name, ok: true, observation: 'Exit code: 0' });
    const assistant: ChatMessage = { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }] };
    messages = [...messages, assistant, { role: 'tool', tool_call_id: call.id, content: 'Exit code: 0' }];
    perStep.push(messages);
    await hooks.commit!({ step, messages, usage: usage(step) });
  }
  finish({ status: 'completed', summary: 'done' });
  return perStep;
}

async function files(sandbox: LiteSandbox): Promise<Record<string, string>> {
  const snapshot = await sandbox.snapshot();
  return Object.fromEntries(snapshot.files.map((file) => [file.path, new TextDecoder().decode(file.data)]));
}

/** The run's events as subscribe() gives them, once `done` holds for them (bounded). */
async function eventsOf(agents: ReturnType<typeof createAgents>, id: string, done: (events: RunEvent[]) => boolean): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  const stop = agents.subscribe(id, (event) => events.push(event));
  try {
    await until(() => done(events), `the events of ${id}`);
    return events;
  } finally {
    stop();
  }
}

describe('checkpoints through the API', () => {
  it('says what each step changed, restores a step, and a follow-up goes on from the restored files (after a reload too)', async () => {
    const factory = new IDBFactory();
    const first = await page(factory, 'a');
    await first.agents.execute({ instructions: 'edit files' });
    await until(() => first.driver.jobs.length === 1, 'the run to start');
    await playRun(first.driver.jobs[0].hooks, first.sandbox, first.driver.jobs[0].finish);
    await until(async () => (await first.agents.retrieve('a_1')).status === 'completed', 'completed');

    const changed = (await eventsOf(first.agents, 'a_1', (events) => events.some((event) => event.type === 'status' && event.status === 'completed'))).filter(
      (event) => event.type === 'files_changed',
    );
    expect(changed.map(({ run_id: _r, seq: _s, at: _a, ...rest }) => rest)).toEqual([
      { type: 'files_changed', step: 1, files: 1, additions: 1, deletions: 0 },
      { type: 'files_changed', step: 2, files: 2, additions: 6, deletions: 1 },
      { type: 'files_changed', step: 3, files: 2, additions: 1, deletions: 6 },
    ]);
    expect((await first.agents.changes('a_1', 2)).map((change) => [change.kind, change.path])).toEqual([
      ['modified', 'a.txt'],
      ['added', 'b.txt'],
    ]);
    expect((await first.agents.changes('a_1')).map((change) => [change.kind, change.path])).toEqual([['added', 'a.txt']]);

    await first.sandbox.startProcess('sleep 30'); // a restore stops background processes first
    await first.agents.restoreFiles('a_1', 2);
    expect(await files(first.sandbox)).toEqual({ 'a.txt': 'two\n', 'b.txt': '1\n2\n3\n4\n5\n' });
    expect((await first.sandbox.listProcesses()).map((process) => process.running)).toEqual([false]);
    const restored = (await eventsOf(first.agents, 'a_1', (events) => events.at(-1)?.type === 'workdir_restored')).at(-1);
    expect(restored && { type: restored.type, step: 'step' in restored ? restored.step : undefined }).toEqual({ type: 'workdir_restored', step: 2 });
    expect((await first.agents.retrieve('a_1')).status).toBe('completed');

    // continue: the follow-up starts from the restored files (the sandbox holds them)
    await first.agents.followUp('a_1', { instructions: 'go on' });
    await until(() => first.driver.jobs.length === 2, 'the follow-up to start');
    expect(await files(first.sandbox)).toEqual({ 'a.txt': 'two\n', 'b.txt': '1\n2\n3\n4\n5\n' });
    first.driver.jobs[1].finish({ status: 'completed', summary: 'ok' });
    await until(async () => (await first.agents.retrieve('a_2')).status === 'completed', 'the follow-up completed');

    // after a reload, the run's files are the restored ones, and its later steps are still in the history
    const second = await page(factory, 'b');
    expect(Object.keys(Object.fromEntries(((await second.agents.workdirOf('a_1'))?.files ?? []).map((f) => [f.path, 1])))).toEqual(['a.txt', 'b.txt']);
    expect((await second.agents.changes('a_1', 3)).map((change) => [change.kind, change.path])).toEqual([
      ['modified', 'a.txt'],
      ['deleted', 'b.txt'],
    ]);
    await second.agents.followUp('a_1', { instructions: 'again' });
    await until(() => second.driver.jobs.length === 1, 'the second follow-up to start');
    expect(await files(second.sandbox)).toEqual({ 'a.txt': 'two\n', 'b.txt': '1\n2\n3\n4\n5\n' });
  });

  it('a fork starts from the step\'s files and conversation; the parent stays untouched', async () => {
    const factory = new IDBFactory();
    const { agents, driver, sandbox, history } = await page(factory, 'a');
    await agents.execute({ instructions: 'edit files' });
    await until(() => driver.jobs.length === 1, 'the run to start');
    const perStep = await playRun(driver.jobs[0].hooks, sandbox, driver.jobs[0].finish);
    await until(async () => (await agents.retrieve('a_1')).status === 'completed', 'completed');
    const parentBefore = { run: await agents.retrieve('a_1'), events: await history.getEvents('a_1'), workdir: await history.workdirAt('a_1') };

    await expect(agents.fork('a_1', { step: 7, instructions: 'x' })).rejects.toThrow('fork: step must be a whole number from 0 to 3');
    const fork = await agents.fork('a_1', { step: 1, instructions: 'make it shout' });
    expect(fork.parent_id).toBe('a_1');
    await until(() => driver.jobs.length === 2, 'the fork to start');
    const { job } = driver.jobs[1];
    expect([job.initial_messages, job.start_step]).toEqual([
      [...perStep[1], { role: 'user', content: `${forkNote(1)}\n\nNew task:\nmake it shout` }],
      0,
    ]);
    expect(await files(sandbox)).toEqual({ 'a.txt': 'one\n' });
    driver.jobs[1].finish({ status: 'completed', summary: 'ok' });
    await until(async () => (await agents.retrieve(fork.id)).status === 'completed', 'the fork completed');
    expect({ run: await agents.retrieve('a_1'), events: await history.getEvents('a_1'), workdir: await history.workdirAt('a_1') }).toEqual(parentBefore);
    expect((await history.followUps('a_1')).map((run) => run.id)).toEqual([fork.id]);
  });

  it('refuses a hand edit while the agent works; afterwards records it and tells the next run', async () => {
    const { agents, driver, sandbox, history } = await page(new IDBFactory(), 'a');
    await agents.execute({ instructions: 'edit files' });
    await until(() => driver.jobs.length === 1, 'the run to start');
    await expect(agents.editFile('mine.txt', 'x')).rejects.toThrow('The agent is working on the files: saving now could clash with its changes.');
    await playRun(driver.jobs[0].hooks, sandbox, driver.jobs[0].finish);
    await until(async () => (await agents.retrieve('a_1')).status === 'completed', 'completed');

    await agents.editFile('a.txt', 'three\nmine\n');
    await agents.editFile('gone.txt', 'temp');
    await agents.editFile('gone.txt', null);
    const edits = (await history.getEvents('a_1')).filter((event) => event.type === 'workdir_edited').map((event) => 'paths' in event && event.paths);
    expect(edits).toEqual([['a.txt'], ['gone.txt'], ['gone.txt']]);
    expect((await agents.workdirOf('a_1'))?.files.map((file) => [file.path, new TextDecoder().decode(file.data)])).toEqual([['a.txt', 'three\nmine\n']]);

    await agents.followUp('a_1', { instructions: 'go on' });
    await until(() => driver.jobs.length === 2, 'the follow-up to start');
    const last = driver.jobs[1].job.initial_messages?.at(-1) as { role: string; content: string };
    expect([last.role, last.content]).toEqual([
      'user',
      'The person edited files by hand since your last turn: a.txt. Keep their changes (read a file again before you change it). The diff:\n' +
        `diff --git a/a.txt b/a.txt\nindex ${last.content.match(/index (\S+)/)![1]} 100644\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1,2 @@\n three\n+mine\n`,
    ]);
  });
});
