/**
 * The settings of this page as reactive state: URL parameters over remembered values, changes applied as they
 * are made. The API key stays in memory unless "Remember API key" is on for that server; every key, remembered
 * or typed, belongs to the origin of the base URL it was entered for and is only offered to that origin.
 */
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { InterventionThreshold } from '../core/run';
import type { PriceTable } from '../models/prices';
import type { ModelImagesChoice } from '../models/images';
import type { ReasoningEffort, RunDefaults } from '../api/types';
import { McpServerSettings } from './mcp-servers.svelte';
import { presetById, serverKind, type ServerKind } from './presets';
import { GitHubSettings } from './github-settings.svelte';
import {
  initialValues,
  originOf,
  rememberedKeys,
  rememberKey,
  rememberValue,
  validValue,
  type SandboxChoice,
  type SettingsStorage,
  type SettingsValues,
} from './store';

/** What a run needs to reach the model, as plain data (safe to post to a worker). */
export interface ModelConnection {
  baseURL: string;
  apiKey: string;
  model: string;
}

/** Run defaults from the Settings beyond the connection and the step limit. */
export type RunOptions = Pick<RunDefaults, 'reasoningEffort' | 'idleTimeoutS' | 'context_window' | 'max_tokens' | 'max_cost_usd' | 'timeout_s' | 'model_images'>;

/** A storage that forgets everything: for when `localStorage` cannot be used. */
export function memoryStorage(): SettingsStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** The page's settings. Build one in main.ts: `new Settings(location.search, localStorage)`. */
export class Settings {
  readonly #storage: SettingsStorage;
  #values: SettingsValues = $state() as SettingsValues;
  /** Keys by origin, for this page only. */
  readonly #keys = new SvelteMap<string, string>();
  /** Origins whose key is remembered. */
  readonly #remember = new SvelteSet<string>();
  /** Model ids the server listed at the last connection test. */
  models: string[] = $state.raw([]);
  /** URL parameters that could not be used, said in words. */
  readonly warnings: readonly string[];
  /** GitHub: token, API URL, Git CORS proxy, commit author. */
  readonly github: GitHubSettings;
  /** The MCP servers (Settings → MCP servers). */
  readonly mcp: McpServerSettings;

  constructor(search: string, storage: SettingsStorage) {
    this.#storage = storage;
    const { values, warnings } = initialValues(search, storage);
    this.#values = values;
    this.warnings = warnings;
    this.github = new GitHubSettings(storage);
    this.mcp = new McpServerSettings(storage);
    for (const [origin, key] of rememberedKeys(storage)) {
      this.#keys.set(origin, key);
      this.#remember.add(origin);
    }
  }

