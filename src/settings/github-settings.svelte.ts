/**
 * The GitHub part of the page's settings as reactive state. The token stays in memory unless "Remember GitHub
 * token" is on; either way it belongs to the API origin it was entered for and is only offered there (and to
 * the Git CORS proxy the person set).
 */
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { GitHubAccess } from '../github/page';
import { originOf, type SettingsStorage } from './store';
import {
  rememberedGitHub,
  rememberedTokens,
  rememberGitHubValue,
  rememberToken,
  validGitHubValue,
  type GitHubValues,
} from './github-store';


/** GitHub settings: API URL, token, Git CORS proxy, commit author. */
export class GitHubSettings {
  readonly #storage: SettingsStorage;
  #values: GitHubValues = $state() as GitHubValues;
  readonly #tokens = new SvelteMap<string, string>();
  readonly #remember = new SvelteSet<string>();

  constructor(storage: SettingsStorage) {
    this.#storage = storage;
    this.#values = rememberedGitHub(storage);
    for (const [origin, token] of rememberedTokens(storage)) {
      this.#tokens.set(origin, token);
      this.#remember.add(origin);
    }
  }

  get apiURL(): string {
    return this.#values.apiURL;
  }
  set apiURL(value: string) {
    this.#set('apiURL', value);
  }

  get corsProxy(): string {
    return this.#values.corsProxy;
  }
  set corsProxy(value: string) {
    this.#set('corsProxy', value);
  }

  get authorName(): string {
    return this.#values.authorName;
  }
  set authorName(value: string) {
    this.#set('authorName', value);
  }

  get authorEmail(): string {
    return this.#values.authorEmail;
  }
  set authorEmail(value: string) {
    this.#set('authorEmail', value);
  }

  /** The origin the token belongs to (the API's), or null while the API URL is not valid. */
  get apiOrigin(): string | null {
    return originOf(this.#values.apiURL);
  }

  get token(): string {
    const origin = this.apiOrigin;
    return origin ? (this.#tokens.get(origin) ?? '') : '';
  }
  set token(value: string) {
    const origin = this.apiOrigin;
    if (!origin) return;
    if (value) this.#tokens.set(origin, value);
    else this.#tokens.delete(origin);
    if (this.#remember.has(origin)) rememberToken(this.#storage, origin, value);
  }

  get rememberToken(): boolean {
    const origin = this.apiOrigin;
    return origin !== null && this.#remember.has(origin);
  }
  set rememberToken(on: boolean) {
    const origin = this.apiOrigin;
    if (!origin) return;
    if (on) this.#remember.add(origin);
    else this.#remember.delete(origin);
    rememberToken(this.#storage, origin, on ? this.token : '');
  }

  /** Whether a field's value is valid (an invalid one applies to nothing and is not remembered). */
  valid(key: keyof GitHubValues): boolean {
    return validGitHubValue(key, this.#values[key]) !== undefined;
  }

  /** What the page needs to reach GitHub now. */
  get access(): GitHubAccess {
    const v = this.#values;
    const author = v.authorName.trim() && this.valid('authorEmail') && v.authorEmail ? { name: v.authorName.trim(), email: v.authorEmail } : undefined;
    return {
      token: this.token,
      apiURL: this.valid('apiURL') ? v.apiURL.replace(/\/+$/, '') : 'https://api.github.com',
      corsProxy: v.corsProxy && this.valid('corsProxy') ? v.corsProxy.replace(/\/+$/, '') : '',
      ...(author && { author }),
    };
  }

  #set(key: keyof GitHubValues, value: string): void {
    this.#values[key] = value;
    if (validGitHubValue(key, value) !== undefined) rememberGitHubValue(this.#storage, key, value);
  }
}
