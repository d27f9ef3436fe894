/** How the history shows sizes, money, dates and what of a run could not be stored. */
import type { PartlySaved, Run } from '../../core';

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatCost(usd: number): string {
  return usd === 0 ? '$0.00' : usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** Today: the time; otherwise the date and time, in the person's locale. */
export function formatDate(ms: number, now = Date.now()): string {
  const date = new Date(ms);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** What of a partly saved run is missing, for a person: "steps 3, 4 and 12 events were not stored". */
export function partlySavedText(missing: PartlySaved): string {
  const parts = [];
  if (missing.steps.length > 0) {
    const steps = missing.steps.length === 1 ? `step ${missing.steps[0]}` : `steps ${missing.steps.join(', ')}`;
    parts.push(`the conversation and files of ${steps}`);
  }
  if (missing.events > 0) parts.push(`${missing.events} ${missing.events === 1 ? 'event' : 'events'} of its log`);
  const what = parts.length > 0 ? parts.join(' and ') : 'part of its history';
  return `Partly saved: browser storage was full, so ${what} could not be stored.`;
}

/** An output's value as text: strings as they are, anything else as JSON. */
export function outputText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

/** A history row's tooltip: the task, then how the run ended (its summary and outputs in full). */
export function resultTooltip(run: Pick<Run, 'instructions' | 'summary' | 'outputs' | 'error'>): string {
  const outputs = Object.entries(run.outputs ?? {}).map(([key, value]) => `${key}: ${outputText(value)}`);
  const ending = [run.summary, run.error && !run.summary ? run.error.message : undefined, outputs.length ? `Outputs:\n${outputs.join('\n')}` : undefined];
  return [run.instructions, ...ending].filter(Boolean).join('\n\n');
}
