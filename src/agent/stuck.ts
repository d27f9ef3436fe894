/**
 * Stuck detection: the same failing action with the same output 3 times, or the same action with the same
 * observation 4 times, within the recent actions. Polling something whose output changes is not stuck.
 */

/** How many recent actions are looked at. */
const WINDOW = 20;
const SAME_FAILURE = 3;
const SAME_PAIR = 4;

/** One action and what came of it. */
export interface ActionRecord {
  name: string;
  /** The model's arguments text, and `args`: parsed, when they are a JSON object. */
  arguments: string;
  args?: Record<string, unknown>;
  observation: string;
  failed: boolean;
}

/** Remembers recent actions and says when the agent is going round in circles. */
export class StuckDetector {
  #recent: { key: string; failed: boolean }[] = [];

  /** Record an action; returns why the run is stuck, or undefined. */
  record(action: ActionRecord): string | undefined {
    const key = `${action.name}\u0000${canonical(action)}\u0000${action.observation}`;
    this.#recent.push({ key, failed: action.failed });
    if (this.#recent.length > WINDOW) this.#recent.shift();
    let same = 0;
    let sameFailed = 0;
    for (const entry of this.#recent) {
      if (entry.key !== key) continue;
      same++;
      if (entry.failed) sameFailed++;
    }
    if (action.failed && sameFailed >= SAME_FAILURE) {
      return `The same action failed ${SAME_FAILURE} times with the same output: ${describe(action)}`;
    }
    if (same >= SAME_PAIR) return `The same action gave the same result ${SAME_PAIR} times: ${describe(action)}`;
    return undefined;
  }
}

function describe(action: ActionRecord): string {
  return `${action.name} ${action.arguments}`.slice(0, 200);
}

/** Arguments compared by meaning: `{"a":1, "b":2}` and `{"b":2,"a":1}` are the same action. */
function canonical(action: ActionRecord): string {
  return action.args ? JSON.stringify(sortKeys(action.args)) : action.arguments.trim();
}

/** The value with its object keys in order; the value itself when they already are (the common case). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const sorted = keys.every((key, i) => i === 0 || keys[i - 1] < key);
  if (sorted && keys.every((key) => typeof record[key] !== 'object' || record[key] === null)) return value;
  return Object.fromEntries(keys.sort().map((key) => [key, sortKeys(record[key])]));
}
