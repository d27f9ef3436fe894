/** Timing and statistics shared by the benchmarks: medians of interleaved repetitions, each with its baseline. */

/** One row of the results: the figure, its baseline measured in the same run, and whether the target is met. */
export interface Row {
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  target: string;
  met: boolean;
}

/** A row plus what the report says about it (not written to results.json). */
export interface Measured {
  name: string;
  row: Row;
  /** Extra figures for docs/benchmarks.md (peers, per-step series …). */
  details?: string[];
  /** A short remark for the table (e.g. the longest task, or what was measured instead). */
  note?: string;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds taken by `work`. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/**
 * Run each of `runs` once per repetition, the order rotating every repetition so drift and warm-up hit all
 * alike; the first `warmup` repetitions are thrown away. Returns each one's samples (milliseconds).
 */
export async function rotated<K extends string>(
  reps: number,
  runs: Record<K, () => Promise<number>>,
  warmup = 1,
): Promise<Record<K, number[]>> {
  const names = Object.keys(runs) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < warmup + reps; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length];
      const ms = await runs[name]();
      if (i >= warmup) samples[name].push(ms);
    }
  }
  return samples;
}

/** Round to a sensible number of significant digits for the table and the JSON. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const scale = 10 ** Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(value))));
  return Math.round(value * scale) / scale;
}

/** A row from a value, its baseline and the target check. */
export function row(value: number, baseline: number, unit: string, target: string, met: boolean): Row {
  return { value: round(value), unit, baseline: round(baseline), ratio: round(baseline ? value / baseline : Number.NaN), target, met };
}

/** Fill in a sentence's `{}` placeholders: `fmt('{} ms', 1.234)`. */
export function fmt(text: string, ...values: number[]): string {
  let i = 0;
  return text.replace(/\{\}/g, () => String(round(values[i++])));
}
