/**
 * Words the agent adds to a tool's result for the model, not for the person: the page shows what happened
 * instead (ui/timeline/for-person.ts).
 */

/** Appended to a failed command's result: the reflection step. */
export const REFLECT_ON_FAILURE =
  'This command failed. Before going on, analyse the error above: what caused it? Then fix the cause ' +
  '(change the code, the command or the approach) and check that the fix works.';
