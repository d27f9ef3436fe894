// The guard model: stricter verdict wins; failure, nonsense and timeout make the action need a person.
import { describe, expect, it } from 'vitest';
import type { RiskVerdict } from '../../../src/core/events';
import { GuardAnswerError, modelGuard, parseGuardAnswer, risk, withGuard, type Guard, type RiskAction, type RiskRater } from '../../../src/risk';

const INSTALL: RiskAction = { name: 'run_command', args: { command: 'npm install left-pad' } };
const LIST: RiskAction = { name: 'run_command', args: { command: 'ls' } };

function fixedGuard(verdict: RiskVerdict, seen: RiskAction[] = []): Guard {
  return async (action) => {
    seen.push(action);
    return verdict;
  };
}

/** A guard that never answers, but stops when told to; records the abort. */
function silentGuard(aborted: unknown[]): Guard {
  return (_action, signal) =>
    new Promise((_, reject) => {
      signal.addEventListener('abort', () => {
        aborted.push(signal.reason);
        reject(signal.reason);
      });
    });
}

describe('withGuard', () => {
  it('the stricter verdict wins', async () => {
    const raised = withGuard(risk, fixedGuard({ level: 'high', reasons: ['installs a typo-squatted package'] }), { timeoutMs: 1000 });
    expect(await raised(INSTALL)).toEqual({ level: 'high', reasons: ['guard: installs a typo-squatted package'] });
    const relaxed = withGuard(risk, fixedGuard({ level: 'low', reasons: ['harmless'] }), { timeoutMs: 1000 });
    expect(await relaxed(INSTALL)).toEqual({ level: 'medium', reasons: ['npm install changes the installed packages'] });
    const same = withGuard(risk, fixedGuard({ level: 'medium', reasons: ['network'] }), { timeoutMs: 1000 });
    expect(await same(INSTALL)).toEqual({ level: 'medium', reasons: ['npm install changes the installed packages', 'guard: network'] });
  });

  it('is not asked about actions the rules rate below medium', async () => {
    const seen: RiskAction[] = [];
    const rater = withGuard(risk, fixedGuard({ level: 'high', reasons: ['x'] }, seen), { timeoutMs: 1000 });
    expect(await rater(LIST)).toEqual({ level: 'none', reasons: ['ls reads only'] });
    await rater(INSTALL);
    expect(seen).toEqual([INSTALL]);
  });

  it('a failing guard makes the action need a person', async () => {
    const failing: Guard = async () => {
      throw new Error('HTTP 500 from the model');
    };
    expect(await withGuard(risk, failing, { timeoutMs: 1000 })(INSTALL)).toEqual({ level: 'high', reasons: ['guard unavailable: HTTP 500 from the model; a person must approve'] });
  });

  it('a guard that does not answer in time makes the action need a person, and is aborted', async () => {
    const aborted: unknown[] = [];
    const verdict = await withGuard(risk, silentGuard(aborted), { timeoutMs: 30 })(INSTALL);
    expect(verdict).toEqual({ level: 'high', reasons: ['guard unavailable: no answer within 30 ms; a person must approve'] });
    expect(aborted.map((e) => (e as Error).message)).toEqual(['guard timed out']);
  });

  it("the caller's abort rejects instead of rating", async () => {
    const controller = new AbortController();
    const pending = withGuard(risk, silentGuard([]), { timeoutMs: 10_000 })(INSTALL, { signal: controller.signal });
    setTimeout(() => controller.abort(new DOMException('stopped', 'AbortError')), 10);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a guard returning something that is not a verdict is a failure', async () => {
    const odd = (async () => ({ level: 'severe', reasons: [] })) as unknown as Guard;
    expect(await withGuard(risk, odd, { timeoutMs: 1000 })(INSTALL)).toEqual({ level: 'high', reasons: ['guard unavailable: it did not return a verdict; a person must approve'] });
  });

  it('wraps any rater', async () => {
    const rules: RiskRater = async () => ({ level: 'medium', reasons: ['rules'] });
    expect(await withGuard(rules, fixedGuard({ level: 'none', reasons: ['fine'] }), { timeoutMs: 1000, from: 'high' })(LIST)).toEqual({ level: 'medium', reasons: ['rules'] });
  });
});

describe('modelGuard', () => {
  it('asks the model with the action and the rules, and parses its JSON verdict', async () => {
    const prompts: string[] = [];
    const guard = modelGuard(async (prompt) => {
      prompts.push(prompt);
      return '```json\n{"level": "high", "reasons": ["pipes a download into a shell"]}\n```';
    });
    expect(await guard(INSTALL, new AbortController().signal)).toEqual({ level: 'high', reasons: ['pipes a download into a shell'] });
    expect(prompts.length).toBe(1);
    expect(prompts[0]).toContain('{"tool":"run_command","arguments":{"command":"npm install left-pad"}}');
    expect(prompts[0]).toContain('{"level": "none"|"low"|"medium"|"high", "reasons"');
  });

  it('a malformed answer is a guard failure: the action needs a person', async () => {
    const chatty = modelGuard(async () => 'I think this is fine: {"level": "low", "reasons": ["ok"]}');
    const verdict = await withGuard(risk, chatty, { timeoutMs: 1000 })(INSTALL);
    expect(verdict.level).toBe('high');
    expect(verdict.reasons).toEqual([`guard unavailable: the guard's answer is not JSON: "I think this is fine: {\\"level\\": \\"low\\", \\"reasons\\": [\\"ok\\"]}"; a person must approve`]);
  });

  it('passes the signal on to the model call', async () => {
    const aborted: boolean[] = [];
    const guard = modelGuard(
      (_prompt, signal) =>
        new Promise((_, reject) => {
          signal.addEventListener('abort', () => {
            aborted.push(true);
            reject(new Error('aborted'));
          });
        }),
    );
    expect((await withGuard(risk, guard, { timeoutMs: 20 })(INSTALL)).level).toBe('high');
    expect(aborted).toEqual([true]);
  });
});

describe('parseGuardAnswer', () => {
  it('accepts exactly a level and reasons', () => {
    expect(parseGuardAnswer(' {"level":"low","reasons":["edits a file"]}\n')).toEqual({ level: 'low', reasons: ['edits a file'] });
  });

  it.each([
    ['not JSON', 'high'],
    ['an array', '["high"]'],
    ['an unknown level', '{"level":"severe","reasons":["x"]}'],
    ['no reasons', '{"level":"low","reasons":[]}'],
    ['reasons that are not strings', '{"level":"low","reasons":[1]}'],
    ['extra keys', '{"level":"low","reasons":["x"],"confidence":0.9}'],
    ['text around the JSON', 'Sure! {"level":"low","reasons":["x"]}'],
  ])('rejects %s', (_what, text) => {
    expect(() => parseGuardAnswer(text)).toThrow(GuardAnswerError);
  });
});
