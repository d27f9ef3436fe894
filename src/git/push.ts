/**
 * `git push` over smart HTTP through a CORS proxy (isomorphic-git's transport). Never forced: a ref that moved
 * on the server is refused by git itself, and that refusal is the answer.
 */
import { iso } from './iso';
import { abortableHttp, tokenAuth } from './clone';
import type { GitFs } from './fs';

/** What to push where. */
export interface PushOptions {
  fs: GitFs;
  dir: string;
  url: string;
  corsProxy?: string;
  token?: string;
  /** The local ref (default: the current branch). */
  ref?: string;
  /** The remote branch (default: same name). */
  remoteRef?: string;
  signal?: AbortSignal;
}

/** Push; resolves with the remote ref's new state, or throws git's refusal. */
export async function pushBranch(options: PushOptions): Promise<{ ref: string; ok: boolean; error?: string }> {
  const result = await iso.push({
    fs: options.fs, http: abortableHttp(options.signal), dir: options.dir, url: options.url,
    ...(options.corsProxy && { corsProxy: options.corsProxy }),
    ...(options.ref && { ref: options.ref }),
    ...(options.remoteRef && { remoteRef: options.remoteRef }),
    force: false,
    onAuth: tokenAuth(options.token),
    onAuthFailure: () => ({ cancel: true }),
  });
  const [ref, state] = Object.entries(result.refs)[0] ?? [options.remoteRef ?? options.ref ?? 'HEAD', { ok: result.ok, error: result.error }];
  return { ref, ok: state.ok, ...(state.error && { error: state.error }) };
}
