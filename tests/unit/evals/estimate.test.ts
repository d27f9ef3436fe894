/** The check's estimate: its opening size measured against the real system prompt and tool schemas, and its arithmetic. */
import { describe, expect, it } from 'vitest';
import { systemPrompt } from '../../../src/agent/prompt';
import { toolSchemas } from '../../../src/agent/tool-schemas';
import { BUILTIN_TOOLS } from '../../../src/core/builtin-tools';
import { estimateCheck, OPENING_TOKENS } from '../../../src/evals/estimate';
import { LITE_CAPABILITIES } from '../../../src/sandbox/lite/capabilities';
import { WORKDIR } from '../../../src/sandbox/sandbox';

describe('the check estimate', () => {
  it('counts the opening as the real system prompt plus tool schemas of a check run (within 25 %)', () => {
    const tools = BUILTIN_TOOLS.inGroups(['terminal', 'files']);
    const prompt = systemPrompt({ capabilities: LITE_CAPABILITIES, workdir: WORKDIR, tools: tools.names, commandTimeoutMs: 60_000 });
    const chars = prompt.length + JSON.stringify(toolSchemas(tools)).length;
    const measured = chars / 4;
    expect(Math.abs(measured - OPENING_TOKENS) / measured).toBeLessThan(0.25);
  });

  it('prices a typical solve and a worst case from the price table; an unknown model has no dollar figure', () => {
    const task = { max_steps: 10, instruction: 'x'.repeat(400) };
    // typical: 6 steps of (2000 + 100) prompt, growing 500 a step; 150 completion a step
    const typicalPrompt = 6 * 2_100 + (500 * 6 * 5) / 2;
    // at most: all 10 steps, growing 3000 a step; 500 completion a step
    const mostPrompt = 10 * 2_100 + (3_000 * 10 * 9) / 2;
    expect(estimateCheck([task, task], 'gpt-4.1-mini')).toEqual({
      typical: { prompt_tokens: 2 * typicalPrompt, completion_tokens: 2 * 900, usd: (2 * typicalPrompt * 0.4 + 2 * 900 * 1.6) / 1e6 },
      most: { prompt_tokens: 2 * mostPrompt, completion_tokens: 2 * 5_000, usd: (2 * mostPrompt * 0.4 + 2 * 5_000 * 1.6) / 1e6 },
    });
    expect(estimateCheck([task], 'my-local-7b').typical.usd).toEqual(null);
    expect(estimateCheck([task], 'my-local-7b', { 'my-local': { input: 1, cached: 0, output: 2 } }).typical.usd).toEqual((typicalPrompt + 900 * 2) / 1e6);
  });
});
