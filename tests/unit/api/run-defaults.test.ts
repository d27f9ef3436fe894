/** A run's job and stored config take Settings' options and budgets; execute()'s own values win. */
import { describe, expect, it } from 'vitest';
import { createAgents } from '../../../src/api/agents';
import { MemoryRunStore } from '../../../src/api/memory-store';
import { jobOf, secretsFor, specOf, storedSpec } from '../../../src/api/run-setup';
import { agentConfigOf, COMMAND_TIMEOUT_MS, modelSettingsOf } from '../../../src/bridge/job-config';
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
/** The spec of a run created with nothing beyond the plain Settings. */
const PLAIN_SPEC = {
  spec: 1,
  model: 'o4-mini',
  base_url: PLAIN.baseURL,
  max_steps: 7,
  tools: ['terminal', 'files', 'human'],
  human_intervention_threshold: 'high',
  secrets: { api_key: 'api_key' },
  // o4-mini takes images by the built-in list
  model_images: true,
};

/** The job of a run created with `params` under `defaults`, started with the page's secrets. */
const jobFor = (params: { instructions: string; max_tokens?: number; timeout_s?: number }, defaults: RunDefaults) => {
  const spec = specOf(params, defaults);
  return jobOf('r', params.instructions, spec, secretsFor(spec, defaults));
};

describe('jobOf', () => {
  it('posts the spec as it is, with nothing the Settings leave unset, and the key by the name the spec gives it', () => {
    expect(jobFor({ instructions: 'go' }, PLAIN)).toEqual({ run_id: 'r', instructions: 'go', spec: PLAIN_SPEC, secrets: { api_key: 'sk-test' } });
  });

  it("takes reasoning effort, context window and budgets from the Settings, execute()'s own budgets over them", () => {
    expect([jobFor({ instructions: 'go' }, FROM_SETTINGS).spec, jobFor({ instructions: 'go', max_tokens: 100, timeout_s: 5 }, FROM_SETTINGS).spec]).toEqual([
      { ...PLAIN_SPEC, reasoning_effort: 'low', context_window: 16_384, max_tokens: 5000, max_cost_usd: 0.25, timeout_s: 60 },
      { ...PLAIN_SPEC, reasoning_effort: 'low', context_window: 16_384, max_tokens: 100, max_cost_usd: 0.25, timeout_s: 5 },
    ]);
  });

  it('is read by the worker as the loop and the model client take it (job-config.ts)', () => {
    const job = { ...jobFor({ instructions: 'go', max_tokens: 100 }, { ...FROM_SETTINGS, idleTimeoutS: 30, ask_file_changes: true }), start_step: 2 };
    expect([modelSettingsOf(job), agentConfigOf(job, 16_384)]).toEqual([
      { baseURL: PLAIN.baseURL, model: 'o4-mini', apiKey: 'sk-test', reasoningEffort: 'low', idleTimeoutMs: 30_000 },
      {
        instructions: 'go',
        max_steps: 7,
        timeout_s: 60,
        max_tokens: 100,
        max_cost_usd: 0.25,
        command_timeout_ms: COMMAND_TIMEOUT_MS,
        tools: ['terminal', 'files', 'human'],
        threshold: 'high',
        askFileChanges: true,
        modelTakesImages: true,
        context_window: 16_384,
        startStep: 2,
        secrets: ['sk-test'],
      },
    ]);
  });
});

describe('specOf', () => {
  it("resolves whether the model takes images: Settings' choice for Settings' model, else the built-in list", () => {
    const images = (defaults: Partial<RunDefaults>, model?: string) => specOf({ instructions: 'go', ...(model && { model }) }, { ...PLAIN, ...defaults }).model_images;
    expect([
      images({}),
      images({ model: 'my-local-model' }),
      images({ model: 'my-local-model', model_images: 'yes' }),
      images({ model_images: 'no' }),
      // the choice is about the model Settings name: another model given to execute() goes by the list
      images({ model_images: 'no' }, 'gpt-4o'),
      images({ model_images: 'yes' }, 'o3-mini'),
      images({}, 'openrouter/qwen/qwen2.5-vl-72b-instruct'),
    ]).toEqual([true, undefined, true, undefined, true, undefined, true]);
  });

  it("stores the Settings' values with the run (a resume keeps them), execute()'s own over them, the key by name only", () => {
    expect(specOf({ instructions: 'go', max_cost_usd: 2, model: undefined }, FROM_SETTINGS)).toEqual({
      ...PLAIN_SPEC,
      max_tokens: 5000,
      max_cost_usd: 2,
      timeout_s: 60,
      reasoning_effort: 'low',
      context_window: 16_384,
    });
  });

  it("a stored run goes on with its own spec, not today's; an older record takes today's for what it lacks, and its aliases become groups", () => {
    const stored = specOf({ instructions: 'go' }, PLAIN);
    const today: RunDefaults = { ...FROM_SETTINGS, model: 'gpt-5', max_steps: 50 };
    const older = { model: 'o4-mini', base_url: PLAIN.baseURL, max_steps: 7, tools: ['ubuntu_terminal'] };
    expect([storedSpec(stored, today), storedSpec(older, today)]).toEqual([
      stored,
      { ...specOf({ instructions: '' }, today), model: 'o4-mini', base_url: PLAIN.baseURL, max_steps: 7, tools: ['terminal', 'files'] },
    ]);
  });

  it('supplies the key only to the origin it was saved for, and only to a run that names it', () => {
    const stored = specOf({ instructions: 'go' }, PLAIN);
    expect([
      secretsFor(stored, PLAIN),
      secretsFor(stored, { ...PLAIN, baseURL: 'https://elsewhere.example/v1', apiKey: 'sk-other' }),
      secretsFor(specOf({ instructions: 'go' }, { ...PLAIN, apiKey: undefined }), PLAIN),
    ]).toEqual([{ api_key: 'sk-test' }, {}, {}]);
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
    const spec = { ...PLAIN_SPEC, reasoning_effort: 'low', context_window: 16_384, max_tokens: 900, max_cost_usd: 0.25, timeout_s: 60 };
    expect([driver.jobs, await store.config(run.id)]).toEqual([[{ run_id: 'run_1', instructions: 'go', spec, secrets: { api_key: 'sk-test' } }], spec]);
  });
});
