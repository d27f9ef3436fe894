/** What a model turn costs, from the price table (src/models/prices.ts). Unknown (local) models cost 0. */
import type { Usage } from '../core/run';
import type { TokenUsage } from './stream';

export { defaultPrices, isPrice, priceOf, type Price, type PriceTable } from '../models/prices';
import type { Price } from '../models/prices';

/** A turn's usage with its cost. Cached tokens are part of prompt_tokens, billed at the cached price. */
export function costed(tokens: TokenUsage, price: Price | undefined): Usage {
  const uncached = Math.max(0, tokens.prompt_tokens - tokens.cached_tokens);
  const cost = price
    ? (uncached * price.input + tokens.cached_tokens * price.cached + tokens.completion_tokens * price.output) / 1e6
    : 0;
  return { ...tokens, cost_usd: cost };
}
