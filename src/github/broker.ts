/**
 * The page's git broker: the network half of `git clone/fetch/pull/push` typed in the lite sandbox. The
 * sandbox runs isomorphic-git over its own files and hands each smart-HTTP request here; the broker performs
 * it through the Git CORS proxy, adding the token — and only for the repository opened on the page (Open from
 * GitHub, execute({repo})). Any other URL, host or path is refused before a request leaves, and nothing the
 * sandbox receives carries the token (answers are the git server's bytes and headers). With no proxy, a push
 * is replayed through GitHub's API (as a pull request is). Light: Octokit loads only for that push.
 */
import type { ApiPush, GitRemote, RemoteBinding, RemoteHttpRequest, RemoteHttpResponse } from '../git/context';
import type { SecretRegistry } from '../core/secrets';
import { gitUrlOf, parseRepoRef } from './repo-ref';
import type { GitHubAccess } from './access';

/** What the broker needs from the page. */
export interface BrokerDeps {
  access: () => GitHubAccess;
  /** `owner/name` opened on the page now; undefined: none (every remote operation is refused). */
  repository: () => string | undefined;
  secrets: SecretRegistry;
  /** Injected fetch (tests); default: the page's. */
  fetch?: typeof fetch;
}

/** The paths of git's smart HTTP under a repository's URL, and the services they may name. */
const SMART_PATHS = ['/info/refs', '/git-upload-pack', '/git-receive-pack'];
const SERVICES = ['git-upload-pack', 'git-receive-pack'];

/** Request headers the sandbox may set (everything else — Authorization above all — is the broker's). */
const PASSED_HEADERS = new Set(['accept', 'content-type', 'git-protocol', 'user-agent']);

/** isomorphic-git's proxy URL scheme (@isomorphic-git/cors-proxy): `<proxy>/<host>/<path>`, or `<proxy>?<url>`. */
export function throughProxy(proxy: string, url: string): string {
  return proxy.endsWith('?') ? `${proxy}${url}` : `${proxy.replace(/\/+$/, '')}/${url.replace(/^https?:\/\//, '')}`;
}

function basicAuth(token: string): string {
  return `Basic ${btoa(`x-access-token:${token}`)}`;
}

/** The page's broker, served to the lite sandbox's worker. */
export class GitBroker implements GitRemote {
  constructor(private readonly deps: BrokerDeps) {}

  async binding(): Promise<RemoteBinding> {
    const proxy = Boolean(this.deps.access().corsProxy);
    const url = this.#boundUrl();
    return url ? { repository: this.deps.repository(), url, proxy } : { proxy };
  }

  #boundUrl(): string | undefined {
    const ref = parseRepoRef(this.deps.repository() ?? '');
    return ref && gitUrlOf(ref, this.deps.access().apiURL);
  }

  /** The request's URL, checked: the opened repository's smart-HTTP endpoints only. */
  #allowed(url: string): URL {
    const bound = this.#boundUrl();
    if (!bound) throw new Error('no repository is open on the page, so the git broker reaches nothing (open one with "Open from GitHub").');
    let asked: URL | undefined;
    try {
      asked = new URL(url);
    } catch {
      asked = undefined;
    }
    const refuse = () => new Error(`the git broker reaches only ${bound} (the repository opened on the page); ${asked?.href ?? url} is refused.`);
    if (!asked) throw refuse();
    const base = new URL(bound);
    // GitHub's owner and name are case-insensitive
    const root = base.pathname.replace(/\.git$/, '').toLowerCase();
    const path = asked.pathname.toLowerCase();
    const rest = path.startsWith(`${root}.git/`) ? path.slice(root.length + 4) : path.startsWith(`${root}/`) ? path.slice(root.length) : undefined;
    const query = [...asked.searchParams.entries()];
    const queryOk = query.every(([key, value]) => key === 'service' && SERVICES.includes(value));
    if (asked.origin !== base.origin || asked.username || asked.password || rest === undefined || !SMART_PATHS.includes(rest) || !queryOk) throw refuse();
    return asked;
  }

  async request(request: RemoteHttpRequest): Promise<RemoteHttpResponse> {
    const url = this.#allowed(request.url);
    const { token, corsProxy } = this.deps.access();
    if (!corsProxy) throw new Error("git's HTTP needs the Git CORS proxy (GitHub's git endpoints send no CORS headers); none is set in Settings.");
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (PASSED_HEADERS.has(name.toLowerCase())) headers[name] = value;
    if (token) headers.Authorization = basicAuth(token);
    const fetcher = this.deps.fetch ?? fetch;
    let response: Response;
    try {
      response = await fetcher(throughProxy(corsProxy, url.href), {
        method: request.method,
        headers,
        ...(request.body && { body: request.body as BodyInit }),
      });
    } catch (error) {
      throw new Error(`could not reach the Git CORS proxy at ${corsProxy} (${(error as Error).message}).`);
    }
    const body = new Uint8Array(await response.arrayBuffer());
    const answered: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      answered[name] = value;
    });
    return { url: request.url, method: request.method, statusCode: response.status, statusMessage: response.statusText, headers: this.#scrubbed(answered), body };
  }

  /** The answer's headers as the sandbox may see them (a proxy echoing the token gets it scrubbed). */
  #scrubbed(headers: Record<string, string>): Record<string, string> {
    const { token } = this.deps.access();
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (name === 'set-cookie') continue;
      out[name] = token && (value.includes(token) || value.includes(btoa(`x-access-token:${token}`))) ? '[scrubbed]' : value;
    }
    return out;
  }

  async pushCommits(push: ApiPush): Promise<{ sha: string }> {
    const repository = this.deps.repository();
    if (!repository || !this.#boundUrl()) throw new Error('no repository is open on the page, so there is nothing to push to.');
    const { token, apiURL } = this.deps.access();
    const github = await import('./index');
    try {
      return await github.pushCommits({ ...(token && { token }), baseUrl: apiURL }, repository, push, this.deps.secrets);
    } catch (error) {
      // the sandbox reads this: a message only, scrubbed
      const message = this.deps.secrets.scrub((error as Error).message ?? String(error));
      throw new Error(token ? message.split(token).join('[scrubbed]') : message);
    }
  }
}
