/**
 * One `node` run on QuickJS: a fresh runtime and context (memory-limited), the prelude, the main script as
 * CommonJS or an ES module, then Node's event loop over timers until nothing is left or process.exit.
 */
import { esmSource, installBridge, type RunIo } from './bridge';
import { NODE_HELP, parseNodeArgs } from './cli';
import type { QuickJSContext, QuickJSHandle, QuickJSWASMModule } from './quickjs';
import { moduleType } from './resolve';
import type { Vfs } from './vfs';

/** A run's inputs. */
export interface NodeRun {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  stdin: string;
  vfs: Vfs;
  write(fd: number, text: string): void;
  memoryLimitBytes: number;
}

const NODE_PATH = '/usr/local/bin/node';
const VERSION = 'v20.19.0';

/** Run node's command line; resolves to its exit code. */
export async function runNode(quickjs: QuickJSWASMModule, run: NodeRun): Promise<number> {
  const invocation = parseNodeArgs(run.argv);
  if (invocation.mode === 'version') return say(run, 1, `${VERSION}\n`, 0);
  if (invocation.mode === 'help') return say(run, 1, NODE_HELP, 0);
  if (invocation.mode === 'refused') return say(run, 2, `node: ${invocation.message}\n`, 9);
  let main: string | undefined;
  if (invocation.mode === 'file') {
    main = findMain(run.vfs, invocation.file);
    if (main === undefined) {
      const path = run.vfs.resolve(invocation.file);
      return say(run, 2, `node:internal/modules/cjs/loader\n\nError: Cannot find module '${path}'\n    code: 'MODULE_NOT_FOUND'\n\nNode.js ${VERSION} (QuickJS in the lite sandbox)\n`, 1);
    }
  }
  const processArgv = [NODE_PATH, ...(main ? [main] : []), ...invocation.args];
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit(run.memoryLimitBytes);
  runtime.setMaxStackSize(1024 * 1024);
  const context = runtime.newContext();
  const loop = new EventLoop();
  let exitCode: number | undefined;
  runtime.setInterruptHandler(() => exitCode !== undefined);
  const io: RunIo = {
    vfs: run.vfs,
    argv: processArgv,
    env: run.env,
    cwd: run.cwd,
    stdin: run.stdin,
    write: run.write,
    exit: (code) => (exitCode = code),
    timer: (id, ms) => loop.set(id, ms),
    clearTimer: (id) => loop.clear(id),
  };
  try {
    installBridge(runtime, context, io);
    const api = new Api(context);
    let failed = false;
    const fail = (error: QuickJSHandle): void => {
      if (exitCode === undefined && !api.isExit(error)) {
        api.call('uncaught', error);
        failed = true;
      }
      error.dispose();
    };
    const started = start(context, run, invocation, main);
    let pending: QuickJSHandle | undefined;
    if (started.error) fail(started.error);
    else pending = started.value;
    const undefinedHandle = context.undefined;
    while (!failed && exitCode === undefined) {
      const ticked = api.call('drainTicks', undefinedHandle);
      if (ticked) {
        fail(ticked);
        break;
      }
      const jobs = runtime.executePendingJobs();
      if (jobs.error) {
        fail(jobs.error);
        break;
      }
      if (pending) {
        const state = context.getPromiseState(pending);
        if (state.type === 'rejected') {
          pending.dispose();
          pending = undefined;
          fail(state.error);
          break;
        }
        if (state.type === 'fulfilled') {
          if (state.notAPromise !== true) state.value.dispose();
          pending.dispose();
          pending = undefined;
        }
      }
      const next = loop.next();
      if (next === undefined) break;
      await delay(next.wait);
      const id = context.newNumber(next.id);
      const fired = api.call('fireTimer', id);
      id.dispose();
      if (fired) fail(fired);
    }
    pending?.dispose();
    if (exitCode !== undefined) return exitCode;
    if (failed) return 1;
    const zero = context.newNumber(0);
    const ended = api.call('emitExit', zero);
    zero.dispose();
    if (ended) fail(ended);
    return exitCode ?? (failed ? 1 : api.exitCode());
  } finally {
    loop.dispose();
    context.dispose();
    runtime.dispose();
  }
}

function say(run: NodeRun, fd: number, text: string, code: number): number {
  run.write(fd, text);
  return code;
}

function findMain(vfs: Vfs, file: string): string | undefined {
  for (const candidate of [file, `${file}.js`, `${file}.mjs`, `${file}.cjs`]) {
    try {
      if (vfs.stat(candidate).type === 'file') return vfs.resolve(candidate);
    } catch {
      // try the next
    }
  }
  return undefined;
}

