/** Node's module resolution over the shared files: built-ins, relative and absolute paths, node_modules, module types. */
import { FsError, normalize, type Vfs } from './vfs';

/** The built-ins the lite sandbox's node has (see prelude-node.ts). */
export const BUILTINS = new Set([
  'fs', 'fs/promises', 'path', 'path/posix', 'process', 'console', 'assert', 'assert/strict', 'timers',
  'timers/promises', 'util', 'events', 'os', 'readline', 'readline/promises', 'buffer', 'module', 'url',
]);

/** How a file is loaded. */
export type ModuleType = 'cjs' | 'esm' | 'json';

/** What a specifier resolves to. */
export type Resolved = { builtin: string } | { path: string; type: ModuleType };

/** A resolution failure with Node's code (MODULE_NOT_FOUND …). */
export class ResolveError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const decoder = new TextDecoder();
const ESM_SYNTAX = /^\s*(import\s*[\w{*'"]|export\s+(default|const|let|var|function|class|async|\{|\*))/m;

function packageJson(vfs: Vfs, dir: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(decoder.decode(vfs.read(`${dir}/package.json`))) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The module type of a file: by extension, the nearest package.json's "type", then by its syntax. */
export function moduleType(vfs: Vfs, file: string): ModuleType {
  if (file.endsWith('.json')) return 'json';
  if (file.endsWith('.mjs')) return 'esm';
  if (file.endsWith('.cjs')) return 'cjs';
  for (let dir = file.slice(0, file.lastIndexOf('/')); dir !== ''; dir = dir.slice(0, dir.lastIndexOf('/'))) {
    const pkg = packageJson(vfs, dir);
    if (pkg !== undefined) {
      if (pkg.type === 'module') return 'esm';
      if (pkg.type === 'commonjs') return 'cjs';
      break;
    }
  }
  try {
    return ESM_SYNTAX.test(decoder.decode(vfs.read(file))) ? 'esm' : 'cjs';
  } catch {
    return 'cjs';
  }
}

function isFile(vfs: Vfs, path: string): boolean {
  try {
    return vfs.stat(path).type === 'file';
  } catch (error) {
    if (error instanceof FsError) return false;
    throw error;
  }
}

function asFileOrDir(vfs: Vfs, base: string): string | undefined {
  for (const candidate of [base, `${base}.js`, `${base}.mjs`, `${base}.cjs`, `${base}.json`]) {
    if (isFile(vfs, candidate)) return candidate;
  }
  const pkg = packageJson(vfs, base);
  const main = typeof pkg?.main === 'string' ? pkg.main : typeof pkg?.module === 'string' ? pkg.module : undefined;
  if (main !== undefined) {
    const found = asFileOrDir(vfs, normalize(`${base}/${main}`));
    if (found !== undefined) return found;
  }
  for (const index of ['index.js', 'index.mjs', 'index.cjs', 'index.json']) {
    if (isFile(vfs, `${base}/${index}`)) return `${base}/${index}`;
  }
  return undefined;
}

/** Resolve `spec` as `require` or `import` would from a module in `fromDir`. */
export function resolveModule(vfs: Vfs, fromDir: string, spec: string): Resolved {
  const bare = spec.startsWith('node:') ? spec.slice(5) : spec;
  if (BUILTINS.has(bare)) return { builtin: bare };
  const local = spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/') || spec === '.' || spec === '..';
  const fileSpec = spec.startsWith('file://') ? decodeURIComponent(spec.slice(7)) : spec;
  if (local || fileSpec !== spec) {
    const found = asFileOrDir(vfs, normalize(fileSpec.startsWith('/') ? fileSpec : `${fromDir}/${fileSpec}`));
    if (found !== undefined) return { path: found, type: moduleType(vfs, found) };
    throw new ResolveError(`Cannot find module '${spec}' (looked in ${fromDir})`, 'MODULE_NOT_FOUND');
  }
  for (let dir = fromDir; ; dir = dir.slice(0, dir.lastIndexOf('/')) || '/') {
    const found = asFileOrDir(vfs, `${dir === '/' ? '' : dir}/node_modules/${spec}`);
    if (found !== undefined) return { path: found, type: moduleType(vfs, found) };
    if (dir === '/') break;
  }
  if (spec.startsWith('node:') || NODE_ONLY.has(spec.split('/')[0])) {
    throw new ResolveError(
      `Cannot find module '${spec}': the lite sandbox's node (QuickJS) has fs, fs/promises, path, process, ` +
        `console, assert, timers, util, events, os, readline, buffer and url only; ${bare} needs the WebContainer sandbox`,
      'ERR_UNKNOWN_BUILTIN_MODULE',
    );
  }
  throw new ResolveError(
    `Cannot find module '${spec}': packages need the WebContainer sandbox (the lite sandbox's node is QuickJS, with no npm)`,
    'MODULE_NOT_FOUND',
  );
}

const NODE_ONLY = new Set([
  'http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'child_process', 'cluster', 'worker_threads', 'crypto',
  'zlib', 'stream', 'vm', 'v8', 'perf_hooks', 'async_hooks', 'inspector', 'repl', 'tty', 'string_decoder', 'test',
  'querystring', 'punycode', 'diagnostics_channel', 'sqlite', 'wasi', 'trace_events', 'domain', 'constants', 'sys',
]);
