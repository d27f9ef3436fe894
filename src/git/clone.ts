/**
 * A real clone over git's smart HTTP, through a CORS proxy (isomorphic-git's own transport), into memory: the
 * repository keeps its history, and records where it came from as an opened one does, so pull requests and
 * `git status` work the same. Built in memory first, so a failed clone leaves the work dir untouched.
 */
import { http, iso, type HttpClient } from './iso';
import { MemoryFs } from './memory-fs';
import type { BuiltRepository } from './build';

/** What to clone, from where, and as whom. */
export interface CloneOptions {
  /** The repository's own URL (https://github.com/owner/name.git). */
  url: string;
  /** The CORS proxy isomorphic-git prefixes to the URL ('' or absent: none). */
  corsProxy?: string;
  /** The branch (default: the remote's HEAD). */
  ref?: string;
  /** Commits of history to fetch (absent: all). */
  depth?: number;
  /** Sent as HTTP basic auth (x-access-token), to the proxy and on to the host. */
  token?: string;
  /** `owner/name` recorded for pull requests. */
  repository: string;
  identity?: { name: string; email: string };
  onProgress?: (phase: string, loaded: number, total?: number) => void;
  signal?: AbortSignal;
}

const ROOT = '/repo';

/** An HttpClient whose requests stop when `signal` aborts. */
export function abortableHttp(signal?: AbortSignal): HttpClient {
  return { request: (request) => http.request({ ...request, signal } as Parameters<typeof http.request>[0]) };
}

/** Basic auth for a token, as GitHub takes it over git's HTTP. */
export function tokenAuth(token?: string): (() => { username: string; password: string }) | undefined {
  return token ? () => ({ username: 'x-access-token', password: token }) : undefined;
}

/** Clone into memory; the result is written into the work dir in one go. */
export async function cloneRepository(options: CloneOptions): Promise<BuiltRepository & { branch: string }> {
  const memory = new MemoryFs();
  const fs = memory.fs;
  await fs.promises.mkdir(ROOT);
  await iso.clone({
    fs, http: abortableHttp(options.signal), dir: ROOT, url: options.url,
    ...(options.corsProxy && { corsProxy: options.corsProxy }),
    ...(options.ref && { ref: options.ref }),
    ...(options.depth && { depth: options.depth }),
    singleBranch: true,
    onAuth: tokenAuth(options.token),
    onAuthFailure: () => ({ cancel: true }),
    onProgress: (event) => {
      options.signal?.throwIfAborted();
      options.onProgress?.(event.phase, event.loaded, event.total);
    },
  });
  const branch = (await iso.currentBranch({ fs, dir: ROOT })) ?? options.ref ?? 'main';
  const commit = await iso.resolveRef({ fs, dir: ROOT, ref: 'HEAD' });
  const { commit: read } = await iso.readCommit({ fs, dir: ROOT, oid: commit });
  const settings: [string, string][] = [
    ['autopilot.repository', options.repository],
    ['autopilot.branch', branch],
    ['autopilot.upstream', commit],
    ['autopilot.base', commit],
    ...(options.identity ? ([['user.name', options.identity.name], ['user.email', options.identity.email]] as [string, string][]) : []),
  ];
  for (const [path, value] of settings) await iso.setConfig({ fs, dir: ROOT, path, value });
  const files = new Map<string, Uint8Array>();
  const executables: string[] = [];
  for (const [path, bytes] of memory.files()) {
    const relative = path.slice(ROOT.length + 1);
    files.set(relative, bytes);
    if (memory.modeOf(path) === 0o100755) executables.push(relative);
  }
  const dirs = memory.dirs().filter((path) => path.startsWith(`${ROOT}/`)).map((path) => path.slice(ROOT.length + 1));
  return { files, dirs, executables, commit, tree: read.tree, branch };
}
