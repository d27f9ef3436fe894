/**
 * The quick set that "Check this model" runs in the app: about ten lite tasks, from one every model that calls
 * tools at all should solve to ones that take reading, debugging and many steps, so that models spread out
 * over the scale instead of all scoring 0 or 10. Each entry says what it tells about the model.
 */

/** A task of the quick set and what solving it shows. */
export interface QuickTask {
  id: string;
  shows: string;
}

export const QUICK_SET: readonly QuickTask[] = [
  { id: 'count-lines', shows: 'calls a tool at all and writes a file (the floor: a model that fails this does not drive an agent)' },
  { id: 'js-order-summary', shows: 'writes a small Node.js program over JSON that works on files it never saw' },
  { id: 'rename-function', shows: 'a refactor across several files, checked by running the script' },
  { id: 'fix-off-by-one', shows: 'finds a bug from a script that runs but prints the wrong thing' },
  { id: 'noisy-build', shows: 'digs one fact out of long, noisy output' },
  { id: 'recover-missing-dir', shows: 'recovers when its first command fails' },
  { id: 'edit-long-file', shows: 'a precise edit_file change in a long file, leaving every other line alone' },
  { id: 'read-range', shows: 'reads a range of a long file (read_file offset/limit) instead of flooding its context' },
  { id: 'multi-step-pipeline', shows: 'keeps three sub-tasks straight over many steps' },
  { id: 'py-fix-median', shows: 'fixes Python code from its failing unittest suite, without touching the tests' },
];
