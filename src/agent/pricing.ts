/** What a model turn costs, from a table of known models' prices. Unknown (local) models cost 0. */
import type { Usage } from '../core/run';
import type { TokenUsage } from './stream';

/** US dollars per million tokens. */
export interface Price {
  input: number;
  cached: number;
  output: number;
}

// Longest matching prefix wins; checked 2025 list prices.
const PRICES: [prefix: string, price: Price][] = [
  ['gpt-4o-mini', { input: 0.15, cached: 0.075, output: 0.6 }],
  ['gpt-4o', { input: 2.5, cached: 1.25, output: 10 }],
  ['gpt-4.1-nano', { input: 0.1, cached: 0.025, output: 0.4 }],
  ['gpt-4.1-mini', { input: 0.4, cached: 0.1, output: 1.6 }],
  ['gpt-4.1', { input: 2, cached: 0.5, output: 8 }],
  ['o3-mini', { input: 1.1, cached: 0.55, output: 4.4 }],
  ['o3', { input: 2, cached: 0.5, output: 8 }],
  ['o4-mini', { input: 1.1, cached: 0.275, output: 4.4 }],
  ['gpt-5-nano', { input: 0.05, cached: 0.005, output: 0.4 }],
  ['gpt-5-mini', { input: 0.25, cached: 0.025, output: 2 }],
  ['gpt-5', { input: 1.25, cached: 0.125, output: 10 }],
];

/** The price of a model, if known. */
export function priceOf(model: string): Price | undefined {
  const name = model.replace(/^.*\//, '').toLowerCase();
  let best: [string, Price] | undefined;
  for (const entry of PRICES) {
    if (name.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1];
}

/** A turn's usage with its cost. Cached tokens are part of prompt_tokens, billed at the cached price. */
export function costed(tokens: TokenUsage, price: Price | undefined): Usage {
  const uncached = Math.max(0, tokens.prompt_tokens - tokens.cached_tokens);
  const cost = price
    ? (uncached * price.input + tokens.cached_tokens * price.cached + tokens.completion_tokens * price.output) / 1e6
    : 0;
  return { ...tokens, cost_usd: cost };
}
