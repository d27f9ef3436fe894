import { afterEach, describe, expect, it } from 'vitest';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import type { RecordedRequest, ScriptedTurn } from '../../fixtures/scripted-server';
import { call, closeAll, finish, runScripted } from './harness';

afterEach(closeAll);

const TASK = 'Print the big file 150 times, one step each, then finish.';
const isSummaryRequest = (req: RecordedRequest) => req.body.tools === undefined;

/** A 150-step run whose every command prints 50 KB; the summary requests are answered too. */
function longRun(steps: number) {
  let summaries = 0;
  let step = 0;
  return (req: RecordedRequest): ScriptedTurn => {
    if (isSummaryRequest(req)) return { content: `Summary ${++summaries}: printed big.txt at every step so far; nothing else changed.` };
    step++;
    return step <= steps ? call('run_command', { command: `echo "step ${step}"; cat big.txt` }) : finish('printed it 150 times');
  };
}

async function bigFileSandbox(): Promise<LiteSandbox> {
  const sandbox = new LiteSandbox();
  const line = `${'0123456789'.repeat(9)}abcdefghi\n`;
  await sandbox.writeFile('big.txt', line.repeat(500)); // 50 000 characters
  return sandbox;
}

describe('context compaction', () => {
  it('a 150-step run with 50 KB outputs stays bounded, keeps the task, and only changes history when it compacts', async () => {
    const window = 32_768;
    const run = await runScripted(longRun(150), {
      sandbox: await bigFileSandbox(),
      config: { instructions: TASK, max_steps: 200, context_window: window },
      signal: AbortSignal.timeout(120_000),
    });
    expect(run.outcome).toMatchObject({ status: 'completed', summary: 'printed it 150 times', steps: 151 });

    const agentRequests = run.server.requests.filter((r) => !isSummaryRequest(r)).map((r) => r.body.messages as object[]);
    expect(agentRequests).toHaveLength(151);
    const sizes = agentRequests.map((messages) => JSON.stringify(messages).length / 4);
    expect(Math.max(...sizes)).toBeLessThan(window * 0.8);
    for (const messages of agentRequests) {
      expect((messages[1] as { content: string }).content.startsWith(TASK)).toBe(true);
    }

    const notices = run.events.filter((e) => e.type === 'notice' && e.message.includes('context window'));
    let changes = 0;
    for (let i = 1; i < agentRequests.length; i++) {
      const previous = agentRequests[i - 1]!;
      const extends_ = JSON.stringify(agentRequests[i]!.slice(0, previous.length)) === JSON.stringify(previous);
      if (!extends_) changes++;
    }
    expect(changes).toBe(notices.length);
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.length).toBeLessThanOrEqual(40);
    const summarised = notices.filter((e) => e.type === 'notice' && e.message.includes('summarised'));
    expect(summarised.length).toBeGreaterThan(0);
    expect(run.server.requests.filter(isSummaryRequest)).toHaveLength(summarised.length);

    const last = agentRequests.at(-1)! as { role: string; content: string }[];
    expect(last[1]!.content).toContain('Summary of the work so far:\nSummary ');
    expect(last[1]!.content).toContain('Files in the work dir now:\nbig.txt');
  }, 120_000);

  it('context_length_exceeded from the server compacts and retries the request', async () => {
    const tooLong = { kind: 'error' as const, status: 400, body: { error: { message: "This model's maximum context length is 8192 tokens.", code: 'context_length_exceeded' } } };
    let agentTurns = 0;
    const script = (req: RecordedRequest): ScriptedTurn => {
      if (isSummaryRequest(req)) return { content: 'Summary: listed the files twice.' };
      agentTurns++;
      if (agentTurns <= 2) return call('run_command', { command: `echo turn ${agentTurns}` });
      if (agentTurns === 3) return tooLong;
      return finish('done after compaction');
    };
    const run = await runScripted(script, { config: { instructions: TASK } });
    expect(run.outcome).toMatchObject({ status: 'completed', summary: 'done after compaction', steps: 3 });
    const retried = run.server.requests.at(-1)!.body.messages as { role: string; content: string }[];
    expect(retried[1]!.content).toBe(
      `${TASK}\n\n[Context compacted: the earlier steps of this run were summarised to stay within the model's context window.]\n\n` +
        'Summary of the work so far:\nSummary: listed the files twice.\n\nFiles in the work dir now:\n(none)',
    );
    expect(run.events.filter((e) => e.type === 'error').map((e) => e.type === 'error' && e.code)).toEqual(['context_length_exceeded']);
  });
});
