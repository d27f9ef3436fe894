/**
 * The host side of a QuickJS run: the `__host` object the prelude calls (files, module resolution, output,
 * timers, exit) and the ES module loader. Values cross as strings (JSON, or latin1 for bytes).
 */
import { PRELUDE_SOURCE } from './prelude';
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from './quickjs';
import { moduleType, resolveModule, ResolveError } from './resolve';
import { FsError, type Vfs } from './vfs';

/** What the bridge needs from the run. */
export interface RunIo {
  vfs: Vfs;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  stdin: string;
  write(fd: number, text: string): void;
  exit(code: number): void;
  timer(id: number, ms: number): void;
  clearTimer(id: number): void;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const latin1 = (bytes: Uint8Array): string => {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return text;
};
const fromLatin1 = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));

type Op = (...args: never[]) => unknown;

function operations(io: RunIo, now: () => number): Record<string, Op> {
  const { vfs } = io;
  return {
    state: () => ({ argv: io.argv, env: io.env, cwd: io.cwd, quickjs: 'quickjs-emscripten 0.32' }),
    exists: (path: string) => vfs.exists(path),
    readText: (path: string) => decoder.decode(vfs.read(path)),
    readBytes: (path: string) => latin1(vfs.read(path)),
    writeText: (path: string, text: string, append: boolean) => vfs.write(path, encoder.encode(text), append),
    writeBytes: (path: string, bytes: string, append: boolean) => vfs.write(path, fromLatin1(bytes), append),
    stat: (path: string) => vfs.stat(path),
    readdir: (path: string) => vfs.readdir(path),
    mkdir: (path: string, recursive: boolean) => vfs.mkdir(path, recursive),
    rm: (path: string, options: { recursive: boolean; force: boolean; dirOnly?: boolean; fileOnly?: boolean }) => vfs.rm(path, options),
    rename: (from: string, to: string) => vfs.rename(from, to),
    resolvePath: (path: string) => {
      vfs.stat(path);
      return vfs.resolve(path);
    },
    resolve: (fromDir: string, spec: string) => resolveModule(vfs, fromDir, spec),
    stdin: () => io.stdin,
    now,
    utf8: (text: string) => latin1(encoder.encode(text)),
    utf8decode: (bytes: string) => decoder.decode(fromLatin1(bytes)),
    atob: (text: string) => atob(text),
    btoa: (text: string) => btoa(text),
  };
}

function failure(error: unknown): { err: Record<string, unknown> } {
  if (error instanceof FsError) {
    return { err: { message: error.message, code: error.code, syscall: error.syscall, path: error.path, errno: -2 } };
  }
  if (error instanceof ResolveError) return { err: { message: error.message, code: error.code } };
  return { err: { message: error instanceof Error ? error.message : String(error) } };
}

/** Install `__host` and the module loader on a fresh context, then evaluate the prelude. */
export function installBridge(runtime: QuickJSRuntime, context: QuickJSContext, io: RunIo): void {
  const started = performance.now();
  const ops = operations(io, () => performance.now() - started);
  const host = context.newObject();
  const fn = (name: string, impl: (...args: QuickJSHandle[]) => QuickJSHandle | undefined | { error: QuickJSHandle }): void => {
    const handle = context.newFunction(name, impl);
    context.setProp(host, name, handle);
    handle.dispose();
  };
  fn('call', (opHandle, argsHandle) => {
    const op = ops[context.getString(opHandle)];
    let reply: unknown;
    try {
      if (op === undefined) throw new Error(`no host operation ${context.getString(opHandle)}`);
      const args = JSON.parse(context.getString(argsHandle)) as never[];
      reply = { ok: op(...args) };
    } catch (error) {
      reply = failure(error);
    }
    return context.newString(JSON.stringify(reply));
  });
  fn('write', (fdHandle, textHandle) => {
    io.write(context.getNumber(fdHandle), context.getString(textHandle));
    return undefined;
  });
  fn('compile', (fileHandle, sourceHandle) => {
    const result = context.evalCode(context.getString(sourceHandle), context.getString(fileHandle), { type: 'global' });
    return result.error ? { error: result.error } : result.value;
  });
  fn('exit', (codeHandle) => {
    io.exit(context.getNumber(codeHandle));
    return undefined;
  });
  fn('timer', (idHandle, msHandle) => {
    io.timer(context.getNumber(idHandle), context.getNumber(msHandle));
    return undefined;
  });
  fn('clearTimer', (idHandle) => {
    io.clearTimer(context.getNumber(idHandle));
    return undefined;
  });
  context.setProp(context.global, '__host', host);
  host.dispose();
  runtime.setModuleLoader(
    (name) => loadModule(context, io.vfs, name),
    (base, requested) => {
      const fromDir = base.startsWith('/') ? base.slice(0, base.lastIndexOf('/')) || '/' : io.cwd;
      try {
        const found = resolveModule(io.vfs, fromDir, requested);
        return 'builtin' in found ? `node:${found.builtin}` : found.path;
      } catch (error) {
        return { error: error instanceof Error ? error : new Error(String(error)) };
      }
    },
  );
  context.unwrapResult(context.evalCode(PRELUDE_SOURCE, 'node:internal/prelude', { type: 'global' })).dispose();
}

/** Evaluate `expression` (global code) and return its value as JSON-able data, or throw its error text. */
function evaluate(context: QuickJSContext, expression: string): unknown {
  const result = context.evalCode(expression, 'node:internal/loader', { type: 'global' });
  if (result.error) {
    const error = context.dump(result.error) as { message?: string } | string;
    result.error.dispose();
    throw new Error(typeof error === 'string' ? error : (error?.message ?? 'module load failed'));
  }
  const value = context.dump(result.value);
  result.value.dispose();
  return value;
}

function reexport(context: QuickJSContext, access: string): string {
  const keys = evaluate(context, `Object.keys(${access} || {}).filter((k) => /^[A-Za-z_$][\\w$]*$/.test(k) && k !== 'default')`) as string[];
  const named = keys.length > 0 ? `export const { ${keys.join(', ')} } = m;\n` : '';
  return `const m = ${access};\nexport default m;\n${named}`;
}

function loadModule(context: QuickJSContext, vfs: Vfs, name: string): string | { error: Error } {
  try {
    if (name.startsWith('node:')) return reexport(context, `globalThis.__autopilot.builtin(${JSON.stringify(name.slice(5))})`);
    const type = moduleType(vfs, name);
    if (type === 'esm') return esmSource(name, decoder.decode(vfs.read(name)));
    return reexport(context, `globalThis.__autopilot.requireAbs(${JSON.stringify(name)})`);
  } catch (error) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** An ES module's source with `import.meta.url` set, on its first line so line numbers stay as they are. */
export function esmSource(path: string, source: string): string {
  const body = source.startsWith('#!') ? `//${source}` : source;
  return `import.meta.url = ${JSON.stringify(`file://${path}`)}; ${body}`;
}
