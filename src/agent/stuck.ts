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
  arguments: string;
  observation: string;
  failed: boolean;
}

/** Remembers recent actions and says when the agent is going round in circles. */
export class StuckDetector {
  #recent: { key: string; failed: boolean }[] = [];

  /** Record an action; returns why the run is stuck, or undefined. */
  record(action: ActionRecord): string | undefined {
    const key = JSON.stringify([action.name, canonical(action.arguments), action.observation]);
    this.#recent.push({ key, failed: action.failed });
    if (this.#recent.length > WINDOW) this.#recent.shift();
    const same = this.#recent.filter((entry) => entry.key === key);
    const what = `${action.name} ${action.arguments}`.slice(0, 200);
    if (action.failed && same.filter((entry) => entry.failed).length >= SAME_FAILURE) {
      return `The same action failed ${SAME_FAILURE} times with the same output: ${what}`;
    }
    if (same.length >= SAME_PAIR) return `The same action gave the same result ${SAME_PAIR} times: ${what}`;
    return undefined;
  }
}

/** Arguments compared by meaning: `{"a":1, "b":2}` and `{"b":2,"a":1}` are the same action. */
function canonical(text: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)));
  } catch {
    return text.trim();
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
