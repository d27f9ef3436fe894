/**
 * The stand-in's `node`: runs a CommonJS file of the stand-in's file system in this process, with `fs` over
 * that file system (promise API only, as both programs the adapter starts use) and a `process` of its own
 * (argv, cwd, env, stdout, stderr). The run ends when the program sets `process.exitCode` (both do, last), or
 * after a bound. Enough to run the real git bundle and the adapter's install script against the stand-in.
 */
import { createRequire } from 'node:module';
import type { InMemoryFs } from 'just-bash';
import { fromBashFs } from '../../../src/git/fs';

/** What a run printed and how it ended. */
export interface NodeRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const realRequire = createRequire(import.meta.url);

function absolute(cwd: string, path: string): string {
  return path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path.replace(/^\.\//, '')}`;
}

/**
 * Node's `fs` as the programs use it, over the stand-in's file system (paths resolved against `cwd`): the
 * callback API, and `promises` as a non-enumerable property, as Node has them (isomorphic-git tells the two
 * shapes apart by that).
 */
function nodeFs(memfs: InMemoryFs, cwd: string) {
  const git = fromBashFs(memfs).promises as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const at = (name: string) => (path: string, ...rest: unknown[]) => git[name](absolute(cwd, path), ...rest);
  const names = Object.keys(git).filter((name) => name !== 'allPaths'); // the lite sandbox's, not Node's
  const promises: Record<string, unknown> = Object.fromEntries(names.map((name) => [name, at(name)]));
  promises.mkdir = async (path: string, options?: { recursive?: boolean }) => {
    if (!options?.recursive) return git.mkdir(absolute(cwd, path));
    const parts = absolute(cwd, path).split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const at = `/${parts.slice(0, i).join('/')}`;
      if ((await memfs.exists(at)) && !(await memfs.stat(at)).isDirectory) {
        throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${absolute(cwd, path)}'`), { code: 'ENOTDIR' });
      }
    }
    return memfs.mkdir(absolute(cwd, path), options);
  };
  promises.copyFile = async (from: string, to: string) => memfs.writeFile(absolute(cwd, to), await memfs.readFileBuffer(absolute(cwd, from)));
  const fs: Record<string, unknown> = {};
  for (const [name, call] of Object.entries(promises) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    fs[name] = (...args: unknown[]) => {
      const done = args.pop();
      if (typeof done !== 'function') throw new TypeError(`The "cb" argument must be of type function. Received ${typeof done}`);
      call(...args).then((value) => done(null, value), (error) => done(error));
    };
  }
  Object.defineProperty(fs, 'promises', { value: promises, enumerable: false });
  return fs;
}

/** `node <file> <args…>` in the stand-in. */
export async function runNode(memfs: InMemoryFs, file: string, args: string[], options: { cwd: string; env: Record<string, string>; boundMs?: number }): Promise<NodeRun> {
  const path = absolute(options.cwd, file);
  let code: string;
  try {
    code = (await memfs.readFile(path)).replace(/^#!.*\n/, '');
  } catch {
    return { stdout: '', stderr: `node:internal/modules/cjs/loader: Cannot find module '${path}'\n`, exitCode: 1 };
  }
  const out: string[] = [];
  const err: string[] = [];
  let finish!: (code: number) => void;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const stream = (into: string[]) => ({
    write: (text: string, done?: () => void) => {
      into.push(String(text));
      done?.();
      return true;
    },
  });
  const fakeProcess = Object.create(process, {
    argv: { value: ['node', path, ...args] },
    env: { value: { ...options.env } },
    cwd: { value: () => options.cwd },
    stdout: { value: stream(out) },
    stderr: { value: stream(err) },
    exitCode: { set: (value: number) => finish(value), get: () => undefined },
  });
  const fs = nodeFs(memfs, options.cwd);
  const requireIn = (name: string) => (name === 'fs' || name === 'node:fs' ? fs : realRequire(name));
  const module = { exports: {} };
  try {
    new Function('require', 'module', 'exports', 'process', '__filename', '__dirname', code)(requireIn, module, module.exports, fakeProcess, path, path.slice(0, path.lastIndexOf('/')));
  } catch (error) {
    return { stdout: out.join(''), stderr: `${err.join('')}${(error as Error).stack}\n`, exitCode: 1 };
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-1), options.boundMs ?? 10_000)));
  const exitCode = await Promise.race([finished, bound]);
  clearTimeout(timer);
  return { stdout: out.join(''), stderr: err.join('') + (exitCode === -1 ? 'the stand-in node: no exit code set in time\n' : ''), exitCode };
}