type Started = { error: QuickJSHandle; value?: undefined } | { error?: undefined; value?: QuickJSHandle };

function start(context: QuickJSContext, run: NodeRun, invocation: ReturnType<typeof parseNodeArgs>, main?: string): Started {
  const decoder = new TextDecoder();
  if (main !== undefined) {
    if (moduleType(run.vfs, main) === 'esm') return settle(context.evalCode(esmSource(main, decoder.decode(run.vfs.read(main))), main, { type: 'module' }));
    return settle(context.evalCode(`globalThis.__autopilot.requireAbs(${JSON.stringify(main)})`, 'node:internal/main', { type: 'global' }), true);
  }
  const code = invocation.mode === 'eval' ? invocation.code : invocation.mode === 'stdin' ? run.stdin : '';
  const module = (invocation.mode === 'eval' || invocation.mode === 'stdin') && invocation.module;
  const name = invocation.mode === 'eval' ? '[eval]' : '[stdin]';
  if (module) return settle(context.evalCode(code, `${run.cwd}/${name}`, { type: 'module' }));
  const setup = context.evalCode(
    `globalThis.require = globalThis.__autopilot.makeRequire(${JSON.stringify(run.cwd)}); globalThis.module = { exports: {} }; globalThis.exports = globalThis.module.exports; globalThis.__filename = ${JSON.stringify(name)}; globalThis.__dirname = '.';`,
    'node:internal/main',
    { type: 'global' },
  );
  if (setup.error) return { error: setup.error };
  setup.value.dispose();
  const result = context.evalCode(code, name, { type: 'global' });
  if (result.error) return { error: result.error };
  if (invocation.mode === 'eval' && invocation.print) {
    const console = context.getProp(context.global, 'console');
    const log = context.getProp(console, 'log');
    const printed = context.callFunction(log, console, result.value);
    log.dispose();
    console.dispose();
    result.value.dispose();
    if (printed.error) return { error: printed.error };
    printed.value.dispose();
    return {};
  }
  result.value.dispose();
  return {};
}

/** A module's evaluation result is a promise (top-level await) or its namespace; CommonJS results are dropped. */
function settle(result: ReturnType<QuickJSContext['evalCode']>, drop = false): Started {
  if (result.error) return { error: result.error };
  if (drop) {
    result.value.dispose();
    return {};
  }
  return { value: result.value };
}

/** Calls into the prelude's `__autopilot` object. */
class Api {
  constructor(private readonly context: QuickJSContext) {}

  /** Call `__autopilot[name](arg)` (the caller keeps `arg`); returns the error handle when it threw. */
  call(name: string, arg: QuickJSHandle): QuickJSHandle | undefined {
    const api = this.context.getProp(this.context.global, '__autopilot');
    const fn = this.context.getProp(api, name);
    const result = this.context.callFunction(fn, api, arg);
    fn.dispose();
    api.dispose();
    if (result.error) return result.error;
    result.value.dispose();
    return undefined;
  }

  isExit(value: QuickJSHandle): boolean {
    const api = this.context.getProp(this.context.global, '__autopilot');
    const fn = this.context.getProp(api, 'isExit');
    const result = this.context.callFunction(fn, api, value);
    fn.dispose();
    api.dispose();
    if (result.error) {
      result.error.dispose();
      return false;
    }
    const yes = this.context.dump(result.value) === true;
    result.value.dispose();
    return yes;
  }

  exitCode(): number {
    const result = this.context.evalCode('globalThis.__autopilot.exitCode()', 'node:internal/exit', { type: 'global' });
    if (result.error) {
      result.error.dispose();
      return 1;
    }
    const code = this.context.getNumber(result.value);
    result.value.dispose();
    return code;
  }
}

/** The host's timers: when each is due; the loop waits for the earliest. */
class EventLoop {
  readonly #due = new Map<number, number>();

  set(id: number, ms: number): void {
    this.#due.set(id, performance.now() + ms);
  }

  clear(id: number): void {
    this.#due.delete(id);
  }

  next(): { id: number; wait: number } | undefined {
    let best: { id: number; at: number } | undefined;
    for (const [id, at] of this.#due) if (best === undefined || at < best.at) best = { id, at };
    if (best === undefined) return undefined;
    this.#due.delete(best.id);
    return { id: best.id, wait: Math.max(0, best.at - performance.now()) };
  }

  dispose(): void {
    this.#due.clear();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
