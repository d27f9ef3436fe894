/** What a person types to name a GitHub repository: `owner/name`, a github.com URL, optionally `#branch`. */

/** A repository on GitHub and, optionally, the branch to open. */
export interface RepoRef {
  owner: string;
  name: string;
  ref?: string;
}

const NAME = /^[A-Za-z0-9_.-]+$/;

/** Parse `owner/name[#branch]` or `https://github.com/owner/name[.git][/tree/branch][#branch]`; undefined when it is neither. */
export function parseRepoRef(text: string): RepoRef | undefined {
  let rest = text.trim();
  let ref: string | undefined;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    ref = rest.slice(hash + 1) || undefined;
    rest = rest.slice(0, hash);
  }
  rest = rest.replace(/^(?:https?:\/\/)?(?:www\.)?github\.com\//, '').replace(/^git@github\.com:/, '');
  const tree = /^([^/]+)\/([^/]+)\/tree\/(.+)$/.exec(rest);
  if (tree) {
    rest = `${tree[1]}/${tree[2]}`;
    ref ??= tree[3];
  }
  const [owner, raw, ...extra] = rest.replace(/\/+$/, '').split('/');
  const name = raw?.replace(/\.git$/, '');
  if (!owner || !name || extra.length || !NAME.test(owner) || !NAME.test(name)) return undefined;
  return ref ? { owner, name, ref } : { owner, name };
}

/** `owner/name`. */
export function fullName(repo: RepoRef): string {
  return `${repo.owner}/${repo.name}`;
}

/** The `owner/name` a work dir was opened from, read from its `.git/config` text; undefined when it was not. */
export function openedRepositoryOf(config: string): string | undefined {
  const section = /\[autopilot\]([^[]*)/.exec(config)?.[1] ?? '';
  return /^\s*repository\s*=\s*(\S+)\s*$/m.exec(section)?.[1];
}

/** The git URL of a repository on the host behind `apiURL` (api.github.com → github.com; Enterprise: its host). */
export function gitUrlOf(ref: RepoRef, apiURL: string): string {
  const api = new URL(apiURL);
  const host = api.hostname === 'api.github.com' ? 'https://github.com' : api.origin;
  return `${host}/${ref.owner}/${ref.name}.git`;
}
