/** A run's job and stored config take Settings' options and budgets; execute()'s own values win. */
import { describe, expect, it } from 'vitest';
import { createAgents } from '../../../src/api/agents';
import { MemoryRunStore } from '../../../src/api/memory-store';
import { apiKeyFor, configOf, jobOf, storedConfig } from '../../../src/api/run-setup';
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

/** The job of a run created with `params` under `defaults`, started with the page's key. */
const jobFor = (params: { instructions: string; max_tokens?: number; timeout_s?: number }, defaults: RunDefaults) => {
  const config = configOf(params, defaults);
  return jobOf('r', params.instructions, config, apiKeyFor(config, defaults));
};

describe('jobOf', () => {
  it('sends nothing the Settings leave unset', () => {
    expect(jobFor({ instructions: 'go' }, PLAIN)).toEqual({ ...BASE_JOB, model: MODEL });
  });

  it("takes reasoning effort, context window and budgets from the Settings", () => {
    expect(jobFor({ instructions: 'go' }, FROM_SETTINGS)).toEqual({
      ...BASE_JOB,
      model: { ...MODEL, reasoningEffort: 'low' },
      context_window: 16_384,
      max_tokens: 5000,
      max_cost_usd: 0.25,
      timeout_s: 60,
    });
  });

  it("keeps execute()'s own budgets over the Settings'", () => {
    const job = jobFor({ instructions: 'go', max_tokens: 100, timeout_s: 5 }, FROM_SETTINGS);
    expect([job.max_tokens, job.max_cost_usd, job.timeout_s]).toEqual([100, 0.25, 5]);
  });
});

describe('configOf', () => {
  it("stores the Settings' values with the run (a resume keeps them), execute()'s own over them, the key by name only", () => {
    expect(configOf({ instructions: 'go', max_cost_usd: 2 }, FROM_SETTINGS)).toEqual({
      model: 'o4-mini',
      base_url: PLAIN.baseURL,
      max_steps: 7,
      tools: ['terminal', 'files', 'human'],
      human_intervention_threshold: 'high',
      max_tokens: 5000,
      max_cost_usd: 2,
      timeout_s: 60,
      spec: 1,
      reasoning_effort: 'low',
      context_window: 16_384,
      secrets: { api_key: 'api_key' },
    });
  });

  it("a stored run goes on with its own settings, not today's; an older record takes today's for what it lacks", () => {
    const stored = configOf({ instructions: 'go' }, PLAIN);
    const today: RunDefaults = { ...FROM_SETTINGS, model: 'gpt-5', max_steps: 50 };
    const older = { model: 'o4-mini', base_url: PLAIN.baseURL, max_steps: 7 };
    expect([storedConfig(stored, today), storedConfig(older, today)]).toEqual([
      stored,
      { ...configOf({ instructions: '' }, today), ...older },
    ]);
  });

  it('supplies the key only to the origin it was saved for, and only to a run that names it', () => {
    const stored = configOf({ instructions: 'go' }, PLAIN);
    expect([
      apiKeyFor(stored, PLAIN),
      apiKeyFor(stored, { ...PLAIN, baseURL: 'https://elsewhere.example/v1', apiKey: 'sk-other' }),
      apiKeyFor(configOf({ instructions: 'go' }, { ...PLAIN, apiKey: undefined }), PLAIN),
    ]).toEqual(['sk-test', undefined, undefined]);
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
        spec: 1,
        reasoning_effort: 'low',
        context_window: 16_384,
        secrets: { api_key: 'api_key' },
      },
    ]);
  });
});
