/** The page's one secret registry, kept in step with Settings: the model API key and the GitHub token. */
import { MODEL_API_KEY, SecretRegistry } from '../core/secrets';
import type { Settings } from './settings.svelte';

export { MODEL_API_KEY };
/** The registry's name for the GitHub token. */
export const GITHUB_TOKEN = 'GitHub token';

/** A registry that holds the settings' secrets from now on, following every change. */
export function pageSecrets(settings: Pick<Settings, 'apiKey' | 'github'>): SecretRegistry {
  const registry = new SecretRegistry();
  registry.set(MODEL_API_KEY, settings.apiKey);
  registry.set(GITHUB_TOKEN, settings.github.token);
  $effect.root(() => {
    $effect.pre(() => registry.set(MODEL_API_KEY, settings.apiKey));
    $effect.pre(() => registry.set(GITHUB_TOKEN, settings.github.token));
  });
  return registry;
}
