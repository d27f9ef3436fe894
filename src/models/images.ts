/**
 * Which models take images (image_url parts in user messages), as far as this table knows; the longest matching
 * prefix wins. A model it does not know is taken not to: sending images to a text-only model fails the request
 * on many servers, and a local server's model name says little. Settings' "Model takes images" overrides it.
 * Imports nothing.
 */

const TAKES_IMAGES: [prefix: string, takes: boolean][] = [
  ['gpt-4o', true],
  ['gpt-4.1', true],
  ['gpt-4-turbo', true],
  ['gpt-5', true],
  ['o1', true],
  ['o1-mini', false],
  ['o1-preview', false],
  ['o3', true],
  ['o3-mini', false],
  ['o4-mini', true],
  ['claude-3', true],
  ['claude-opus-4', true],
  ['claude-sonnet-4', true],
  ['claude-haiku-4', true],
  ['gemini', true],
  ['llava', true],
  ['llama3.2-vision', true],
  ['llama-3.2-11b-vision', true],
  ['llama-3.2-90b-vision', true],
  ['llama-4', true],
  ['qwen2-vl', true],
  ['qwen2.5-vl', true],
  ['qwen3-vl', true],
  ['pixtral', true],
  ['gemma3', true],
  ['gemma3:1b', false],
  ['gemma-3-1b', false],
  ['gemma-3', true],
  ['minicpm-v', true],
  ['moondream', true],
];

/** Whether the table says `model` takes images (a provider prefix like `openai/` is ignored); unknown: false. */
export function takesImages(model: string): boolean {
  const name = model.replace(/^.*\//, '').toLowerCase();
  let best: [string, boolean] | undefined;
  for (const entry of TAKES_IMAGES) {
    if (name.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1] ?? false;
}

/** Settings' "Model takes images": from the table, or as the person says. */
export type ModelImagesChoice = 'auto' | 'yes' | 'no';

/**
 * Whether a run's model takes images: the person's choice when it was made for this model (the one Settings
 * name), else the table.
 */
export function runTakesImages(model: string, choice: ModelImagesChoice | undefined, settingsModel: string): boolean {
  if (choice && choice !== 'auto' && model === settingsModel) return choice === 'yes';
  return takesImages(model);
}
