/**
 * The loop resumed with the rest of an interrupted step: the call that waited for an approval the person gave
 * after a reload runs once on that answer (or is denied), before the next model request; the real lite sandbox.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { HumanRequest, RiskVerdict, ToolCall } from '../../../src/core/events';
import type { HumanAnswer } from '../../../src/core/run';
import type { ChatMessage } from '../../../src/agent/messages';
import type { PendingTurn } from '../../../src/agent/types';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { call, closeAll, finish, runScripted } from './harness';
import { person } from './person';

afterEach(closeAll);

const rmIsHigh = async (c: ToolCall): Promise<RiskVerdict> =>
  c.arguments.includes('rm ') ? { level: 'high', reasons: ['deletes files'] } : { level: 'none', reasons: [] };

const RISKY: ToolCall = { id: 'r1', name: 'run_command', arguments: JSON.stringify({ command: 'rm -r logs' }) };
const AFTER: ToolCall = { id: 'z1', name: 'run_command', arguments: JSON.stringify({ command: 'echo after' }) };
const VERDICT: RiskVerdict = { level: 'high', reasons: ['deletes files'] };
const REQUEST: Extract<HumanRequest, { kind: 'approval' }> = {
  kind: 'approval',
  call_id: 'r1',
  tool: 'run_command',
  action: 'rm -r logs',
  verdict: VERDICT,
  remember_as: 'run_command running rm, rated high or lower',
};
const asTool = (c: ToolCall) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } });
const STORED: ChatMessage[] = [
  { role: 'system', content: 'sys' },
  { role: 'user', content: 'tidy up' },
  { role: 'assistant', content: null, tool_calls: [asTool(RISKY), asTool(AFTER)] },
];

async function resumeWith(answer: HumanAnswer, script = [finish('done')], answers: HumanAnswer[] = []) {
  const sandbox = new LiteSandbox();
  await sandbox.writeFile('logs/a.log', 'kept?');
  const pendingTurn: PendingTurn = {
    calls: [{ call: RISKY }, { call: AFTER, observation: 'Not run.' }],
    note: 'Resumed.',
  };
  const lateAnswer = { request: REQUEST, answer };
  const commits: { step: number; messages: ChatMessage[] }[] = [];
  const human = person(answers);
  const run = await runScripted(script, {
    sandbox,
    config: { threshold: 'high', initialMessages: STORED, startStep: 1, pendingTurn, lateAnswer },
    deps: { human, assessRisk: rmIsHigh, onStepCommitted: (state) => void commits.push({ step: state.step, messages: state.messages }) },
  });
  return { run, commits, human, sandbox };
}

describe('agent loop: resumed with an approval given after a reload', () => {
  it('Approve runs the call that waited, once, before the next request; the step is stored once it is answered', async () => {
    const { run, commits, human, sandbox } = await resumeWith({ approve: true });
    expect(await sandbox.exists('logs')).toBe(false);
    expect(human.asked).toEqual([]);
    const sent = [
      ...STORED,
      { role: 'tool', tool_call_id: 'r1', content: 'Exit code: 0\n(no output)' },
      { role: 'tool', tool_call_id: 'z1', content: 'Not run.' },
      { role: 'user', content: 'Resumed.' },
    ];
    expect(run.server.requests[0].body.messages).toEqual(sent);
    expect(commits[0]).toEqual({ step: 1, messages: sent });
    expect(run.events.filter((e) => e.type !== 'tool_output').slice(0, 2)).toEqual([
      { type: 'human_response', call_id: 'r1', answer: { approve: true } },
      { type: 'tool_result', call_id: 'r1', name: 'run_command', ok: true, observation: 'Exit code: 0\n(no output)', exit_code: 0, duration_ms: expect.any(Number) },
    ]);
    // the call's own tool_call, risk and request events were stored before the reload: none again
    expect(run.events.filter((e) => e.type === 'tool_call' || e.type === 'human_request' || e.type === 'risk').map((e) => e.type)).toEqual([
      'tool_call', // finish
    ]);
    expect([run.outcome.status, run.outcome.steps]).toEqual(['completed', 2]);
  });

  it('Deny leaves the files and gives the model the denial with the note', async () => {
    const { run, sandbox } = await resumeWith({ approve: false, note: 'Keep the logs.' });
    expect(await sandbox.readTextFile('logs/a.log')).toBe('kept?');
    expect(run.toolMessages(0)).toEqual([
      'The person denied this action; it was not run. Their note: Keep the logs. Do not retry it unchanged: follow the note, find another way, or call finish and explain.',
      'Not run.',
    ]);
  });

  it('an edited command runs instead and is said; "remember" covers the same kind later without asking', async () => {
    const later = call('run_command', { command: 'rm -r other' }, 'r2');
    const { run, sandbox, human } = await resumeWith({ approve: true, command: 'rm -r logs/a.log', remember: true }, [later, finish('done')]);
    expect([await sandbox.exists('logs/a.log'), await sandbox.exists('logs')]).toEqual([false, true]);
    expect(run.toolMessages(0)[0]).toBe('The person approved an edited command: rm -r logs/a.log\nExit code: 0\n(no output)');
    expect(human.asked).toEqual([]);
    expect(run.events.filter((e) => e.type === 'risk').map((e) => e.type === 'risk' && e.decision)).toEqual(['asked', 'remembered']);
  });
});

describe('agent loop: resumed with another late answer, taken where the loop asks', () => {
  it('a reply to ask_human becomes its observation; nothing is asked again', async () => {
    const ASK: ToolCall = { id: 'q1', name: 'ask_human', arguments: JSON.stringify({ question: 'Which colour?' }) };
    const stored: ChatMessage[] = [...STORED.slice(0, 2), { role: 'assistant', content: null, tool_calls: [asTool(ASK)] }];
    const human = person([]);
    const run = await runScripted([finish('done')], {
      sandbox: new LiteSandbox(),
      config: {
        threshold: 'high',
        initialMessages: stored,
        startStep: 1,
        pendingTurn: { calls: [{ call: ASK }], note: 'Resumed.' },
        lateAnswer: { request: { kind: 'question', call_id: 'q1', question: 'Which colour?' }, answer: { reply: 'teal' } },
      },
      deps: { human },
    });
    expect(run.server.requests[0].body.messages.slice(-2)).toEqual([
      { role: 'tool', tool_call_id: 'q1', content: 'The person replied: teal' },
      { role: 'user', content: 'Resumed.' },
    ]);
    expect(human.asked).toEqual([]);
    expect(run.events.filter((e) => e.type.startsWith('human_') || e.type === 'tool_call').map((e) => e.type)).toEqual(['human_response', 'tool_call']);
  });

  it('a raise of max_steps raises the limit as a live answer would, and the run goes on', async () => {
    const message = 'The run used all 1 steps (max_steps) before the task was finished.';
    const request: HumanRequest = { kind: 'raise', limit: 'max_steps', message: `${message} Raise the limit to go on, or end the run.`, current: 1, used: 1 };
    const human = person([]);
    const run = await runScripted([finish('done')], {
      config: { threshold: 'high', max_steps: 1, initialMessages: STORED.slice(0, 2), startStep: 1, lateAnswer: { request, answer: { raise: { max_steps: 3 } } } },
      deps: { human },
    });
    expect(human.asked).toEqual([]);
    expect(run.events.filter((e) => e.type.startsWith('human_') || e.type === 'notice')).toEqual([
      { type: 'human_response', answer: { raise: { max_steps: 3 } } },
      { type: 'notice', message: 'The person raised the limits: max_steps 1 → 3.' },
    ]);
    expect([run.outcome.status, run.outcome.steps]).toEqual(['completed', 2]);
  });

  it('a stuck run let go on tells the model the person\'s note before its next request', async () => {
    const request: HumanRequest = { kind: 'raise', limit: 'stuck', message: 'The agent is stuck. Same call. Let it go on.', ends_with: 'The agent is stuck. Same call.' };
    const run = await runScripted([finish('done')], {
      config: { threshold: 'high', initialMessages: STORED.slice(0, 2), startStep: 1, lateAnswer: { request, answer: { reply: 'try grep' } } },
      deps: { human: person([]) },
    });
    expect(run.server.requests[0].body.messages.at(-1)).toEqual({
      role: 'user',
      content: 'You repeated the same action without progress, and the person let you go on. Their note: try grep Try something different.',
    });
  });
});
