/**
 * What a model server says about the context window of the model it serves (docs/models.md): the fields each
 * server puts in its model listings, llama.cpp's `/props`, LM Studio's `/api/v0/models`, and Ollama, which
 * reports nothing on its OpenAI-compatible API and truncates silently past its `num_ctx`.
 */

/** A context window a server gave (`assumed`: Ollama, which says nothing, and gets a conservative guess). */
export interface ReportedWindow {
  tokens: number;
  /** Where it came from, for the notice: "the server's model list", "llama.cpp's /props", … */
  from: string;
  assumed?: boolean;
}

/** Ollama's own default `num_ctx` (2048 before 0.6, 4096 since, more only with OLLAMA_CONTEXT_LENGTH). */
export const OLLAMA_ASSUMED_WINDOW = 4_096;

/** Reads JSON from a path on the server's origin (`/props`) or, for `models`, the OpenAI model list; undefined when it fails. */
export interface ServerProbe {
  models(): Promise<unknown[] | undefined>;
  get(path: string): Promise<unknown>;
  /** The base URL's port: 11434 is Ollama's. */
  port: string;
}

/** Hosted APIs: only their model list is asked; the local servers' own endpoints are not theirs. */
const HOSTED = /(^|\.)(openai\.com|openrouter\.ai|groq\.com|azure\.com|together\.xyz|fireworks\.ai|deepseek\.com|mistral\.ai|googleapis\.com|anthropic\.com)$/i;

/** Whether `host` is a hosted API (probing llama.cpp or Ollama endpoints there is pointless). */
export function isHostedApi(host: string): boolean {
  return HOSTED.test(host);
}

/** The window the server reports for `model`, trying its model list first, then local servers' own endpoints. */
export async function probeWindow(probe: ServerProbe, model: string, host: string): Promise<ReportedWindow | undefined> {
  const listed = windowFromListing(await probe.models(), model);
  if (listed) return { tokens: listed, from: "the server's model list" };
  if (isHostedApi(host)) return undefined;
  const [props, lmStudio, ollamaVersion] = await Promise.all([probe.get('/props'), probe.get('/api/v0/models'), probe.get('/api/version')]);
  const slot = windowFromProps(props);
  if (slot) return { tokens: slot, from: "llama.cpp's /props" };
  const loaded = windowFromListing(dataOf(lmStudio), model);
  if (loaded) return { tokens: loaded, from: "LM Studio's /api/v0/models" };
  if (probe.port === '11434' || typeof field(ollamaVersion, 'version') === 'string') {
    const running = windowFromOllamaPs(await probe.get('/api/ps'), model);
    if (running) return { tokens: running, from: "Ollama's /api/ps" };
    return { tokens: OLLAMA_ASSUMED_WINDOW, from: 'Ollama', assumed: true };
  }
  return undefined;
}

/**
 * The window in the listing's entry for `model` (or its only entry): LM Studio's `loaded_context_length`, else
 * OpenRouter's `context_length`, vLLM's `max_model_len`, LM Studio's `max_context_length`, Groq's `context_window`.
 */
export function windowFromListing(entries: unknown[] | undefined, model: string): number | undefined {
  if (!entries?.length) return undefined;
  const entry = entries.find((e) => field(e, 'id') === model) ?? (entries.length === 1 ? entries[0] : undefined);
  for (const name of ['loaded_context_length', 'context_length', 'max_model_len', 'max_context_length', 'context_window']) {
    const tokens = positive(field(entry, name));
    if (tokens) return tokens;
  }
  return positive(field(field(entry, 'top_provider'), 'context_length'));
}

/** llama.cpp's per-slot window: `default_generation_settings.n_ctx` (older builds: inside `params`). */
export function windowFromProps(props: unknown): number | undefined {
  const settings = field(props, 'default_generation_settings');
  return positive(field(settings, 'n_ctx')) ?? positive(field(field(settings, 'params'), 'n_ctx'));
}

/** Ollama's window for a loaded model: `/api/ps` → `models[].context_length` (Ollama builds since mid-2025). */
export function windowFromOllamaPs(ps: unknown, model: string): number | undefined {
  const running = field(ps, 'models');
  if (!Array.isArray(running)) return undefined;
  const names = new Set([model, `${model}:latest`]);
  const entry = running.find((m) => names.has(field(m, 'name') as string) || names.has(field(m, 'model') as string));
  return positive(field(entry, 'context_length'));
}

function dataOf(list: unknown): unknown[] | undefined {
  const data = field(list, 'data');
  return Array.isArray(data) ? data : undefined;
}

function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
}
