/** US dollars per million tokens. */
export interface Price {
  input: number;
  cached: number;
  output: number;
}

/** Prices by model-name prefix (e.g. `gpt-4o`), as Settings edits them. */
export type PriceTable = Record<string, Price>;
