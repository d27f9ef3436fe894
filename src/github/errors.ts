/** GitHub failures as messages a person can act on (from Octokit's RequestError: status and headers). */

/** A GitHub request that failed, with what to do about it. */
export class GitHubError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'GitHubError';
  }
}

/** The secret scan found something: nothing was sent. */
export class SecretsFoundError extends Error {
  constructor(readonly findings: readonly string[]) {
    super(`Stopped before sending anything: the changes contain what looks like secrets:\n${findings.map((f) => `  ${f}`).join('\n')}\nRemove them (and rotate them if they were real), then try again.`);
    this.name = 'SecretsFoundError';
  }
}

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

/** When the rate limit resets, from GitHub's `x-ratelimit-reset` header (epoch seconds). */
export function resetTime(headers: Record<string, string | number | undefined> | undefined): string {
  const reset = Number(headers?.['x-ratelimit-reset']);
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString().replace('.000Z', 'Z') : 'within the hour';
}

/** Translate an Octokit error (or a network failure) for `what` (e.g. "octo/repo"). */
export function explain(error: unknown, what: string, signedIn: boolean): Error {
  if (error instanceof GitHubError || error instanceof SecretsFoundError) return error;
  const e = error as RequestErrorLike;
  const headers = e.response?.headers;
  if ((e.status === 403 || e.status === 429) && String(headers?.['x-ratelimit-remaining']) === '0') {
    return new GitHubError(`GitHub's rate limit is used up (${headers?.['x-ratelimit-limit'] ?? '?'} requests an hour); it resets at ${resetTime(headers)}.${signedIn ? '' : ' Add a GitHub token in Settings (5 000 requests an hour), or set a Git CORS proxy.'}`, e.status);
  }
  if (e.status === 401) return new GitHubError('GitHub refused the token (401): it is wrong or expired. Check the GitHub token in Settings.', 401);
  if (e.status === 404) {
    return new GitHubError(`${what} was not found on GitHub (404).${signedIn ? ' Check the name, and that the token may read it (Contents: read).' : ' If it is private, add a GitHub token in Settings.'}`, 404);
  }
  if (e.status === 403) return new GitHubError(`GitHub refused this for ${what} (403): the token lacks a permission it needs (Contents and Pull requests: read and write). ${e.message ?? ''}`.trim(), 403);
  if (e.status === 422) return new GitHubError(`GitHub could not process the request for ${what} (422): ${e.message ?? ''}`.trim(), 422);
  if (e.status === undefined || e.status === 500 && /fetch failed|network/i.test(e.message ?? '')) {
    return new GitHubError(`Could not reach GitHub (${e.message ?? 'network error'}). Check the connection and try again.`, 0);
  }
  return new GitHubError(`GitHub answered ${e.status} for ${what}: ${e.message ?? ''}`.trim(), e.status);
}
