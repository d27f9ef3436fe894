/**
 * The time limit across a resume: the run's own time before the reload counts (waits for a person do not), and
 * each committed step reports the time used so far. The clock is injected (deps.now), so nothing really waits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../src/agent/messages';
import { call, closeAll, finish, runScripted } from './harness';
import { person } from './person';

afterEach(closeAll);

const STORED: ChatMessage[] = [
  { role: 'system', content: 'sys' },
  { role: 'user', content: 'count' },
  { role: 'user', content: 'Resumed.' },
];

/** A clock the model moves: each request takes `perRequestMs` of the run's time. */
function clocked(perRequestMs: number, turn: (index: number) => ReturnType<typeof call>) {
  let now = 1_000_000;
  return { now: () => now, script: (_req: unknown, index: number) => ((now += perRequestMs), turn(index)) };
}

const echo = (index: number) => call('run_command', { command: `echo ${index}` });

describe('agent loop: the time limit across a resume', () => {
  it('a run that used 8 s of its 10 s, resumed, times out after 2 s more; each step reports its active time', async () => {
    const clock = clocked(1_000, echo);
    const commits: { step: number; active_ms: number }[] = [];
    const run = await runScripted(clock.script, {
      config: { timeout_s: 10, initialMessages: STORED, startStep: 1, initialActiveMs: 8_000 },
      deps: { now: clock.now, onStepCommitted: ({ step, active_ms }) => void commits.push({ step, active_ms }) },
    });
    expect(run.outcome).toEqual({
      status: 'failed',
      reason: 'timeout',
      error: { code: 'timeout', message: 'The run passed its time limit of 10 s (timeout_s).' },
      outputs: {},
      usage: expect.any(Object),
      steps: 3,
    });
    expect(run.server.requests.length).toBe(2);
    expect(commits).toEqual([
      { step: 2, active_ms: 9_000 },
      { step: 3, active_ms: 10_000 },
    ]);
  });

  it('the same run without its earlier time goes on past 2 s', async () => {
    const clock = clocked(1_000, (index) => (index < 4 ? echo(index) : finish('counted')));
    const run = await runScripted(clock.script, {
      config: { timeout_s: 10, initialMessages: STORED, startStep: 1 },
      deps: { now: clock.now },
    });
    expect(run.outcome).toMatchObject({ status: 'completed', summary: 'counted', steps: 6 });
  });

  it('the time limit stops a command mid-way when the earlier time leaves almost none', async () => {
    const run = await runScripted([call('run_command', { command: 'sleep 10' }), finish('never')], {
      config: { timeout_s: 30, command_timeout_ms: 60_000, initialMessages: STORED, startStep: 1, initialActiveMs: 29_800 },
    });
    expect(run.outcome).toMatchObject({ status: 'failed', reason: 'timeout', steps: 2 });
  });

  it("time waiting for a person is not reported as the run's own time", async () => {
    let now = 0;
    const human = person([{ reply: 'blue' }]);
    const slowPerson = { ask: async (...args: Parameters<typeof human.ask>) => ((now += 60_000), human.ask(...args)) };
    const script = [call('ask_human', { question: 'Which colour?' }), finish('asked')];
    const commits: number[] = [];
    const run = await runScripted((_req, index) => ((now += 1_000), script[index]!), {
      config: { threshold: 'high', timeout_s: 30, initialActiveMs: 5_000 },
      deps: { now: () => now, human: slowPerson, onStepCommitted: ({ active_ms }) => void commits.push(active_ms) },
    });
    expect(run.outcome).toMatchObject({ status: 'completed', summary: 'asked', steps: 2 });
    expect(commits).toEqual([5_000, 6_000, 7_000]);
  });
});