  get baseURL(): string {
    return this.#values.baseURL;
  }
  set baseURL(value: string) {
    if (value !== this.#values.baseURL) this.models = [];
    this.#set('baseURL', value);
  }

  get model(): string {
    return this.#values.model;
  }
  set model(value: string) {
    this.#set('model', value);
  }

  get sandbox(): SandboxChoice {
    return this.#values.sandbox;
  }
  set sandbox(value: SandboxChoice) {
    this.#set('sandbox', value);
  }

  get threshold(): InterventionThreshold {
    return this.#values.threshold;
  }
  set threshold(value: InterventionThreshold) {
    this.#set('threshold', value);
  }

  /** "Ask before file changes": every write_file / edit_file waits for review. */
  get askFileChanges(): boolean {
    return this.#values.askFileChanges;
  }
  set askFileChanges(value: boolean) {
    this.#set('askFileChanges', value);
  }

  get maxSteps(): number {
    return this.#values.maxSteps;
  }
  set maxSteps(value: number) {
    this.#set('maxSteps', value);
  }

  /** Prices that replace or add to the built-in table. */
  get prices(): PriceTable {
    return $state.snapshot(this.#values.prices); // plain data: it is posted to the agent worker
  }
  set prices(value: PriceTable) {
    this.#set('prices', value);
  }

  /** Browser notifications when a run waits (ask for permission on the gesture that turns this on). */
  get notify(): boolean {
    return this.#values.notify;
  }
  set notify(value: boolean) {
    this.#set('notify', value);
  }

  /** Where to POST a note when a run waits ('' for nowhere). */
  get webhookURL(): string {
    return this.#values.webhookURL;
  }
  set webhookURL(value: string) {
    this.#set('webhookURL', value);
  }

  /** Sent as `reasoning_effort` to reasoning models; '' leaves it to the server. */
  get reasoningEffort(): ReasoningEffort | '' {
    return this.#values.reasoningEffort;
  }
  set reasoningEffort(value: ReasoningEffort | '') {
    this.#set('reasoningEffort', value);
  }

  /** The model's context window in tokens; null: the built-in table's. */
  get contextWindow(): number | null {
    return this.#values.contextWindow;
  }
  set contextWindow(value: number | null) {
    this.#set('contextWindow', value);
  }

  /** Longest silence of the model's stream before the request is retried, in seconds; null: 120. */
  get idleTimeoutS(): number | null {
    return this.#values.idleTimeoutS;
  }
  set idleTimeoutS(value: number | null) {
    this.#set('idleTimeoutS', value);
  }

  /** Whether the model takes images: 'auto' goes by the built-in list (models/images.ts). */
  get modelImages(): ModelImagesChoice {
    return this.#values.modelImages;
  }
  set modelImages(value: ModelImagesChoice) {
    this.#set('modelImages', value);
  }

  /** Token budget of a run when execute() gives none; null: none. */
  get maxTokens(): number | null {
    return this.#values.maxTokens;
  }
  set maxTokens(value: number | null) {
    this.#set('maxTokens', value);
  }

  /** Cost budget of a run in USD when execute() gives none; null: none. */
  get maxCostUsd(): number | null {
    return this.#values.maxCostUsd;
  }
  set maxCostUsd(value: number | null) {
    this.#set('maxCostUsd', value);
  }

  /** Wall-time budget of a run in seconds when execute() gives none; null: none. */
  get timeoutS(): number | null {
    return this.#values.timeoutS;
  }
  set timeoutS(value: number | null) {
    this.#set('timeoutS', value);
  }

  /** WebContainer's API key (a public client id, remembered); applies at the next page load. */
  get webcontainerApiKey(): string {
    return this.#values.webcontainerApiKey;
  }
  set webcontainerApiKey(value: string) {
    this.#set('webcontainerApiKey', value);
  }

  /** What runs take from Settings beyond the connection (only what is set). */
  get runOptions(): RunOptions {
    const v = this.#values;
    const options: RunOptions = {};
    if (v.reasoningEffort) options.reasoningEffort = v.reasoningEffort;
    if (v.contextWindow !== null) options.context_window = v.contextWindow;
    if (v.idleTimeoutS !== null) options.idleTimeoutS = v.idleTimeoutS;
    if (v.maxTokens !== null) options.max_tokens = v.maxTokens;
    if (v.maxCostUsd !== null) options.max_cost_usd = v.maxCostUsd;
    if (v.timeoutS !== null) options.timeout_s = v.timeoutS;
    if (v.modelImages === 'yes' || v.modelImages === 'no') options.model_images = v.modelImages;
    return options;
  }

  /** The origin keys are bound to: that of the base URL, or null while it is not a valid URL. */
  get origin(): string | null {
    return originOf(this.#values.baseURL);
  }

  /** The key for the current base URL's origin ('' when none was given for it). */
  get apiKey(): string {
    const origin = this.origin;
    return origin ? (this.#keys.get(origin) ?? '') : '';
  }
  set apiKey(value: string) {
    const origin = this.origin;
    if (!origin) return;
    if (value) this.#keys.set(origin, value);
    else this.#keys.delete(origin);
    if (this.#remember.has(origin)) rememberKey(this.#storage, origin, value);
  }

  /** Whether the key for the current origin is kept across page loads. */
  get rememberKey(): boolean {
    const origin = this.origin;
    return origin !== null && this.#remember.has(origin);
  }
  set rememberKey(on: boolean) {
    const origin = this.origin;
    if (!origin) return;
    if (on) this.#remember.add(origin);
    else this.#remember.delete(origin);
    rememberKey(this.#storage, origin, on ? this.apiKey : '');
  }

  /** The known server the base URL points at. */
  get preset(): ServerKind {
    return serverKind(this.#values.baseURL);
  }

  /** Point at a known server; its suggested model replaces the current one when that was the last server's default. */
  applyPreset(id: ServerKind): void {
    const preset = presetById(id);
    if (preset.id === 'custom') return;
    const previous = presetById(this.preset);
    this.baseURL = preset.baseURL;
    if (!this.model || this.model === previous.model) this.model = preset.model;
  }

  /** What a run needs to reach the model. */
  get connection(): ModelConnection {
    return { baseURL: this.baseURL, apiKey: this.apiKey, model: this.model };
  }

  /** Every value as plain data. */
  snapshot(): SettingsValues & { apiKey: string } {
    return { ...$state.snapshot(this.#values), apiKey: this.apiKey };
  }

  #set<K extends keyof SettingsValues>(key: K, value: SettingsValues[K]): void {
    this.#values[key] = value;
    // only valid values are remembered: a half-typed URL applies now but is not kept
    if (validValue(key, value) !== undefined) rememberValue(this.#storage, key, value);
  }
}
