/**
 * The eval task format (docs/evals.md): one folder per task with `task.json`, `instruction.md`, an optional
 * `files/` start tree, `check.sh` (exit 0 = solved; the agent never sees it) and `solution.sh` (a reference
 * solution). Reading folders is the caller's (Node's fs for `npm run eval`); this module checks what was read.
 */

/** Where a task can run. */
export type TaskSandbox = 'lite' | 'webcontainer' | 'any';

/** `task.json`. */
export interface TaskMeta {
  id: string;
  title: string;
  sandbox: TaskSandbox;
  max_steps: number;
  timeout_s: number;
  tags: string[];
}

/** A task as read from its folder. */
export interface EvalTask extends TaskMeta {
  instruction: string;
  /** The start tree: path (relative, `/`-separated) → bytes. */
  files: Record<string, Uint8Array>;
  check: string;
  solution: string;
}

/** A task folder that cannot be used: which folder, which file, what is wrong. */
export class TaskError extends Error {
  constructor(
    readonly folder: string,
    readonly file: string,
    why: string,
  ) {
    super(`${folder}/${file}: ${why}`);
    this.name = 'TaskError';
  }
}

/** What a task folder holds, as read (undefined: the file is missing). */
export interface TaskFolder {
  folder: string;
  taskJson?: string;
  instruction?: string;
  check?: string;
  solution?: string;
  files: Record<string, Uint8Array>;
}

const SANDBOXES: readonly TaskSandbox[] = ['lite', 'webcontainer', 'any'];

/** Check a folder's contents and build the task; a TaskError names the bad file otherwise. */
export function parseTask(folder: TaskFolder): EvalTask {
  const need = (file: string, text: string | undefined) => {
    if (text === undefined) throw new TaskError(folder.folder, file, 'missing');
    if (text.trim() === '') throw new TaskError(folder.folder, file, 'empty');
    return text;
  };
  let meta: unknown;
  try {
    meta = JSON.parse(need('task.json', folder.taskJson));
  } catch (error) {
    if (error instanceof TaskError) throw error;
    throw new TaskError(folder.folder, 'task.json', `not valid JSON (${(error as Error).message})`);
  }
  const task = meta as Partial<TaskMeta>;
  const bad = (field: string, what: string) => new TaskError(folder.folder, 'task.json', `"${field}" must be ${what}`);
  if (typeof task !== 'object' || task === null) throw bad('(root)', 'an object');
  if (typeof task.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(task.id)) throw bad('id', 'a lowercase slug');
  if (typeof task.title !== 'string' || task.title === '') throw bad('title', 'a non-empty string');
  if (!SANDBOXES.includes(task.sandbox as TaskSandbox)) throw bad('sandbox', `one of ${SANDBOXES.join(', ')}`);
  if (!Number.isInteger(task.max_steps) || (task.max_steps as number) < 1) throw bad('max_steps', 'a positive integer');
  if (typeof task.timeout_s !== 'number' || task.timeout_s <= 0) throw bad('timeout_s', 'a positive number');
  if (!Array.isArray(task.tags) || !task.tags.every((tag) => typeof tag === 'string')) throw bad('tags', 'an array of strings');
  return {
    id: task.id,
    title: task.title,
    sandbox: task.sandbox as TaskSandbox,
    max_steps: task.max_steps as number,
    timeout_s: task.timeout_s,
    tags: task.tags,
    instruction: need('instruction.md', folder.instruction).trim(),
    files: folder.files,
    check: need('check.sh', folder.check),
    solution: need('solution.sh', folder.solution),
  };
}
