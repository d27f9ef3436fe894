/**
 * Settings as plain data over a storage port: URL parameters over remembered values over defaults, and API keys
 * bound to the origin of the base URL they were saved for. No runes here, so all of it is testable in Node.
 */
import type { InterventionThreshold } from '../core/run';
import { isPrice, type PriceTable } from '../models/prices';
import type { ReasoningEffort } from '../api/types';
import type { ModelImagesChoice } from '../models/images';

/** Where settings are remembered: the Web Storage shape, so `localStorage` fits. */
export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Which sandbox to use. */
export type SandboxChoice = 'auto' | 'webcontainer' | 'lite';

/** Everything the Settings dialog holds but the API key. */
export interface SettingsValues {
  baseURL: string;
  model: string;
  sandbox: SandboxChoice;
  threshold: InterventionThreshold;
  maxSteps: number;
  /** Model prices (USD per million tokens) that replace or add to the built-in table. */
  prices: PriceTable;
  /** Show a browser notification when a run waits for a person. */
  notify: boolean;
  /** "Ask before file changes": every write_file / edit_file waits for review, whatever its risk. */
  askFileChanges: boolean;
  /** POST a note here when a run waits for a person ('' for none). */
  webhookURL: string;
  /** Sent as `reasoning_effort` to reasoning models; '' sends nothing (the server's default). */
  reasoningEffort: ReasoningEffort | '';
  /** The model's context window in tokens; null: the built-in table's. */
  contextWindow: number | null;
  /** Longest silence of the model's stream before the request is retried, in seconds; null: 120. */
  idleTimeoutS: number | null;
  /** Whether the model takes images (tool results' images are sent to it): 'auto' goes by the built-in list. */
  modelImages: ModelImagesChoice;
  /** Run defaults when execute() does not give them; null: no such limit. */
  maxTokens: number | null;
  maxCostUsd: number | null;
  timeoutS: number | null;
  /** WebContainer's API key for origins other than localhost (a public client id); '' for none. */
  webcontainerApiKey: string;
}

export const SANDBOX_CHOICES: readonly SandboxChoice[] = ['auto', 'webcontainer', 'lite'];
export const THRESHOLDS: readonly InterventionThreshold[] = ['never', 'high', 'medium', 'low'];
export const REASONING_EFFORTS: readonly ReasoningEffort[] = ['low', 'medium', 'high'];
export const MAX_STEPS_LIMIT = 1000;

export const DEFAULT_SETTINGS: Readonly<SettingsValues> = {
  baseURL: 'https://api.openai.com/v1',
  model: 'gpt-4.1-mini',
  sandbox: 'auto',
  threshold: 'high',
  maxSteps: 50,
  prices: {},
  notify: false,
  askFileChanges: false,
  webhookURL: '',
  reasoningEffort: '',
  contextWindow: null,
  idleTimeoutS: null,
  modelImages: 'auto',
  maxTokens: null,
  maxCostUsd: null,
  timeoutS: null,
  webcontainerApiKey: '',
};

export const SETTINGS_KEY = 'autopilot.settings';
export const KEYS_KEY = 'autopilot.apiKeys';

/** The origin of an http(s) base URL, or null when it is not one. */
export function originOf(baseURL: string): string | null {
  try {
    const url = new URL(baseURL);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** A value checked field by field; `undefined` when it is not valid for that field. */
export function validValue<K extends keyof SettingsValues>(key: K, value: unknown): SettingsValues[K] | undefined {
  const ok = (() => {
    switch (key) {
      case 'baseURL':
        return typeof value === 'string' && originOf(value) !== null;
      case 'model':
        return typeof value === 'string';
      case 'sandbox':
        return SANDBOX_CHOICES.includes(value as SandboxChoice);
      case 'threshold':
        return THRESHOLDS.includes(value as InterventionThreshold);
      case 'maxSteps':
        return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_STEPS_LIMIT;
      case 'prices':
        return isPriceTable(value);
      case 'notify':
      case 'askFileChanges':
        return typeof value === 'boolean';
      case 'webhookURL':
        return value === '' || (typeof value === 'string' && originOf(value) !== null);
      case 'reasoningEffort':
        return value === '' || REASONING_EFFORTS.includes(value as ReasoningEffort);
      case 'contextWindow':
      case 'maxTokens':
        return value === null || isPositiveInteger(value);
      case 'maxCostUsd':
      case 'timeoutS':
      case 'idleTimeoutS':
        return value === null || (typeof value === 'number' && Number.isFinite(value) && value > 0);
      case 'modelImages':
        return value === 'auto' || value === 'yes' || value === 'no';
      case 'webcontainerApiKey':
        return typeof value === 'string' && !/\s/.test(value);
      default:
        return false;
    }
  })();
  return ok ? (value as SettingsValues[K]) : undefined;
}

function isPositiveInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

/** A table of model-name prefixes to prices. */
export function isPriceTable(value: unknown): value is PriceTable {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(value).every(([prefix, price]) => prefix.trim() !== '' && isPrice(price));
}

function readJson(storage: SettingsStorage, key: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {}; // unreadable or blocked storage: start from the defaults
  }
}

function writeJson(storage: SettingsStorage, key: string, value: Record<string, unknown>): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or blocked (private mode): the setting still applies for this page
  }
}

