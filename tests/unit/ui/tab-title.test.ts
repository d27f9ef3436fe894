import { describe, expect, it } from 'vitest';
import { tabTitle } from '../../../src/ui/attention/tab-title';
import type { Run } from '../../../src/core';

const run = (status: Run['status']) => ({ status }) as Run;

describe('tabTitle', () => {
  it('says a run waits first, then how a run ended in the background, else the page name', () => {
    expect([
      tabTitle([run('completed'), run('awaiting_human')], 'failed'),
      tabTitle([run('completed')], 'completed'),
      tabTitle([run('failed')], 'failed'),
      tabTitle([run('in_progress')], undefined),
    ]).toEqual(['● Needs you — Autopilot', '✓ Done — Autopilot', '✗ Failed — Autopilot', 'Autopilot']);
  });
});
