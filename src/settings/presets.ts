/** Known OpenAI-compatible servers: where they listen, and how to fix what usually goes wrong with each. */

/** A server the settings know by name. */
export type ServerKind = 'openai' | 'openrouter' | 'ollama' | 'lmstudio' | 'custom';

/** A preset of the Settings dialog. */
export interface Preset {
  id: ServerKind;
  label: string;
  baseURL: string;
  /** A model to start with when the current one does not fit this server. */
  model: string;
  needsKey: boolean;
  /** Where to get a key. */
  keyHelp?: string;
}

export const PRESETS: readonly Preset[] = [
  { id: 'openai', label: 'OpenAI', baseURL: 'https://api.openai.com/v1', model: 'gpt-4.1-mini', needsKey: true, keyHelp: 'https://platform.openai.com/api-keys' },
  { id: 'openrouter', label: 'OpenRouter', baseURL: 'https://openrouter.ai/api/v1', model: 'openai/gpt-4.1-mini', needsKey: true, keyHelp: 'https://openrouter.ai/keys' },
  { id: 'ollama', label: 'Ollama', baseURL: 'http://localhost:11434/v1', model: 'qwen2.5-coder:7b', needsKey: false },
  { id: 'lmstudio', label: 'LM Studio', baseURL: 'http://localhost:1234/v1', model: '', needsKey: false },
  { id: 'custom', label: 'Custom', baseURL: '', model: '', needsKey: false },
];

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '0.0.0.0']);

/** True for a host on this machine. */
export function isLocalHost(hostname: string): boolean {
  return LOCAL_HOSTS.has(hostname) || hostname.endsWith('.localhost');
}

/** Which known server a base URL points at: by host, or by the default port for local servers. */
export function serverKind(baseURL: string): ServerKind {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return 'custom';
  }
  if (url.hostname === 'api.openai.com') return 'openai';
  if (url.hostname === 'openrouter.ai') return 'openrouter';
  if (isLocalHost(url.hostname) && url.port === '11434') return 'ollama';
  if (isLocalHost(url.hostname) && url.port === '1234') return 'lmstudio';
  return 'custom';
}

/** The preset for an id (custom for an unknown one). */
export function presetById(id: string): Preset {
  return PRESETS.find((preset) => preset.id === id) ?? PRESETS[PRESETS.length - 1];
}
