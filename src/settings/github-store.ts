/**
 * GitHub settings as plain data over the settings storage: the API URL, the Git CORS proxy, the commit author,
 * and tokens bound to the API origin they were entered for (remembered only when asked). No runes here.
 */
import { originOf, type SettingsStorage } from './store';

/** The GitHub settings beside the token. */
export interface GitHubValues {
  /** GitHub's REST API (GitHub Enterprise: https://HOST/api/v3). */
  apiURL: string;
  /** A CORS proxy for git's HTTP endpoints ('' for none: the REST API is used). */
  corsProxy: string;
  /** Commit author; '' for Autopilot's default. */
  authorName: string;
  authorEmail: string;
}

export const DEFAULT_GITHUB: Readonly<GitHubValues> = { apiURL: 'https://api.github.com', corsProxy: '', authorName: '', authorEmail: '' };

export const GITHUB_KEY = 'autopilot.github';
export const GITHUB_TOKENS_KEY = 'autopilot.githubTokens';

/** The value when it is valid for the field; undefined otherwise. */
export function validGitHubValue<K extends keyof GitHubValues>(key: K, value: unknown): GitHubValues[K] | undefined {
  if (typeof value !== 'string') return undefined;
  switch (key) {
    case 'apiURL':
      return originOf(value) ? (value as GitHubValues[K]) : undefined;
    case 'corsProxy':
      return value === '' || originOf(value) ? (value as GitHubValues[K]) : undefined;
    case 'authorName':
      return /[<>\n]/.test(value) ? undefined : (value as GitHubValues[K]);
    case 'authorEmail':
      return value === '' || /^[^\s<>@]+@[^\s<>@]+$/.test(value) ? (value as GitHubValues[K]) : undefined;
    default:
      return undefined;
  }
}

function read(storage: SettingsStorage, key: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function write(storage: SettingsStorage, key: string, value: Record<string, unknown>): void {
  try {
    if (Object.keys(value).length) storage.setItem(key, JSON.stringify(value));
    else storage.removeItem(key);
  } catch {
    // full or blocked storage: the value still applies for this page
  }
}

/** The remembered values, valid ones only, over the defaults. */
export function rememberedGitHub(storage: SettingsStorage): GitHubValues {
  const stored = read(storage, GITHUB_KEY);
  const values = { ...DEFAULT_GITHUB };
  for (const key of Object.keys(DEFAULT_GITHUB) as (keyof GitHubValues)[]) {
    const value = validGitHubValue(key, stored[key]);
    if (value !== undefined) values[key] = value;
  }
  return values;
}

/** Remember one value. */
export function rememberGitHubValue(storage: SettingsStorage, key: keyof GitHubValues, value: string): void {
  write(storage, GITHUB_KEY, { ...read(storage, GITHUB_KEY), [key]: value });
}

/** Remembered tokens by the API origin they were saved for. */
export function rememberedTokens(storage: SettingsStorage): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const [origin, token] of Object.entries(read(storage, GITHUB_TOKENS_KEY))) {
    if (typeof token === 'string' && token && originOf(origin) === origin) tokens.set(origin, token);
  }
  return tokens;
}

/** Remember `token` for `origin` only; '' forgets it. */
export function rememberToken(storage: SettingsStorage, origin: string, token: string): void {
  const stored = Object.fromEntries(rememberedTokens(storage));
  if (token) stored[origin] = token;
  else delete stored[origin];
  write(storage, GITHUB_TOKENS_KEY, stored);
}
