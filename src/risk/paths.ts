// Where a path points, relative to the work dir: the rules care whether it is the work dir itself, one of
// its ancestors, a system folder, the repository's .git, a secret, or just a file inside the project.

/** The sandbox's work dir (see DESIGN: paths are relative to it). */
export const WORK_DIR = '/home/project';
/** What `~` and `$HOME` stand for when rating; any home is rated as precious. */
export const HOME_DIR = '/home/user';
/** Stands in a path for a part only known at run time. */
export const UNKNOWN = '\u0000';

/** What kind of place a path is. */
export type PlaceKind =
  | 'unknown' // computed at run time, or relative to an unknown directory
  | 'critical' // `/`, a top-level or system folder, home, the work dir or one of its ancestors
  | 'git' // inside a .git folder
  | 'device' // a disk or memory device
  | 'sink' // /dev/null, /dev/stdout … (writing there changes nothing)
  | 'inside' // inside the work dir
  | 'outside'; // anywhere else

/** A path as the rules see it. */
export interface Place {
  text: string;
  abs: string | null;
  kind: PlaceKind;
  /** The path ends in a glob that matches everything in its folder (`*`, `.*`, `**`). */
  everything: boolean;
  glob: boolean;
}

const SYSTEM_ROOTS = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib64', '/opt', '/proc', '/root', '/sbin', '/srv', '/sys', '/usr', '/var'];
const SINKS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty', '/dev/zero', '/dev/random', '/dev/urandom']);
const DEVICE = /^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|disk|md|dm-|loop|mapper\/|mem|kmem|port)/;

/** Joins and normalises `path` against `cwd` (null when either is unknown). */
export function resolvePath(path: string, cwd: string | null): string | null {
  if (path.includes(UNKNOWN)) return null;
  let p = path;
  if (p === '~' || p.startsWith('~/')) p = HOME_DIR + p.slice(1);
  if (!p.startsWith('/')) {
    if (cwd === null) return null;
    p = `${cwd}/${p}`;
  }
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

/** Classifies a path given as text (possibly with globs) from the directory `cwd`. */
export function place(text: string, cwd: string | null, glob = /[*?[]/.test(text)): Place {
  const segs = text.split('/');
  const globAt = glob ? segs.findIndex((s) => /[*?[]/.test(s)) : -1;
  const dirText = globAt >= 0 ? segs.slice(0, globAt).join('/') || (text.startsWith('/') ? '/' : '.') : text;
  // `*`, `.*`, `**/*` …: every glob segment from the first to the last matches everything.
  const rest = segs.slice(globAt, segs[segs.length - 1] === '' ? -1 : undefined);
  const everything = globAt >= 0 && rest.length > 0 && rest.every((seg) => /^(\*|\.\*|\*\*|\*\.\*|\.\[!.\]\*)$/.test(seg));
  const abs = resolvePath(dirText, cwd);
  const kind = globAt >= 0 && abs !== null && !everything && globMatches(segs[globAt], '.git') ? 'git' : kindOf(abs, globAt >= 0 && !everything);
  return { text, abs, kind, everything, glob: globAt >= 0 };
}

/** Whether a glob segment (`*`, `?`, `[…]`) matches `name`. */
function globMatches(pattern: string, name: string): boolean {
  const source = pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  try {
    return new RegExp(`^${source}$`).test(name);
  } catch {
    return true; // a pattern we cannot read might match .git: assume it does

  }
}

function kindOf(abs: string | null, belowGlob: boolean): PlaceKind {
  if (abs === null) return 'unknown';
  if (SINKS.has(abs)) return 'sink';
  if (DEVICE.test(abs)) return 'device';
  if (abs.split('/').includes('.git')) return 'git';
  if (belowGlob) return isInside(abs) || abs === WORK_DIR ? 'inside' : isCritical(abs) ? 'critical' : 'outside';
  if (isCritical(abs)) return 'critical';
  return isInside(abs) ? 'inside' : 'outside';
}

function isInside(abs: string): boolean {
  return abs.startsWith(WORK_DIR + '/');
}

/** `/`, top-level and system folders, home, the work dir and its ancestors. */
export function isCritical(abs: string): boolean {
  if (abs === '/tmp' || abs === '/var/tmp') return false;
  if (abs === '/' || abs.split('/').length <= 2) return true;
  if (WORK_DIR === abs || WORK_DIR.startsWith(abs + '/')) return true;
  if (abs === HOME_DIR || HOME_DIR.startsWith(abs + '/')) return true;
  return SYSTEM_ROOTS.some((root) => abs.startsWith(root + '/') && abs.split('/').length <= 3);
}

const SECRET = /(^|\/)(\.env(\..*)?|id_rsa|id_dsa|id_ecdsa|id_ed25519|\.npmrc|\.netrc|\.pypirc|\.git-credentials|credentials(\.json)?|\.bash_history|\.zsh_history|shadow|passwd)$|\.(pem|key|p12|pfx|kdbx)$|(^|\/)(\.ssh|\.aws|\.gnupg|\.kube|\.docker|\.config\/gh)(\/|$)|(^|\/)secrets?(\.|\/|$)/i;

/** Paths whose contents should not leave the machine (keys, tokens, env files). */
export function isSecretPath(text: string): boolean {
  return SECRET.test(text.replace(/^@/, ''));
}

/** Shortens an absolute path for a reason: the work dir reads as `.`-relative. */
export function showPath(place: Place): string {
  return place.text.replaceAll(UNKNOWN, '$…') || "''";
}
