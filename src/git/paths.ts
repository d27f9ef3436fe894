/** Paths between the three frames git uses: absolute, relative to the repository root, relative to cwd. */

/** Normalise a POSIX path: collapse `//`, `.` and `..`. */
export function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return (path.startsWith('/') ? '/' : '') + out.join('/');
}

/** Where cwd is inside the repository, as a root-relative prefix ('' at the root, else 'sub/dir'). */
export function cwdPrefix(dir: string, cwd: string): string {
  const full = normalize(cwd);
  const root = normalize(dir || '/');
  if (full === root) return '';
  return full.startsWith(`${root}/`) ? full.slice(root.length + 1) : root === '/' ? full.slice(1) : '';
}

/** A path typed at `prefix` (relative or absolute), as a root-relative path ('' for the root itself). */
export function toRepoPath(dir: string, prefix: string, typed: string): string {
  const absolute = typed.startsWith('/') ? normalize(typed) : normalize(`${dir || ''}/${prefix}/${typed}`);
  const root = normalize(dir || '/');
  if (absolute === root) return '';
  return absolute.startsWith(`${root}/`) ? absolute.slice(root.length + 1) : absolute.slice(root.length);
}

/** A root-relative path as seen from `prefix` (e.g. `../a.txt`). */
export function fromPrefix(prefix: string, path: string): string {
  if (!prefix) return path;
  const from = prefix.split('/');
  const to = path.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const trailing = path.endsWith('/') ? '/' : '';
  const rest = to.slice(common).filter(Boolean).join('/');
  return '../'.repeat(from.length - common) + rest + (rest.endsWith('/') ? '' : trailing);
}

/** Whether a root-relative path lies in any of the pathspecs (root-relative, '' = everything). */
export function inPathspecs(path: string, specs: readonly string[]): boolean {
  if (specs.length === 0) return true;
  return specs.some((spec) => spec === '' || path === spec || path.startsWith(`${spec.replace(/\/$/, '')}/`));
}
