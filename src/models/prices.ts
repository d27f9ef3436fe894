/** What models cost: the built-in price table and a lookup over it that Settings can extend. Imports only core's types. */

import type { Price, PriceTable } from '../core/prices';

export type { Price, PriceTable } from '../core/prices';

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

/** The built-in prices, as a table (a copy). */
export function defaultPrices(): PriceTable {
  return Object.fromEntries(PRICES.map(([prefix, price]) => [prefix, { ...price }]));
}

/**
 * The price of a model, if known: the longest prefix of its name (without a `vendor/` part) in the table
 * given, else in the built-in one. A table entry for a prefix replaces the built-in price for it.
 */
export function priceOf(model: string, table: PriceTable = {}): Price | undefined {
  const name = model.replace(/^.*\//, '').toLowerCase();
  const own = Object.entries(table).map(([prefix, price]): [string, Price] => [prefix.trim().toLowerCase(), price]).filter(([p, price]) => p && isPrice(price));
  let best: [string, Price] | undefined;
  for (const entry of [...own, ...PRICES]) {
    if (name.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1];
}

/** A price with three non-negative finite numbers. */
export function isPrice(value: unknown): value is Price {
  if (!value || typeof value !== 'object') return false;
  const { input, cached, output } = value as Record<string, unknown>;
  return [input, cached, output].every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0);
}
