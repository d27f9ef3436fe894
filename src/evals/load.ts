/** Reading task folders from disk (Node): a folder of task folders, one task folder, or a glob of them. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseTask, type EvalTask, type TaskFolder } from './task';

function readIf(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function readTree(root: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(root, path).split('\\').join('/')] = new Uint8Array(readFileSync(path));
    }
  };
  if (existsSync(root)) walk(root);
  return files;
}

/** One task folder, checked (a TaskError names the folder and file otherwise). */
export function loadTask(dir: string): EvalTask {
  const folder: TaskFolder = {
    folder: basename(dir),
    taskJson: readIf(join(dir, 'task.json')),
    instruction: readIf(join(dir, 'instruction.md')),
    check: readIf(join(dir, 'check.sh')),
    solution: readIf(join(dir, 'solution.sh')),
    files: readTree(join(dir, 'files')),
  };
  return parseTask(folder);
}

/** The task folders `spec` names: a task folder, a folder of them, or a glob (`*` in the last part). */
export function taskDirs(spec: string): string[] {
  if (spec.includes('*')) {
    const cut = spec.lastIndexOf('/');
    const parent = cut === -1 ? '.' : spec.slice(0, cut);
    const pattern = new RegExp(`^${spec.slice(cut + 1).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    return readdirSync(parent).filter((name) => pattern.test(name)).sort().map((name) => join(parent, name)).filter((dir) => statSync(dir).isDirectory());
  }
  if (!existsSync(spec)) throw new Error(`--tasks ${spec}: no such folder`);
  if (existsSync(join(spec, 'task.json'))) return [spec];
  return readdirSync(spec).sort().map((name) => join(spec, name)).filter((dir) => statSync(dir).isDirectory());
}
