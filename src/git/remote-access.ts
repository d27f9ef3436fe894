/**
 * What clone, fetch, pull and push share: reaching the page's broker (context.ts GitRemote) for the opened
 * repository only, isomorphic-git's HTTP client whose requests the page performs, the remote's URL and
 * tracking refs, and git's wording of ref updates and failures.
 */
import { iso, type HttpClient } from './iso';
import type { GitContext, GitRemote, RemoteBinding } from './context';
import { fatal, GitFailure } from './errors';
import { short, type Repo } from './repo';

/** Why no remote can be reached when the sandbox has no broker at all. */
export function noBrokerMessage(command: string): string {
  return (
    `fatal: git ${command} cannot reach the network from this sandbox: remote operations go through the page, ` +
    'and no remote is connected here (the sandbox never holds a token). Work with the local repository; to ' +
    'publish it, commit and use the create_pull_request tool (when you have it).\n'
  );
}

export function needsProxy(command: string): GitFailure {
  return fatal(
    `git ${command} needs the Git CORS proxy: GitHub's git endpoints send no CORS headers, so a browser page can ` +
      'reach them only through a proxy, and none is set (Settings → Git CORS proxy). Without one, `git push` ' +
      'still works (through GitHub\'s API) and create_pull_request opens a pull request.',
  );
}

/** https://GitHub.com/o/r.git/ and https://github.com/o/r name the same repository. */
export function sameRepositoryUrl(a: string, b: string): boolean {
  const canonical = (url: string) => {
    try {
      const parsed = new URL(url);
      // GitHub's owner and name are case-insensitive
      return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '').replace(/\.git$/, '')}`.toLowerCase();
    } catch {
      return url;
    }
  };
  return canonical(a) === canonical(b);
}

/** No broker: git's answer before anything else is looked at. */
export function requireBroker(ctx: GitContext, command: string): void {
  if (!ctx.remote) throw new GitFailure(noBrokerMessage(command), 128);
}

/** The broker, its binding, and the URL asked for — refused unless it is the opened repository's. */
export async function reach(ctx: GitContext, command: string, url: string | undefined): Promise<{ remote: GitRemote; binding: Required<RemoteBinding> }> {
  const remote = ctx.remote;
  if (!remote) throw new GitFailure(noBrokerMessage(command), 128);
  const binding = await remote.binding();
  if (!binding.repository || !binding.url) {
    throw fatal(
      `git ${command}: no repository is open on the page. Remote operations go through the page, and only to ` +
        'the repository opened with "Open from GitHub" (or execute({repo})); none is, so nothing can be reached.',
    );
  }
  if (url !== undefined && !sameRepositoryUrl(url, binding.url)) {
    throw fatal(
      `git ${command}: '${url}' is not the repository opened on the page (${binding.url}); the page reaches only ` +
        'that one, so other remotes and hosts are refused.',
    );
  }
  return { remote, binding: binding as Required<RemoteBinding> };
}

async function collect(body: AsyncIterableIterator<Uint8Array> | Iterable<Uint8Array> | undefined): Promise<Uint8Array | undefined> {
  if (!body) return undefined;
  const parts: Uint8Array[] = [];
  for await (const part of body as AsyncIterable<Uint8Array>) parts.push(part);
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** isomorphic-git's HTTP client, its requests performed by the page. */
export function brokeredHttp(remote: GitRemote): HttpClient {
  return {
    async request({ url, method = 'GET', headers = {}, body }) {
      const bytes = await collect(body as AsyncIterableIterator<Uint8Array> | undefined);
      const response = await remote.request({ url, method, headers, ...(bytes && { body: bytes }) });
      return {
        url: response.url,
        method: response.method,
        statusCode: response.statusCode,
        statusMessage: response.statusMessage,
        headers: response.headers,
        body: (async function* () {
          yield response.body;
        })(),
      };
    },
  };
}

/** A remote name (`origin`) or URL, as its URL; git's own error when it names nothing. */
export async function remoteUrl(repo: Repo, name: string): Promise<{ url: string; remote?: string }> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) return { url: name };
  const url = await iso.getConfig({ fs: repo.fs, dir: repo.dir, path: `remote.${name}.url` });
  if (typeof url !== 'string') {
    throw new GitFailure(
      `fatal: '${name}' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\n` +
        'Please make sure you have the correct access rights\nand the repository exists.\n',
      128,
    );
  }
  return { url, remote: name };
}

export async function config(repo: Repo, key: string): Promise<string | undefined> {
  const found = await iso.getConfig({ fs: repo.fs, dir: repo.dir, path: key });
  return typeof found === 'string' ? found : undefined;
}

/** What a thrown error from isomorphic-git or the page says, as git's last line. */
export function failure(error: unknown, command: string): GitFailure {
  if (error instanceof GitFailure) return error;
  const e = error as { message?: string; data?: { statusCode?: number } };
  const status = e.data?.statusCode;
  if (status === 401 || status === 403) return fatal(`git ${command}: the repository refused access (${status}): the GitHub token in Settings may lack Contents read/write.`);
  return fatal(`git ${command}: ${e.message ?? String(error)}`);
}

/** The remote-tracking branches of `remote`, by name. */
export async function trackingRefs(repo: Repo, remote: string): Promise<Map<string, string>> {
  const refs = new Map<string, string>();
  for (const branch of await iso.listBranches({ fs: repo.fs, dir: repo.dir, remote }).catch(() => [] as string[])) {
    if (branch === 'HEAD') continue;
    refs.set(branch, await iso.resolveRef({ fs: repo.fs, dir: repo.dir, ref: `refs/remotes/${remote}/${branch}` }));
  }
  return refs;
}

/** git's ref-update lines: `   abc1234..def5678  main       -> origin/main`, ` * [new branch]      x -> origin/x`. */
export function updateLines(updates: { from: string; to: string; old?: string; now: string }[], minWidth = 0): string {
  const width = Math.max(minWidth, ...updates.map((u) => u.from.length));
  return updates.map((u) => ` ${u.old ? ' ' : '*'} ${(u.old ? `${short(u.old)}..${short(u.now)}` : '[new branch]').padEnd(17)} ${u.from.padEnd(width)} -> ${u.to}\n`).join('');
}

export function shownUrl(url: string): string {
  return url.replace(/\.git$/, '');
}

/** Is `ancestor` in `oid`'s history? */
export async function descends(repo: Repo, oid: string, ancestor: string): Promise<boolean> {
  if (oid === ancestor) return true;
  return iso.isDescendent({ fs: repo.fs, dir: repo.dir, oid, ancestor, depth: -1, cache: repo.cache }).catch(() => false);
}

/** The branch a pull or push goes to on the remote when none is named: the upstream's, else the same name. */
export async function remoteBranchOf(repo: Repo, branch: string): Promise<string> {
  const merge = await config(repo, `branch.${branch}.merge`);
  return merge ? merge.replace(/^refs\/heads\//, '') : branch;
}
