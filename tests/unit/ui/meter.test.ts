import { describe, expect, it } from 'vitest';
import type { AgentEvent, RunEvent } from '../../../src/core/events';
import { compactTokens, RunMeter, secondsUntil } from '../../../src/ui/status/meter';

let seq = 0;
const at = (time: number, event: AgentEvent): RunEvent => ({ ...event, run_id: 'r', seq: ++seq, at: time }) as RunEvent;
const usage = { prompt_tokens: 10, completion_tokens: 2, cached_tokens: 4, cost_usd: 0 };

function fold(events: RunEvent[]): RunMeter {
  const meter = new RunMeter();
  for (const event of events) meter.add(event);
  return meter;
}

describe('RunMeter', () => {
  it('keeps the last context figure a usage event gave', () => {
    const meter = fold([
      at(0, { type: 'usage', step: usage, total: usage, context: { tokens: 1_000, window: 32_768 } }),
      at(1, { type: 'usage', step: usage, total: usage }),
      at(2, { type: 'usage', step: usage, total: usage, context: { tokens: 5_000, window: 32_768 } }),
      at(3, { type: 'usage', step: usage, total: usage, context: { tokens: 9, window: 0 } }),
    ]);
    expect(meter.context).toEqual({ tokens: 5_000, window: 32_768 });
  });

  it('shows a retry wait until the loop moves on, and none for an error it gives up on', () => {
    const waiting = fold([at(1_000, { type: 'error', code: 'rate_limited', message: 'slow down', retrying: true, wait_ms: 12_000 })]);
    expect([waiting.retry, secondsUntil(waiting.retry!, 4_000), secondsUntil(waiting.retry!, 20_000)]).toEqual([
      { code: 'rate_limited', at: 13_000 },
      9,
      0,
    ]);
    const movedOn = fold([
      at(1_000, { type: 'error', code: 'rate_limited', message: 'slow down', retrying: true, wait_ms: 12_000 }),
      at(13_000, { type: 'text_delta', text: 'Hi' }),
    ]);
    const gaveUp = fold([
      at(1_000, { type: 'error', code: 'server_error', message: 'down', retrying: true, wait_ms: 500 }),
      at(2_000, { type: 'error', code: 'server_error', message: 'down' }),
    ]);
    const outputOnly = fold([
      at(1_000, { type: 'error', code: 'server_error', message: 'down', retrying: true, wait_ms: 500 }),
      at(1_100, { type: 'notice', message: 'still here' }),
    ]);
    expect([movedOn.retry, gaveUp.retry, outputOnly.retry]).toEqual([undefined, undefined, { code: 'server_error', at: 1_500 }]);
  });

  it('counts only the time in progress as active', () => {
    const meter = fold([
      at(0, { type: 'status', status: 'queued' }),
      at(1_000, { type: 'status', status: 'in_progress' }),
      at(5_000, { type: 'status', status: 'awaiting_human' }),
      at(65_000, { type: 'status', status: 'in_progress' }),
      at(66_000, { type: 'status', status: 'in_progress' }),
      at(70_000, { type: 'status', status: 'completed' }),
    ]);
    const running = fold([at(1_000, { type: 'status', status: 'in_progress' })]);
    expect([meter.timed, meter.activeMs(999_999), running.activeMs(3_500), new RunMeter().timed]).toEqual([true, 9_000, 2_500, false]);
  });
});

describe('compactTokens', () => {
  it('writes counts in few characters', () => {
    expect([950, 12_345, 128_000, 131_072, 1_048_576].map(compactTokens)).toEqual(['950', '12.3k', '128k', '131k', '1.05M']);
  });
});
