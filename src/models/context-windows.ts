/** Context windows of known models (the built-in table) and the lookup the agent and Settings share. Imports nothing. */

/** Context windows (input tokens) of known models; longest matching prefix wins. */
const WINDOWS: [prefix: string, tokens: number][] = [
  ['gpt-4o', 128_000],
  ['gpt-4.1', 1_000_000],
  ['gpt-4-turbo', 128_000],
  ['o1', 200_000],
  ['o3', 200_000],
  ['o4', 200_000],
  ['gpt-5', 272_000],
  ['gpt-5.4', 1_000_000],
  ['gpt-5.5', 1_000_000],
  ['deepseek', 128_000],
  ['claude', 200_000],
  ['gemini', 1_000_000],
];

/** For models we do not know (local servers run with whatever they were started with). */
export const DEFAULT_CONTEXT_WINDOW = 32_768;

/** The context window of a model: the setting if given, else the table, else a cautious default. */
export function contextWindowOf(model: string, setting?: number): number {
  if (setting && setting > 0) return setting;
  const name = model.replace(/^.*\//, '').toLowerCase();
  let best: [string, number] | undefined;
  for (const entry of WINDOWS) {
    if (name.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1] ?? DEFAULT_CONTEXT_WINDOW;
}

/** Whether the built-in table knows the model. */
export function inWindowTable(model: string): boolean {
  const name = model.replace(/^.*\//, '').toLowerCase();
  return WINDOWS.some(([prefix]) => name.startsWith(prefix));
}
