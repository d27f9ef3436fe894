/** A run's job and stored config take Settings' options and budgets; execute()'s own values win. */
import { describe, expect, it } from 'vitest';
import { createAgents } from '../../../src/api/agents';
import { MemoryRunStore } from '../../../src/api/memory-store';
import { configOf, jobOf } from '../../../src/api/run-setup';
import type { DriverHooks, DriverOutcome, RunDefaults, RunDriver, RunJob } from '../../../src/api/types';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';

const PLAIN: RunDefaults = {
  baseURL: 'http://127.0.0.1:9/v1',
  model: 'o4-mini',
  apiKey: 'sk-test',
  max_steps: 7,
  human_intervention_threshold: 'high',
};
const FROM_SETTINGS: RunDefaults = {
  ...PLAIN,
  reasoningEffort: 'low',
  context_window: 16_384,
  max_tokens: 5000,
  max_cost_usd: 0.25,
  timeout_s: 60,
};
const MODEL = { baseURL: PLAIN.baseURL, model: 'o4-mini', apiKey: 'sk-test' };
const BASE_JOB = { run_id: 'r', instructions: 'go', tools: ['terminal', 'files', 'human'], max_steps: 7, human_intervention_threshold: 'high' };

describe('jobOf', () => {
  it('sends nothing the Settings leave unset', () => {
    expect(jobOf('r', { instructions: 'go' }, PLAIN)).toEqual({ ...BASE_JOB, model: MODEL });
  });

  it("takes reasoning effort, context window and budgets from the Settings", () => {
    expect(jobOf('r', { instructions: 'go' }, FROM_SETTINGS)).toEqual({
      ...BASE_JOB,
      model: { ...MODEL, reasoningEffort: 'low' },
      context_window: 16_384,
      max_tokens: 5000,
      max_cost_usd: 0.25,
      timeout_s: 60,
    });
  });

  it("keeps execute()'s own budgets over the Settings'", () => {
    const job = jobOf('r', { instructions: 'go', max_tokens: 100, timeout_s: 5 }, FROM_SETTINGS);
    expect([job.max_tokens, job.max_cost_usd, job.timeout_s]).toEqual([100, 0.25, 5]);
  });
});

describe('configOf', () => {
  it("stores the Settings' budgets with the run (a resume keeps them), execute()'s own over them", () => {
    expect(configOf({ instructions: 'go', max_cost_usd: 2 }, FROM_SETTINGS)).toEqual({
      model: 'o4-mini',
      base_url: PLAIN.baseURL,
      max_steps: 7,
      tools: ['terminal', 'files', 'human'],
      human_intervention_threshold: 'high',
      max_tokens: 5000,
      max_cost_usd: 2,
      timeout_s: 60,
    });
  });
});

/** A driver that records the jobs it is given and ends each run at once. */
class RecordingDriver implements RunDriver {
  jobs: RunJob[] = [];
  async run(job: RunJob, _hooks: DriverHooks): Promise<DriverOutcome> {
    this.jobs.push(job);
    return { status: 'completed', summary: 'ok' };
  }
}

describe('a run started through the API', () => {
  it("carries the Settings' values read when it starts, and its config keeps the budgets", async () => {
    const driver = new RecordingDriver();
    const store = new MemoryRunStore();
    let defaults = PLAIN;
    const agents = createAgents({ store, driver, sandbox: Promise.resolve(new LiteSandbox()), defaults: () => defaults, newId: () => 'run_1' });
    defaults = FROM_SETTINGS;
    const run = await agents.execute({ instructions: 'go', max_tokens: 900 });
    const deadline = Date.now() + 2_000;
    while (driver.jobs.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect([driver.jobs, await store.config(run.id)]).toEqual([
      [
        {
          ...BASE_JOB,
          run_id: 'run_1',
          model: { ...MODEL, reasoningEffort: 'low' },
          context_window: 16_384,
          max_tokens: 900,
          max_cost_usd: 0.25,
          timeout_s: 60,
        },
      ],
      {
        model: 'o4-mini',
        base_url: PLAIN.baseURL,
        max_steps: 7,
        tools: ['terminal', 'files', 'human'],
        human_intervention_threshold: 'high',
        max_tokens: 900,
        max_cost_usd: 0.25,
        timeout_s: 60,
      },
    ]);
  });
});