/** The remembered values (only valid ones). */
export function rememberedValues(storage: SettingsStorage): Partial<SettingsValues> {
  const stored = readJson(storage, SETTINGS_KEY);
  const values: Partial<SettingsValues> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof SettingsValues)[]) {
    const value = validValue(key, stored[key]);
    if (value !== undefined) Object.assign(values, { [key]: value });
  }
  return values;
}

/** Remember one value the person changed (values that came from the URL are not remembered unless changed). */
export function rememberValue<K extends keyof SettingsValues>(storage: SettingsStorage, key: K, value: SettingsValues[K]): void {
  writeJson(storage, SETTINGS_KEY, { ...readJson(storage, SETTINGS_KEY), [key]: value });
}

/** URL parameters that preset settings, and what was wrong with the ones that could not be used. */
export function urlValues(search: string): { values: Partial<SettingsValues>; warnings: string[] } {
  const params = new URLSearchParams(search);
  const values: Partial<SettingsValues> = {};
  const warnings: string[] = [];
  const sandbox = params.get('sandbox');
  if (sandbox !== null) {
    if (validValue('sandbox', sandbox)) values.sandbox = sandbox as SandboxChoice;
    else warnings.push(`?sandbox=${sandbox} is not one of ${SANDBOX_CHOICES.join(', ')}: it was ignored.`);
  }
  const baseURL = params.get('baseURL');
  if (baseURL !== null) {
    if (validValue('baseURL', baseURL)) values.baseURL = baseURL;
    else warnings.push(`?baseURL=${baseURL} is not an http(s) URL: it was ignored.`);
  }
  const model = params.get('model');
  if (model) values.model = model;
  return { values, warnings };
}

/** The settings for this page load: URL parameters over remembered values over defaults. */
export function initialValues(search: string, storage: SettingsStorage): { values: SettingsValues; warnings: string[] } {
  const fromUrl = urlValues(search);
  return { values: { ...DEFAULT_SETTINGS, ...rememberedValues(storage), ...fromUrl.values }, warnings: fromUrl.warnings };
}

/** Remembered API keys by the origin they were saved for. */
export function rememberedKeys(storage: SettingsStorage): Map<string, string> {
  const stored = readJson(storage, KEYS_KEY);
  const keys = new Map<string, string>();
  for (const [origin, key] of Object.entries(stored)) {
    if (typeof key === 'string' && key && originOf(origin) === origin) keys.set(origin, key);
  }
  return keys;
}

/** Remember `key` for `origin` only; an empty key forgets it. */
export function rememberKey(storage: SettingsStorage, origin: string, key: string): void {
  const stored = Object.fromEntries(rememberedKeys(storage));
  if (key) stored[origin] = key;
  else delete stored[origin];
  if (Object.keys(stored).length) writeJson(storage, KEYS_KEY, stored);
  else {
    try {
      storage.removeItem(KEYS_KEY);
    } catch {
      // blocked storage holds nothing to forget
    }
  }
}

/** The remembered key for this base URL: only ever the one saved for its exact origin. */
export function keyForBaseURL(storage: SettingsStorage, baseURL: string): string {
  const origin = originOf(baseURL);
  return origin ? (rememberedKeys(storage).get(origin) ?? '') : '';
}
