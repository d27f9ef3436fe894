/**
 * The Python runtime's worker: one warm Pyodide, driven by the host's `run` messages. Runs in a browser
 * Web Worker and in a Node worker thread alike; the host terminates it to stop a run.
 */
import { asToRuntime, type FromRuntime, type RunRequest, type RuntimeConfig } from '../protocol';
import { diffTrees, emptyTree } from '../tree';
import { workerScope } from '../worker-scope';
import { applyToFs, readFsTree, reportChanges } from './fs-tree';
import { runPip } from './pip';
import { startPyodide, type PyodideAPI } from './pyodide';
import { RUNNER_FILE, RUNNER_SOURCE } from './runner';
import { guardNetwork } from './network';

const scope = await workerScope();
let booting: Promise<PyodideAPI> | undefined;
let current: { id: number; roots: readonly string[] } | undefined;
let known = emptyTree();

function post(message: FromRuntime): void {
  scope.post(message);
}

/** A stream's bytes as text, decoded across chunk boundaries. */
function writer(kind: 'stdout' | 'stderr'): { write(buffer: Uint8Array): number } {
  const decoder = new TextDecoder();
  return {
    write(buffer) {
      if (current) post({ kind, id: current.id, chunk: decoder.decode(buffer, { stream: true }) });
      return buffer.length;
    },
  };
}

async function boot(config: RuntimeConfig): Promise<PyodideAPI> {
  guardNetwork(config.pyodidePackageBaseUrl);
  const pyodide = await startPyodide({
    indexURL: config.pyodideIndexURL,
    packageBaseUrl: config.pyodidePackageBaseUrl,
    packageCacheDir: config.pyodidePackageCacheDir,
    home: '/home/project',
  });
  pyodide.setStdout(writer('stdout'));
  pyodide.setStderr(writer('stderr'));
  reportChanges(pyodide.FS, {
    roots: () => current?.roots,
    file: (change) => current && post({ kind: 'file', id: current.id, change }),
    removed: (path) => current && post({ kind: 'removed', id: current.id, path }),
  });
  pyodide.runPython(RUNNER_SOURCE, { filename: RUNNER_FILE });
  return pyodide;
}

function isPip(argv: readonly string[]): boolean {
  return argv[0] === '-m' && argv[1] === 'pip';
}

async function run(id: number, request: RunRequest): Promise<void> {
  let pyodide: PyodideAPI;
  try {
    pyodide = await (booting ?? Promise.reject(new Error('the worker was not initialised')));
  } catch (error) {
    post({ kind: 'failed', id, message: `Python (Pyodide) could not load: ${describe(error)}` });
    return;
  }
  try {
    (pyodide.FS as unknown as { chdir(path: string): void }).chdir('/'); // the last run's cwd may be removed now
    applyToFs(pyodide.FS, request.sync, request.roots);
    known = readFsTree(pyodide.FS, request.roots);
  } catch (error) {
    post({ kind: 'failed', id, message: `could not share the files with Python: ${describe(error)}` });
    return;
  }
  current = { id, roots: request.roots };
  let exitCode: number;
  try {
    if (isPip(request.argv)) {
      exitCode = await runPip(pyodide, request.argv.slice(2), (chunk) => post({ kind: 'stdout', id, chunk }), (chunk) => post({ kind: 'stderr', id, chunk }));
    } else {
      const main = pyodide.globals.get('_autopilot_main') as (json: string, stdin: Uint8Array) => number;
      exitCode = main(JSON.stringify({ argv: request.argv, cwd: request.cwd, env: request.env }), request.stdin);
    }
  } catch (error) {
    post({ kind: 'stderr', id, chunk: `python3: ${describe(error)}\n` });
    exitCode = 1;
  } finally {
    current = undefined;
  }
  const after = readFsTree(pyodide.FS, request.roots);
  const changes = diffTrees(known, after);
  known = after;
  post({ kind: 'done', id, exitCode, changes });
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const errno = (error as { errno?: number } | undefined)?.errno;
  return errno === undefined ? String(error) : `file-system error ${errno}`;
}

scope.listen((data) => {
  const message = asToRuntime(data);
  if (message?.kind === 'init') {
    booting = boot(message.config);
    booting.catch(() => undefined); // reported by the first run
  }
  else if (message?.kind === 'run') void run(message.id, message.request);
});
