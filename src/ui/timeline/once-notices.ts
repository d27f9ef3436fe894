/**
 * Notices meant once (a notice event's `once` key, e.g. the model's context window): shown in the first run
 * that has the key, and in no later run. Which run that was is kept in localStorage, so a replay of that run
 * shows it again and other runs never do.
 */
const PREFIX = 'autopilot.notice-once:';

/** Whether run `runId` is the one that shows notices keyed `key` (the first run to ask becomes it). */
export function firstRunFor(key: string, runId: string, storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = pageStorage()): boolean {
  if (!storage) return true;
  const first = storage.getItem(PREFIX + key);
  if (first !== null) return first === runId;
  try {
    storage.setItem(PREFIX + key, runId);
  } catch {
    // storage full or refused: shown again in later runs
  }
  return true;
}

function pageStorage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}
