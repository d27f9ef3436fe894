/** How "Check this model" reaches the page's checks: main.ts puts them in the root's context (no props through App). */
import { getContext } from 'svelte';
import type { ModelChecks } from './checks-state.svelte';

/** The context key main.ts mounts the app with. */
export const MODEL_CHECKS = Symbol('model-checks');

/** The page's checks, or undefined where the app is mounted without them (component tests). */
export function modelChecks(): ModelChecks | undefined {
  return getContext<ModelChecks | undefined>(MODEL_CHECKS);
}
