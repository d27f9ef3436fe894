import { afterEach, describe, expect, it } from 'vitest';
import type { RiskVerdict, ToolCall } from '../../../src/core/events';
import type { ChatMessage } from '../../../src/agent/messages';
import { call, closeAll, finish, runScripted } from './harness';
import { person } from './person';

afterEach(closeAll);

const rmIsHigh = async (c: ToolCall): Promise<RiskVerdict> =>
  c.arguments.includes('rm ') ? { level: 'high', reasons: ['deletes files'] } : { level: 'none', reasons: [] };

describe('agent loop: the human in the loop', () => {
  it('ask_human waits for the reply, which becomes the observation', async () => {
    const human = person([{ reply: 'Use port 8080.' }]);
    const run = await runScripted([call('ask_human', { question: 'Which port?' }, 'q1'), finish('asked')], { deps: { human } });
    expect(human.asked).toEqual([{ kind: 'question', call_id: 'q1', question: 'Which port?' }]);
    expect(run.toolMessages(1)).toEqual(['The person replied: Use port 8080.']);
    expect(run.events.filter((e) => e.type.startsWith('human_'))).toEqual([
      { type: 'human_request', request: { kind: 'question', call_id: 'q1', question: 'Which port?' } },
      { type: 'human_response', call_id: 'q1', answer: { reply: 'Use port 8080.' } },
    ]);
  });

  it('a risky action at the threshold waits for approval; a denial and its note become the observation', async () => {
    const human = person([{ approve: false, note: 'Keep the logs.' }]);
    const run = await runScripted(
      [call('run_command', { command: 'mkdir -p logs && rm -r logs' }, 'r1'), finish('left the logs')],
      { config: { threshold: 'high' }, deps: { human, assessRisk: rmIsHigh } },
    );
    const verdict = { level: 'high', reasons: ['deletes files'] };
    const remember_as = 'run_command running mkdir, rm, rated high or lower';
    expect(human.asked).toEqual([{ kind: 'approval', call_id: 'r1', tool: 'run_command', action: 'mkdir -p logs && rm -r logs', verdict, remember_as }]);
    expect(run.toolMessages(1)).toEqual([
      'The person denied this action; it was not run. Their note: Keep the logs. Do not retry it unchanged: follow the note, find another way, or call finish and explain.',
    ]);
    expect(await run.sandbox.exists('logs')).toBe(false);
    expect(run.events.filter((e) => ['risk', 'human_request', 'human_response'].includes(e.type)).map((e) => e.type)).toEqual([
      'risk',
      'human_request',
      'human_response',
    ]);
  });

  it('an approval with an edited command runs the edited command and says so', async () => {
    const human = person([{ approve: true, command: 'rm -f old.txt' }]);
    const run = await runScripted(
      [call('write_file', { path: 'old.txt', content: 'x' }), call('run_command', { command: 'rm -rf /home/project' }), finish('ok')],
      { config: { threshold: 'medium' }, deps: { human, assessRisk: rmIsHigh } },
    );
    expect(run.toolMessages(2)[1]).toBe('The person approved an edited command: rm -f old.txt\nExit code: 0\n(no output)');
    expect(await run.sandbox.exists('old.txt')).toBe(false);
  });

  it('a risk check that throws asks the person instead of waving the action through', async () => {
    const human = person([{ approve: false }]);
    const broken = async (): Promise<RiskVerdict> => {
      throw new Error('parser crashed');
    };
    const run = await runScripted([call('run_command', { command: 'echo hi' }, 'b1'), finish('ok')], {
      config: { threshold: 'high' },
      deps: { human, assessRisk: broken },
    });
    expect(human.asked).toEqual([
      { kind: 'approval', call_id: 'b1', tool: 'run_command', action: 'echo hi', verdict: { level: 'high', reasons: ['The risk check failed: parser crashed'] }, remember_as: 'run_command running echo, rated high or lower' },
    ]);
    expect(run.outcome.status).toBe('completed');
  });

  it('below the threshold nothing waits', async () => {
    const human = person([]);
    const run = await runScripted([call('run_command', { command: 'rm -f nothing' }), finish('ok')], {
      config: { threshold: 'never' },
      deps: { human, assessRisk: rmIsHigh },
    });
    expect([run.outcome.status, human.asked]).toEqual(['completed', []]);
  });

  it('each step is committed (awaited) before the next model request, with the messages so far', async () => {
    const commits: { step: number; roles: string[] }[] = [];
    const onStepCommitted = async (state: { step: number; messages: ChatMessage[] }) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      commits.push({ step: state.step, roles: state.messages.map((m) => m.role) });
    };
    const turns = [call('run_command', { command: 'echo a' }), finish('ok')];
    const commitsAtRequest: number[] = [];
    await runScripted((_req, i) => (commitsAtRequest.push(commits.length), turns[i]!), { deps: { onStepCommitted } });
    expect(commits).toEqual([
      { step: 0, roles: ['system', 'user'] },
      { step: 1, roles: ['system', 'user', 'assistant', 'tool'] },
      // the step that ended the run is committed too
      { step: 2, roles: ['system', 'user', 'assistant', 'tool', 'assistant', 'tool'] },
    ]);
    expect(commitsAtRequest).toEqual([1, 2]);
  });

  it('resumes from persisted messages and step count', async () => {
    const first = await runScripted([call('run_command', { command: 'echo first' }), finish('unused')], {
      config: { max_steps: 1 },
    });
    const messages = first.server.requests[0]!.body.messages.concat([
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_0_0', type: 'function', function: { name: 'run_command', arguments: '{"command":"echo first"}' } }] },
      { role: 'tool', tool_call_id: 'call_0_0', content: 'Exit code: 0\nfirst' },
    ]);
    const resumed = await runScripted([finish('resumed')], { config: { initialMessages: messages, startStep: 1, max_steps: 5 } });
    expect(resumed.outcome).toMatchObject({ status: 'completed', summary: 'resumed', steps: 2 });
    expect(resumed.server.requests[0]!.body.messages).toEqual(messages);
  });
});
