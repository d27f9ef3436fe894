/**
 * Open through the Git CORS proxy: a real clone with history (isomorphic-git's HTTP transport), checked
 * against the import's limits, with failures said in words (proxy unreachable, refused, not found).
 */
import { cloneRepository, type BuiltRepository } from '../git';
import { GitHubError } from './errors';
import { fullName, gitUrlOf, type RepoRef } from './repo-ref';

export { gitUrlOf };
import type { OpenLimits } from './open-rest';

interface CloneFailure {
  code?: string;
  message?: string;
  data?: { statusCode?: number };
}

function explainClone(error: unknown, what: string, proxy: string, signedIn: boolean): Error {
  const e = error as CloneFailure;
  const status = e.data?.statusCode;
  if (status === 401 || status === 403) {
    return new GitHubError(`${what} refused the clone (${status})${signedIn ? ': the GitHub token may not read it (Contents: read).' : ': add a GitHub token in Settings.'}`, status);
  }
  if (status === 404) return new GitHubError(`${what} was not found through the Git CORS proxy (404). Check the name${signedIn ? '' : ', and add a GitHub token in Settings if it is private'}.`, 404);
  if (e.code === 'NotFoundError') return new GitHubError(`${what} has no such branch (${e.message ?? ''}).`, 404);
  if (status) return new GitHubError(`The Git CORS proxy answered ${status} for ${what}: ${e.message ?? ''}`.trim(), status);
  if (error instanceof TypeError || /fetch|network/i.test(e.message ?? '')) {
    return new GitHubError(`Could not reach the Git CORS proxy at ${proxy} (${e.message ?? 'network error'}). Check that it runs, or clear it in Settings to open through GitHub's REST API.`, 0);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Clone `ref` through the proxy, within `limits` (rebuildable folders are kept: they are in the history). */
export async function cloneThroughProxy(
  ref: RepoRef,
  options: { apiURL: string; corsProxy: string; token?: string; limits: OpenLimits; identity?: { name: string; email: string }; signal?: AbortSignal; onProgress?: (phase: string, loaded: number, total?: number) => void },
): Promise<BuiltRepository & { branch: string }> {
  const what = fullName(ref);
  let cloned: BuiltRepository & { branch: string };
  try {
    cloned = await cloneRepository({
      url: gitUrlOf(ref, options.apiURL), corsProxy: options.corsProxy, repository: what,
      ...(ref.ref && { ref: ref.ref }),
      ...(options.token && { token: options.token }),
      ...(options.identity && { identity: options.identity }),
      ...(options.onProgress && { onProgress: options.onProgress }),
      ...(options.signal && { signal: options.signal }),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw explainClone(error, what, options.corsProxy, Boolean(options.token));
  }
  const worktree = [...cloned.files].filter(([path]) => !path.startsWith('.git/'));
  const bytes = worktree.reduce((sum, [, data]) => sum + data.length, 0);
  if (worktree.length > options.limits.maxFiles) throw new GitHubError(`${what} has ${worktree.length} files; the limit is ${options.limits.maxFiles}.`, 0);
  if (bytes > options.limits.maxBytes) throw new GitHubError(`${what} holds ${bytes} bytes of files; the limit is ${options.limits.maxBytes}.`, 0);
  return cloned;
}
