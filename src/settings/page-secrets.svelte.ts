/** The page's one secret registry, kept in step with Settings: the model API key now (more tokens as they come). */
import { MODEL_API_KEY, SecretRegistry } from '../core/secrets';
import type { Settings } from './settings.svelte';

export { MODEL_API_KEY };

/** A registry that holds the settings' secrets from now on, following every change. */
export function pageSecrets(settings: Pick<Settings, 'apiKey'>): SecretRegistry {
  const registry = new SecretRegistry();
  registry.set(MODEL_API_KEY, settings.apiKey);
  $effect.root(() => {
    $effect.pre(() => registry.set(MODEL_API_KEY, settings.apiKey));
  });
  return registry;
}
