/**
 * The shown run, remembered for this tab (sessionStorage): a reload shows it again; a new tab starts with
 * none shown.
 */
const KEY = 'autopilot.shown-run';

/** The run this tab showed before the reload, if any. */
export function rememberedShown(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Remember the shown run (none: forget). */
export function rememberShown(id: string | null): void {
  try {
    if (id) sessionStorage.setItem(KEY, id);
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage refused: a reload starts with no run shown
  }
}
