import { describe, expect, it } from 'vitest';
import { memoryStorage, Settings } from '../../../src/settings/settings.svelte';
import { serverKind } from '../../../src/settings/presets';
import {
  DEFAULT_SETTINGS,
  initialValues,
  keyForBaseURL,
  KEYS_KEY,
  originOf,
  rememberKey,
  rememberValue,
  SETTINGS_KEY,
  type SettingsStorage,
} from '../../../src/settings/store';

function storageWith(items: Record<string, string> = {}): SettingsStorage & { items: Map<string, string> } {
  const map = new Map(Object.entries(items));
  return {
    items: map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

const OPENAI = 'https://api.openai.com';

describe('initialValues', () => {
  it('gives the defaults on a first visit', () => {
    expect(initialValues('', storageWith())).toEqual({ values: DEFAULT_SETTINGS, warnings: [] });
  });

  it('puts URL parameters over remembered values over defaults', () => {
    const storage = storageWith({
      [SETTINGS_KEY]: JSON.stringify({ baseURL: 'http://localhost:1234/v1', model: 'qwen', sandbox: 'webcontainer', maxSteps: 7 }),
    });
    expect(initialValues('?sandbox=lite&model=llama3&baseURL=http%3A%2F%2F127.0.0.1%3A9%2Fv1', storage)).toEqual({
      values: { ...DEFAULT_SETTINGS, baseURL: 'http://127.0.0.1:9/v1', model: 'llama3', sandbox: 'lite', threshold: 'high', maxSteps: 7 },
      warnings: [],
    });
    expect(initialValues('', storage).values).toEqual({
      ...DEFAULT_SETTINGS,
      baseURL: 'http://localhost:1234/v1',
      model: 'qwen',
      sandbox: 'webcontainer',
      threshold: 'high',
      maxSteps: 7,
    });
  });

  it('ignores bad parameters and bad remembered values, saying why for the parameters', () => {
    const storage = storageWith({ [SETTINGS_KEY]: JSON.stringify({ sandbox: 'docker', maxSteps: -3, threshold: 'always', baseURL: 'ftp://x' }) });
    expect(initialValues('?sandbox=docker&baseURL=javascript:alert(1)&apiKey=sk-leak', storage)).toEqual({
      values: DEFAULT_SETTINGS,
      warnings: [
        '?sandbox=docker is not one of auto, webcontainer, lite: it was ignored.',
        '?baseURL=javascript:alert(1) is not an http(s) URL: it was ignored.',
      ],
    });
    expect(initialValues('', storageWith({ [SETTINGS_KEY]: '{not json' })).values).toEqual(DEFAULT_SETTINGS);
  });

  it('works when storage throws (blocked in private mode)', () => {
    const blocked: SettingsStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(initialValues('?model=m', blocked).values).toEqual({ ...DEFAULT_SETTINGS, model: 'm' });
    expect(() => rememberValue(blocked, 'model', 'x')).not.toThrow();
    expect(() => rememberKey(blocked, OPENAI, '')).not.toThrow();
  });
});

describe('remembered keys', () => {
  it('are stored with their origin and offered only to that exact origin', () => {
    const storage = storageWith();
    rememberKey(storage, OPENAI, 'sk-openai');
    expect(storage.items.get(KEYS_KEY)).toBe(JSON.stringify({ [OPENAI]: 'sk-openai' }));
    expect(keyForBaseURL(storage, 'https://api.openai.com/v1')).toBe('sk-openai');
    expect(keyForBaseURL(storage, 'https://api.openai.com:443/other')).toBe('sk-openai');
    expect(keyForBaseURL(storage, 'http://api.openai.com/v1')).toBe('');
    expect(keyForBaseURL(storage, 'https://api.openai.com.evil.test/v1')).toBe('');
    expect(keyForBaseURL(storage, 'https://evil.test/v1?https://api.openai.com')).toBe('');
    expect(keyForBaseURL(storage, 'https://user@api.openai.com@evil.test/v1')).toBe('');
    expect(keyForBaseURL(storage, 'not a url')).toBe('');
  });

  it('forget the key when it is emptied, and drop entries stored under something that is not an origin', () => {
    const storage = storageWith({ [KEYS_KEY]: JSON.stringify({ [OPENAI]: 'sk-1', 'https://x.test/v1': 'sk-2', 'https://y.test': 3 }) });
    expect(keyForBaseURL(storage, 'https://x.test/v1')).toBe('');
    rememberKey(storage, OPENAI, '');
    expect(storage.items.has(KEYS_KEY)).toBe(false);
  });

  it('originOf accepts only http(s)', () => {
    expect(['https://a.test/v1', 'http://localhost:11434/v1', 'file:///etc', 'javascript:x', ''].map(originOf)).toEqual([
      'https://a.test',
      'http://localhost:11434',
      null,
      null,
      null,
    ]);
  });
});

describe('Settings', () => {
  it('never takes the key from the URL and never offers a remembered key to another ?baseURL= origin', () => {
    const storage = storageWith({ [KEYS_KEY]: JSON.stringify({ [OPENAI]: 'sk-openai' }) });
    const settings = new Settings('?baseURL=https://evil.test/v1&apiKey=sk-from-url&key=sk-x', storage);
    expect(settings.connection).toEqual({ baseURL: 'https://evil.test/v1', apiKey: '', model: DEFAULT_SETTINGS.model });
    expect(settings.rememberKey).toBe(false);
    settings.baseURL = 'https://api.openai.com/v1';
    expect(settings.apiKey).toBe('sk-openai');
    expect(settings.rememberKey).toBe(true);
  });

  it('offers the remembered key on a plain load for its own origin', () => {
    const storage = storageWith({ [KEYS_KEY]: JSON.stringify({ [OPENAI]: 'sk-openai' }) });
    expect(new Settings('', storage).apiKey).toBe('sk-openai');
  });

  it('keeps a typed key in memory only, bound to its origin', () => {
    const storage = storageWith();
    const settings = new Settings('', storage);
    settings.apiKey = 'sk-typed';
    expect(storage.items.has(KEYS_KEY)).toBe(false);
    settings.baseURL = 'https://openrouter.ai/api/v1';
    expect(settings.apiKey).toBe('');
    settings.apiKey = 'sk-or';
    settings.baseURL = 'https://api.openai.com/v1';
    expect(settings.apiKey).toBe('sk-typed');
    expect(new Settings('', storage).apiKey).toBe('');
  });

  it('remembers the key when asked, for its origin only, and forgets it when unchecked', () => {
    const storage = storageWith();
    const settings = new Settings('', storage);
    settings.rememberKey = true;
    settings.apiKey = 'sk-1';
    expect(storage.items.get(KEYS_KEY)).toBe(JSON.stringify({ [OPENAI]: 'sk-1' }));
    settings.baseURL = 'http://localhost:11434/v1';
    expect(settings.rememberKey).toBe(false);
    settings.apiKey = 'ollama-key';
    expect(storage.items.get(KEYS_KEY)).toBe(JSON.stringify({ [OPENAI]: 'sk-1' }));
    settings.baseURL = 'https://api.openai.com/v1';
    settings.rememberKey = false;
    expect(storage.items.has(KEYS_KEY)).toBe(false);
    expect(settings.apiKey).toBe('sk-1');
  });

  it('ignores a key typed while the base URL is not a URL', () => {
    const settings = new Settings('', storageWith());
    settings.baseURL = 'http://';
    settings.apiKey = 'sk-lost';
    settings.rememberKey = true;
    expect([settings.apiKey, settings.rememberKey, settings.origin]).toEqual(['', false, null]);
  });

  it('applies changes at once and remembers only what the person changed, and only valid values', () => {
    const storage = storageWith();
    const settings = new Settings('?baseURL=http://127.0.0.1:8080/v1&sandbox=lite', storage);
    settings.model = 'my-model';
    settings.maxSteps = 0;
    settings.threshold = 'low';
    expect(settings.snapshot()).toEqual({
      baseURL: 'http://127.0.0.1:8080/v1',
      model: 'my-model',
      sandbox: 'lite',
      threshold: 'low',
      maxSteps: 0,
      prices: {},
      notify: false,
      webhookURL: '',
      reasoningEffort: '',
      contextWindow: null,
      idleTimeoutS: null,
      modelImages: 'auto',
      maxTokens: null,
      maxCostUsd: null,
      timeoutS: null,
      webcontainerApiKey: '',
      askFileChanges: false,
      apiKey: '',
    });
    expect(JSON.parse(storage.items.get(SETTINGS_KEY) ?? '')).toEqual({ model: 'my-model', threshold: 'low' });
    // Model takes images: only the three choices; the run options carry it when it is not auto
    settings.modelImages = 'maybe' as never;
    const auto = settings.runOptions.model_images;
    settings.modelImages = 'yes';
    expect([auto, settings.runOptions.model_images, JSON.parse(storage.items.get(SETTINGS_KEY) ?? '').modelImages]).toEqual([undefined, 'yes', 'yes']);
  });

  it('applies presets, swapping the model only when it was the previous preset default', () => {
    const settings = new Settings('', memoryStorage());
    settings.applyPreset('ollama');
    expect([settings.baseURL, settings.model, settings.preset]).toEqual(['http://localhost:11434/v1', 'qwen2.5-coder:7b', 'ollama']);
    settings.model = 'llama3.1';
    settings.applyPreset('lmstudio');
    expect([settings.baseURL, settings.model, settings.preset]).toEqual(['http://localhost:1234/v1', 'llama3.1', 'lmstudio']);
    settings.applyPreset('custom');
    expect(settings.baseURL).toBe('http://localhost:1234/v1');
  });

  it('knows servers by host or local port', () => {
    expect(
      ['https://api.openai.com/v1', 'https://openrouter.ai/api/v1', 'http://127.0.0.1:11434/v1', 'http://localhost:1234/v1', 'http://localhost:8000/v1', 'x'].map(serverKind),
    ).toEqual(['openai', 'openrouter', 'ollama', 'lmstudio', 'custom', 'custom']);
  });
});

describe('prices, notifications and the webhook', () => {
  it('are remembered when valid; a broken price table or a non-http webhook is not', () => {
    const storage = storageWith();
    const settings = new Settings('', storage);
    settings.prices = { 'my-model': { input: 1, cached: 0.5, output: 2 } };
    settings.notify = true;
    settings.webhookURL = 'https://hooks.example.com/autopilot';
    settings.webhookURL = 'javascript:alert(1)';
    const remembered = JSON.parse(storage.items.get(SETTINGS_KEY) ?? '');
    expect(remembered).toEqual({ prices: { 'my-model': { input: 1, cached: 0.5, output: 2 } }, notify: true, webhookURL: 'https://hooks.example.com/autopilot' });
    const broken = storageWith({ [SETTINGS_KEY]: JSON.stringify({ prices: { x: { input: -1, cached: 0, output: 0 } }, webhookURL: 'ftp://x' }) });
    expect(initialValues('', broken).values).toEqual(DEFAULT_SETTINGS);
  });
});
