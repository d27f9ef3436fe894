/** The page's one secret registry, kept in step with Settings: the model API key, the GitHub token and the MCP servers' tokens. */
import { MODEL_API_KEY, SecretRegistry } from '../core/secrets';
import { mcpTokenSecret } from './mcp-store';
import type { Settings } from './settings.svelte';

export { MODEL_API_KEY };
/** The registry's name for the GitHub token. */
export const GITHUB_TOKEN = 'GitHub token';

/** A registry that holds the settings' secrets from now on, following every change. */
export function pageSecrets(settings: Pick<Settings, 'apiKey' | 'github'> & Partial<Pick<Settings, 'mcp'>>): SecretRegistry {
  const registry = new SecretRegistry();
  /** MCP token names registered so far (a removed server's is cleared). */
  let mcpNames: string[] = [];
  const syncMcp = () => {
    const tokens = (settings.mcp?.servers ?? []).map((server) => [mcpTokenSecret(server.name), settings.mcp!.token(server.name)] as const);
    for (const name of mcpNames) if (!tokens.some(([n]) => n === name)) registry.set(name, undefined);
    for (const [name, token] of tokens) registry.set(name, token);
    mcpNames = tokens.map(([name]) => name);
  };
  registry.set(MODEL_API_KEY, settings.apiKey);
  registry.set(GITHUB_TOKEN, settings.github.token);
  syncMcp();
  $effect.root(() => {
    $effect.pre(() => registry.set(MODEL_API_KEY, settings.apiKey));
    $effect.pre(() => registry.set(GITHUB_TOKEN, settings.github.token));
    $effect.pre(syncMcp);
  });
  return registry;
}
