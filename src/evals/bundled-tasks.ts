/**
 * The quick set's task folders, bundled into the page (one lazy chunk, loaded when a check starts): the page
 * cannot read evals/tasks/ from disk, and bundling keeps the check offline and under the page's CSP. Only the
 * quick set's folders are bundled; the glob lists them again because Vite needs a literal (a unit test checks
 * that both lists agree).
 */
import { parseTask, type EvalTask, type TaskFolder } from './task';
import { QUICK_SET } from './quick-set';

const FILES = import.meta.glob(
  '../../evals/tasks/{count-lines,js-order-summary,rename-function,fix-off-by-one,noisy-build,recover-missing-dir,edit-long-file,read-range,multi-step-pipeline,py-fix-median}/**',
  { query: '?raw', import: 'default', eager: true, exhaustive: true },
) as Record<string, string>;

const PREFIX = '../../evals/tasks/';

/** The bundled task folders, as read (file path inside the folder → text). */
export function bundledFolders(): Map<string, Record<string, string>> {
  const folders = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(FILES)) {
    const [folder, ...rest] = path.slice(PREFIX.length).split('/');
    const files = folders.get(folder) ?? {};
    files[rest.join('/')] = text;
    folders.set(folder, files);
  }
  return folders;
}

/** The quick set's tasks, in its order (a TaskError names a folder that is missing or broken). */
export function quickTasks(): EvalTask[] {
  const folders = bundledFolders();
  const encoder = new TextEncoder();
  return QUICK_SET.map(({ id }) => {
    const files = folders.get(id) ?? {};
    const start: Record<string, Uint8Array> = {};
    for (const [path, text] of Object.entries(files)) {
      if (path.startsWith('files/')) start[path.slice('files/'.length)] = encoder.encode(text);
    }
    const folder: TaskFolder = {
      folder: id,
      taskJson: files['task.json'],
      instruction: files['instruction.md'],
      check: files['check.sh'],
      solution: files['solution.sh'],
      files: start,
    };
    return parseTask(folder);
  });
}
