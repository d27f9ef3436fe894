/** The one module that imports `@octokit/rest` (loaded lazily by the page: only when GitHub is used). */
import { Octokit } from '@octokit/rest';

/** How to reach GitHub's REST API. */
export interface GitHubConnection {
  /** A fine-grained personal access token (Contents and Pull requests read/write); absent: anonymous. */
  token?: string;
  /** The API origin (default https://api.github.com; tests point it at the stand-in). */
  baseUrl?: string;
  /** Injected fetch (tests, or a page that wraps it). */
  fetch?: typeof fetch;
}

/** An Octokit client for this connection (no retries or throttling plugins: errors come back at once). */
export function createOctokit(connection: GitHubConnection): Octokit {
  return new Octokit({
    auth: connection.token || undefined,
    baseUrl: connection.baseUrl ?? 'https://api.github.com',
    userAgent: 'autopilot',
    // failures come back as our own messages (errors.ts): no console lines of Octokit's own
    log: { debug: () => {}, info: () => {}, warn: console.warn, error: () => {} },
    request: connection.fetch ? { fetch: connection.fetch } : undefined,
  });
}

export type { Octokit };
