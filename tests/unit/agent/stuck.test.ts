import { describe, expect, it } from 'vitest';
import { StuckDetector } from '../../../src/agent/stuck';

const action = (args: string, observation = 'same', failed = false) => ({ name: 'run_command', arguments: args, args: JSON.parse(args) as Record<string, unknown>, observation, failed });

describe('StuckDetector', () => {
  it('takes arguments with keys in any order, nested too, as the same action', () => {
    const detector = new StuckDetector();
    const forms = ['{"a":1,"b":{"c":2,"d":[{"f":1,"e":2}]}}', '{"b":{"d":[{"e":2,"f":1}],"c":2},"a":1}', ' {"b":{"c":2,"d":[{"e":2,"f":1}]},"a":1}', '{"a":1,"b":{"c":2,"d":[{"f":1,"e":2}]}}'];
    expect(forms.map((args) => detector.record(action(args)))).toEqual([
      undefined,
      undefined,
      undefined,
      'The same action gave the same result 4 times: run_command {"a":1,"b":{"c":2,"d":[{"f":1,"e":2}]}}',
    ]);
  });

  it('is not stuck when the output or the arguments change, and says so for 3 identical failures', () => {
    const detector = new StuckDetector();
    const results = [
      detector.record(action('{"command":"poll"}', 'waiting 1')),
      detector.record(action('{"command":"poll"}', 'waiting 2')),
      detector.record(action('{"command":"poll"}', 'waiting 3')),
      detector.record(action('{"command":"poll"}', 'waiting 4')),
      detector.record(action('{"command":"a"}', 'err', true)),
      detector.record(action('{"command":"b"}', 'err', true)),
      detector.record(action('{"command":"a"}', 'err', true)),
      detector.record(action('{"command":"a"}', 'err', true)),
    ];
    expect(results).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined, 'The same action failed 3 times with the same output: run_command {"command":"a"}']);
  });
});
