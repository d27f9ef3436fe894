// Where output goes: redirections that write, raw network sockets (`/dev/tcp/HOST/PORT`), and how writing
// to a place is rated.
import type { Analysis } from './analysis';
import { HOME_DIR, UNKNOWN, type Place } from './paths';
import type { ShRedirect } from './shell-ast';
import type { Stream } from './values';

/** Text for a reason: home as `~`, unknown parts as `$…`. */
export function showText(text: string): string {
  return text.replaceAll(HOME_DIR + '/', '~/').replaceAll(UNKNOWN, '$…');
}

/** The host of a bash network path (`/dev/tcp/HOST/PORT`, `/dev/udp/…`). */
export function socketHost(abs: string | null): string | undefined {
  return abs ? /^\/dev\/(tcp|udp)\/([^/]+)/.exec(abs)?.[2] : undefined;
}

/** `>`, `>>`, `>|`, `&>`, `&>>`, `<>` and `>& file` (but not `2>&1`). */
export function isOutput(r: ShRedirect): boolean {
  if (r.op === '>&') return !(r.target.parts.length === 1 && r.target.parts[0].type === 'lit' && /^(\d+|-)$/.test(r.target.parts[0].value));
  return ['>', '>>', '>|', '&>', '&>>', '<>'].includes(r.op);
}

/** Rates writing `content` to `where` (a redirect, tee, a file tool inside a command). */
export function rateWrite(analysis: Analysis, where: Place, content: Stream | undefined, append: boolean): void {
  const what = where.text.replaceAll(UNKNOWN, '$…');
  switch (where.kind) {
    case 'sink':
      return;
    case 'device':
      return analysis.raise('high', `writes to the device ${what}`);
    case 'git':
      return analysis.raise('high', `writes into .git (${what})`);
    case 'critical':
      return analysis.raise('high', `writes over ${what}, outside the project`);
    case 'unknown':
      return analysis.raise('medium', `writes to a path only known at run time (${what})`);
    case 'outside':
      if (where.abs?.startsWith('/tmp/')) return analysis.raise('low', `writes ${what}`);
      if (where.abs && /\/\.[^/]+/.test(where.abs)) return analysis.raise('high', `writes ${what}, a configuration file outside the project`);
      return analysis.raise('medium', `writes ${what}, outside the project`);
    case 'inside':
      if (where.glob) return analysis.raise('medium', `writes to every file matching ${what}`);
      if (!append && content?.kind === 'static' && content.text.trim() === '') return analysis.raise('medium', `empties ${what}`);
      return analysis.raise('low', `writes ${what}`);
  }
}
