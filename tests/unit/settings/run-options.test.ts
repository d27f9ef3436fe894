/** The Settings beyond the connection: reasoning effort, context window, budgets and the WebContainer API key. */
import { describe, expect, it } from 'vitest';
import { memoryStorage, Settings } from '../../../src/settings/settings.svelte';
import { DEFAULT_SETTINGS, initialValues, SETTINGS_KEY, validValue } from '../../../src/settings/store';

const stored = (values: Record<string, unknown>) => {
  const storage = memoryStorage();
  storage.setItem(SETTINGS_KEY, JSON.stringify(values));
  return storage;
};

describe('run options in Settings', () => {
  it('are unset by default: runs get nothing from them', () => {
    const settings = new Settings('', memoryStorage());
    expect([
      DEFAULT_SETTINGS.reasoningEffort,
      DEFAULT_SETTINGS.contextWindow,
      DEFAULT_SETTINGS.maxTokens,
      DEFAULT_SETTINGS.maxCostUsd,
      DEFAULT_SETTINGS.timeoutS,
      DEFAULT_SETTINGS.webcontainerApiKey,
      settings.runOptions,
    ]).toEqual(['', null, null, null, null, '', {}]);
  });

  it('are remembered as they are set, and read back on the next page load', () => {
    const storage = memoryStorage();
    const settings = new Settings('', storage);
    settings.reasoningEffort = 'high';
    settings.contextWindow = 8192;
    settings.maxTokens = 20_000;
    settings.maxCostUsd = 0.5;
    settings.timeoutS = 90;
    settings.idleTimeoutS = 300;
    settings.webcontainerApiKey = 'wc_api_abc123';
    const again = new Settings('?model=o4-mini', storage);
    expect([again.runOptions, again.webcontainerApiKey, again.model]).toEqual([
      { reasoningEffort: 'high', idleTimeoutS: 300, context_window: 8192, max_tokens: 20_000, max_cost_usd: 0.5, timeout_s: 90 },
      'wc_api_abc123',
      'o4-mini',
    ]);
  });

  it('are forgotten when emptied', () => {
    const storage = stored({ reasoningEffort: 'low', maxTokens: 100, webcontainerApiKey: 'k' });
    const settings = new Settings('', storage);
    settings.reasoningEffort = '';
    settings.maxTokens = null;
    settings.webcontainerApiKey = '';
    expect([new Settings('', storage).runOptions, new Settings('', storage).webcontainerApiKey]).toEqual([{}, '']);
  });

  it('ignore remembered values that are not valid', () => {
    const storage = stored({
      reasoningEffort: 'extreme',
      contextWindow: 1.5,
      maxTokens: -1,
      maxCostUsd: 'cheap',
      timeoutS: 0,
      webcontainerApiKey: 'has spaces in it',
    });
    expect(initialValues('', storage).values).toEqual(DEFAULT_SETTINGS);
  });

  it('take whole token counts and any positive cost or time', () => {
    expect([
      validValue('maxTokens', 1000),
      validValue('maxTokens', 10.5),
      validValue('contextWindow', 131_072),
      validValue('contextWindow', 0),
      validValue('maxCostUsd', 0.25),
      validValue('maxCostUsd', Number.POSITIVE_INFINITY),
      validValue('timeoutS', 2.5),
      validValue('timeoutS', null),
      validValue('reasoningEffort', 'medium'),
      validValue('reasoningEffort', ''),
    ]).toEqual([1000, undefined, 131_072, undefined, 0.25, undefined, 2.5, null, 'medium', '']);
  });
});
