/**
 * The JavaScript runtime's worker: QuickJS loaded once, a fresh QuickJS runtime per `node` run, the shared
 * files kept as a Tree between runs. Runs in a browser Web Worker and in a Node worker thread alike.
 */
import { asToRuntime, type FromRuntime, type RunRequest, type RuntimeConfig } from '../protocol';
import { applyToTree, diffTrees, emptyTree, type Tree } from '../tree';
import { workerScope } from '../worker-scope';
import { loadQuickJs, type QuickJSWASMModule } from './quickjs';
import { runNode } from './run';
import { Vfs } from './vfs';

const DEFAULT_MEMORY_LIMIT = 256 * 1024 * 1024;

const scope = await workerScope();
let config: RuntimeConfig = {};
let loading: Promise<QuickJSWASMModule> | undefined;
let files: Tree = emptyTree();
let queue: Promise<void> = Promise.resolve();

function post(message: FromRuntime): void {
  scope.post(message);
}

function copy(tree: Tree): Tree {
  return { files: new Map(tree.files), dirs: new Set(tree.dirs) };
}

async function run(id: number, request: RunRequest): Promise<void> {
  let quickjs: QuickJSWASMModule;
  try {
    quickjs = await (loading ??= loadQuickJs());
  } catch (error) {
    post({ kind: 'failed', id, message: `QuickJS could not load: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  applyToTree(files, request.sync);
  for (const root of request.roots) files.dirs.add(root);
  const before = copy(files);
  const vfs = new Vfs(files, request.cwd, {
    file: (change) => post({ kind: 'file', id, change }),
    removed: (path) => post({ kind: 'removed', id, path }),
  });
  let exitCode: number;
  try {
    exitCode = await runNode(quickjs, {
      argv: request.argv,
      cwd: request.cwd,
      env: request.env,
      stdin: new TextDecoder().decode(request.stdin),
      vfs,
      write: (fd, chunk) => post({ kind: fd === 2 ? 'stderr' : 'stdout', id, chunk }),
      memoryLimitBytes: config.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT,
    });
  } catch (error) {
    post({ kind: 'stderr', id, chunk: `node: ${error instanceof Error ? error.message : String(error)}\n` });
    exitCode = 1;
  }
  post({ kind: 'done', id, exitCode, changes: diffTrees(before, files) });
}

scope.listen((data) => {
  const message = asToRuntime(data);
  if (message?.kind === 'init') {
    config = message.config;
    loading = loadQuickJs();
    loading.catch(() => undefined); // reported by the first run
  } else if (message?.kind === 'run') {
    const { id, request } = message;
    queue = queue.then(() => run(id, request));
  }
});
