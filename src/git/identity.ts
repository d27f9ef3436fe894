/**
 * Who a commit is by and when: GIT_AUTHOR_* / GIT_COMMITTER_* variables, then the repository's config,
 * then ~/.gitconfig, then the default author. Dates take git's `@<seconds> <zone>` and `<seconds> <zone>`.
 */
import { iso } from './iso';
import type { Repo } from './repo';
import { readGlobalConfig } from './global-config';

/** The author used when nobody configured one. */
export const DEFAULT_AUTHOR = { name: 'Autopilot', email: 'autopilot@users.noreply.github.com' } as const;

/** A commit signature as isomorphic-git takes it. */
export interface Signature {
  name: string;
  email: string;
  timestamp: number;
  timezoneOffset: number;
}

/** Parse a GIT_*_DATE value ("@1700000000 +0100", "1700000000 -0230" or an ISO date). */
export function parseGitDate(text: string | undefined, now: Date): { timestamp: number; timezoneOffset: number } {
  const match = /^@?(\d+)(?:\s+([+-])(\d\d):?(\d\d))?$/.exec(text?.trim() ?? '');
  if (match) {
    const minutes = match[2] ? (Number(match[3]) * 60 + Number(match[4])) * (match[2] === '-' ? -1 : 1) : 0;
    return { timestamp: Number(match[1]), timezoneOffset: minutes === 0 ? 0 : -minutes };
  }
  const parsed = text ? new Date(text) : now;
  const date = Number.isNaN(parsed.getTime()) ? now : parsed;
  return { timestamp: Math.floor(date.getTime() / 1000), timezoneOffset: 0 };
}

async function configured(repo: Repo | undefined, env: Record<string, string>, key: 'name' | 'email'): Promise<string | undefined> {
  if (repo) {
    const value = await iso.getConfig({ fs: repo.fs, dir: repo.dir, path: `user.${key}` });
    if (typeof value === 'string' && value) return value;
  }
  if (repo) {
    const global = await readGlobalConfig(repo.fs, env);
    if (global.get(`user.${key}`)) return global.get(`user.${key}`);
  }
  return undefined;
}

/** The author or committer signature for a new commit. */
export async function signature(repo: Repo, env: Record<string, string>, role: 'AUTHOR' | 'COMMITTER', now = new Date()): Promise<Signature> {
  const name = env[`GIT_${role}_NAME`] || (await configured(repo, env, 'name')) || DEFAULT_AUTHOR.name;
  const email = env[`GIT_${role}_EMAIL`] || (await configured(repo, env, 'email')) || DEFAULT_AUTHOR.email;
  return { name, email, ...parseGitDate(env[`GIT_${role}_DATE`], now) };
}
