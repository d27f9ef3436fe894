import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { Run } from '../../src/core';
import RunStatus from '../../src/ui/status/RunStatus.svelte';

let component: ReturnType<typeof mount> | undefined;
afterEach(() => {
  if (component) unmount(component);
  document.body.innerHTML = '';
});

const run: Run = {
  id: 'run_1',
  instructions: 'count words',
  status: 'in_progress',
  created_at: 1_000,
  updated_at: 61_000,
  steps: 3,
  outputs: {},
  usage: { prompt_tokens: 1_200, completion_tokens: 300, cached_tokens: 1_000, cost_usd: 0.0123 },
};

describe('RunStatus', () => {
  it('puts the API status word in the status region, and the counters beside it, not inside', () => {
    component = mount(RunStatus, { target: document.body, props: { run, maxSteps: 50 } });
    flushSync();
    const region = document.querySelector('[role="status"]')!;
    expect(region.getAttribute('aria-label') ?? document.getElementById(region.getAttribute('aria-labelledby') ?? '')?.textContent).toBe('Run status');
    expect(region.textContent).toContain('in_progress');
    expect(region.textContent).not.toMatch(/\d/);
    const page = document.body.textContent!.replace(/\s+/g, ' ');
    expect(page).toContain('3 of 50');
    expect(page).toContain('$0.01');
  });
});
