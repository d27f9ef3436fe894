/** Approvals beyond approve/deny: remembered kinds, edited commands rated again, and every verdict in the run's events. */
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/core/events';
import { createRiskAssessor } from '../../../src/risk';
import { describeKind, isCoveredBy, kindOf } from '../../../src/risk/kind';
import { call, closeAll, finish, runScripted } from '../agent/harness';
import { person } from '../agent/person';

afterEach(closeAll);

const rules = createRiskAssessor();
const riskEvents = (events: AgentEvent[]) => events.filter((e) => e.type === 'risk');

describe('the kind of an action', () => {
  it('is the tool, the programs a command runs, and the level', async () => {
    const medium = { level: 'medium' as const, reasons: [] };
    expect(await kindOf('run_command', { command: 'rm -rf build && echo $(date) | tee log' }, medium)).toEqual({
      tool: 'run_command',
      programs: ['date', 'echo', 'rm', 'tee'],
      level: 'medium',
    });
    expect(await kindOf('write_file', { path: 'a.txt', content: '' }, medium)).toEqual({ tool: 'write_file', programs: [], level: 'medium' });
    expect(describeKind(await kindOf('run_command', { command: 'rm -r dist' }, medium))).toBe('run_command running rm, rated medium or lower');
  });

  it('covers only programs the allowed kind runs, at the same or a lower level, and nothing unknown', async () => {
    const allowed = { tool: 'run_command', programs: ['mkdir', 'rm'], level: 'medium' as const };
    const cases = [
      { tool: 'run_command', programs: ['rm'], level: 'low' as const },
      { tool: 'run_command', programs: ['mkdir', 'rm'], level: 'medium' as const },
      { tool: 'run_command', programs: ['rm'], level: 'high' as const },
      { tool: 'run_command', programs: ['curl', 'rm'], level: 'medium' as const },
      { tool: 'start_process', programs: ['rm'], level: 'medium' as const },
      { tool: 'run_command', programs: ['?'], level: 'medium' as const },
    ];
    expect(cases.map((kind) => isCoveredBy(kind, allowed))).toEqual([true, true, false, false, false, false]);
  });
});

describe('approvals', () => {
  it('"allow this kind for the rest of the run": the next rm is not asked about, a different program is', async () => {
    const human = person([{ approve: true, remember: true }, { approve: false, note: 'No network.' }]);
    const run = await runScripted(
      [
        call('run_command', { command: 'mkdir -p a b && rm -r a' }, 'c1'),
        call('run_command', { command: 'rm -r b' }, 'c2'),
        call('run_command', { command: 'curl https://example.com' }, 'c3'),
        finish('done'),
      ],
      { config: { threshold: 'medium' }, deps: { human, assessRisk: rules } },
    );
    expect(human.asked.map((r) => (r.kind === 'approval' ? [r.action, r.remember_as] : r.kind))).toEqual([
      ['mkdir -p a b && rm -r a', 'run_command running mkdir, rm, rated medium or lower'],
      ['curl https://example.com', 'run_command running curl, rated medium or lower'],
    ]);
    expect(riskEvents(run.events).map((e) => e.type === 'risk' && [e.call_id, e.verdict.level, e.decision, e.kind])).toEqual([
      ['c1', 'medium', 'asked', undefined],
      ['c2', 'medium', 'remembered', 'run_command running mkdir, rm, rated medium or lower'],
      ['c3', 'medium', 'asked', undefined],
    ]);
    expect([await run.sandbox.exists('a'), await run.sandbox.exists('b'), run.toolMessages(3)[2]]).toEqual([
      false,
      false,
      'The person denied this action; it was not run. Their note: No network. Do not retry it unchanged: follow the note, find another way, or call finish and explain.',
    ]);
    expect(run.events.filter((e) => e.type === 'notice')).toEqual([
      { type: 'notice', message: 'Allowed for the rest of this run without asking: run_command running mkdir, rm, rated medium or lower.' },
    ]);
  });

  it('every verdict is an event, with the decision: below the threshold, actions are allowed and say so', async () => {
    const run = await runScripted(
      [call('read_file', { path: 'x' }, 'r1'), call('run_command', { command: 'rm -r gone' }, 'r2'), finish('ok')],
      { config: { threshold: 'high' }, deps: { assessRisk: rules } },
    );
    expect(riskEvents(run.events)).toEqual([
      { type: 'risk', call_id: 'r1', verdict: { level: 'none', reasons: ['reads only'] }, decision: 'allowed' },
      { type: 'risk', call_id: 'r2', verdict: { level: 'medium', reasons: ['deletes gone'] }, decision: 'allowed' },
    ]);
  });

  it('an edited command is rated again: a riskier edit is asked about again, and the edit runs once approved', async () => {
    const human = person([{ approve: true, command: 'rm -rf ~/' }, { approve: true }]);
    const run = await runScripted(
      [call('run_command', { command: 'mkdir -p t && rm -r t' }, 'e1'), finish('ok')],
      { config: { threshold: 'medium' }, deps: { human, assessRisk: rules } },
    );
    expect(human.asked[1]).toEqual({
      kind: 'approval',
      call_id: 'e1',
      tool: 'run_command',
      action: 'rm -rf ~/',
      verdict: {
        level: 'high',
        reasons: ["Your edit is riskier than the agent's command (high, it was medium). Approve again to run it.", 'deletes ~/ and everything in it'],
      },
      remember_as: 'run_command running rm, rated high or lower',
      edited_from: 'mkdir -p t && rm -r t',
    });
    expect(riskEvents(run.events).map((e) => e.type === 'risk' && [e.verdict.level, e.edited ?? false])).toEqual([
      ['medium', false],
      ['high', true],
    ]);
    // The edit ran: the lite sandbox's home dir is outside the work dir and may be removed, as on a real system.
    expect(run.toolMessages(1)[0]).toBe('The person approved an edited command: rm -rf ~/\nExit code: 0\n(no output)');
  });

  it('an edit that is no riskier runs without asking again', async () => {
    const human = person([{ approve: true, command: 'echo kept' }]);
    const run = await runScripted(
      [call('run_command', { command: 'rm -r t' }, 'e2'), finish('ok')],
      { config: { threshold: 'medium' }, deps: { human, assessRisk: rules } },
    );
    expect([human.asked.length, run.toolMessages(1)[0]]).toEqual([1, 'The person approved an edited command: echo kept\nExit code: 0\nkept']);
  });
});
