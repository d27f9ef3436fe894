/** "Step n of M": M is the step limit a run started with, or the one a person raised it to while it waited. */
import { describe, expect, it } from 'vitest';
import { createAgents } from '../../../src/api/agents';
import { MemoryRunStore } from '../../../src/api/memory-store';
import type { DriverHooks, DriverOutcome, RunDefaults, RunDriver, RunJob } from '../../../src/api/types';
import type { HumanRequest, Run } from '../../../src/core';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { AppState } from '../../../src/ui/page/app-state.svelte';

const DEFAULTS: RunDefaults = { baseURL: 'http://127.0.0.1:9/v1', model: 'm', max_steps: 3, human_intervention_threshold: 'high' };

/** A driver that asks each of `requests` in turn (as the loop does: request event, wait, response event). */
class AskingDriver implements RunDriver {
  asked = 0;
  answered = 0;
  release!: () => void;
  constructor(readonly requests: HumanRequest[]) {}
  async run(_job: RunJob, hooks: DriverHooks, signal: AbortSignal): Promise<DriverOutcome> {
    for (const request of this.requests) {
      hooks.emit({ type: 'human_request', request });
      this.asked++;
      const answer = await hooks.ask(request, signal);
      hooks.emit({ type: 'human_response', answer });
      this.answered++;
    }
    await new Promise<void>((resolve) => (this.release = resolve));
    return { status: 'completed', summary: 'ok' };
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function setup(requests: HumanRequest[]) {
  const driver = new AskingDriver(requests);
  const agents = createAgents({ store: new MemoryRunStore(), driver, sandbox: Promise.resolve(new LiteSandbox()), defaults: () => DEFAULTS });
  return { driver, agents, app: new AppState(agents) };
}

const raise = (limit: 'max_steps' | 'stuck' | 'max_tokens'): HumanRequest => ({ kind: 'raise', limit, message: `${limit} reached` });

describe('AppState.maxSteps', () => {
  it('shows the raised step limit once a person raised it, and the start limit before', async () => {
    const { driver, agents, app } = setup([raise('max_steps'), raise('max_steps')]);
    const run: Run = await agents.execute({ instructions: 'go' });
    await until(() => driver.asked === 1, 'the first ask');
    const before = app.maxSteps(run);
    await agents.respond(run.id, { raise: { max_steps: 8 } });
    await until(() => driver.asked === 2, 'the second ask');
    const raised = app.maxSteps(run);
    await agents.respond(run.id, { raise: { max_steps: 12.7 } });
    await until(() => driver.answered === 2, 'the second answer');
    driver.release();
    expect([before, raised, app.maxSteps(run)]).toEqual([3, 8, 12]);
  });

  it('ignores answers that raise no step limit, and "raise" answers to a stuck run', async () => {
    const { driver, agents, app } = setup([raise('stuck'), raise('max_tokens'), raise('max_steps')]);
    const run = await agents.execute({ instructions: 'go' });
    await until(() => driver.asked === 1, 'the stuck ask');
    await agents.respond(run.id, { raise: { max_steps: 50 } });
    await until(() => driver.asked === 2, 'the token ask');
    await agents.respond(run.id, { raise: { max_tokens: 9000 } });
    await until(() => driver.asked === 3, 'the step ask');
    await agents.respond(run.id, { raise: { max_steps: -4 } });
    await until(() => driver.answered === 3, 'the last answer');
    driver.release();
    expect(app.maxSteps(run)).toBe(3);
  });
});
