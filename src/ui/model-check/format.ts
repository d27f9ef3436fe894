/** How the model check's figures read on the page. */
import type { CheckRecord } from '../../evals/check-record';

/** Dollars: four places under a cent, else two; null is an unknown price. */
export function usd(value: number | null): string {
  if (value === null) return 'unknown';
  if (value === 0) return '$0';
  return value < 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}

/** Tokens, in thousands past 10 000. */
export function tokens(count: number): string {
  return count >= 10_000 ? `${(count / 1000).toFixed(count >= 100_000 ? 0 : 1)}k` : String(count);
}

/** "1 step", "3 steps". */
export function steps(count: number): string {
  return `${count} ${count === 1 ? 'step' : 'steps'}`;
}

/** A duration in seconds or minutes. */
export function duration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** When a check ran, to the second (local time): part of its name in the list. */
export function when(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** A check's name: its model and when it ran. */
export function checkLabel(check: Pick<CheckRecord, 'model' | 'created_at'>): string {
  return `${check.model} ${when(check.created_at)}`;
}

/** How a check ended, in words; a check still "running" that is not this page's was left by a closed tab. */
export function checkState(check: CheckRecord, runningHere: boolean): string {
  const done = `${check.results.length} of ${check.tasks.length} tasks`;
  if (check.status === 'running') return runningHere ? `running: ${done} done` : `interrupted after ${done}`;
  if (check.status === 'stopped') return `stopped after ${done}`;
  if (check.status === 'failed') return `failed after ${done}`;
  return `completed: ${done}`;
}
