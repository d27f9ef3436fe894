/** Commits printed as `git log` and `git show` print them: medium, --oneline, and --format placeholders. */
import type { ReadCommitResult } from './iso';
import { short } from './repo';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** git's default date format: "Sat Dec 5 17:03:54 2026 +0000", in the commit's own time zone. */
export function gitDate(timestamp: number, timezoneOffset: number): string {
  const zone = -timezoneOffset;
  const local = new Date((timestamp + zone * 60) * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = zone < 0 ? '-' : '+';
  const abs = Math.abs(zone);
  return (
    `${DAYS[local.getUTCDay()]} ${MONTHS[local.getUTCMonth()]} ${local.getUTCDate()} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${local.getUTCFullYear()} ` +
    `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

/** The first line of a message. */
export function subject(message: string): string {
  return message.split('\n')[0];
}

/** The medium format (git log's default). */
export function mediumFormat(entry: ReadCommitResult): string {
  const { commit } = entry;
  let out = `commit ${entry.oid}\n`;
  if (commit.parent.length > 1) out += `Merge: ${commit.parent.map(short).join(' ')}\n`;
  out += `Author: ${commit.author.name} <${commit.author.email}>\n`;
  out += `Date:   ${gitDate(commit.author.timestamp, commit.author.timezoneOffset)}\n\n`;
  const lines = commit.message.replace(/\n+$/, '').split('\n');
  for (const line of lines) out += `    ${line}\n`;
  return out;
}

/** `--oneline`. */
export function onelineFormat(entry: ReadCommitResult): string {
  return `${short(entry.oid)} ${subject(entry.commit.message)}\n`;
}

/** `--format=…` / `--pretty=format:…` with the common placeholders. */
export function customFormat(entry: ReadCommitResult, template: string): string {
  const { commit } = entry;
  const body = commit.message.split('\n').slice(1).join('\n').replace(/^\n+/, '').replace(/\n+$/, '');
  const fields: Record<string, string> = {
    H: entry.oid,
    h: short(entry.oid),
    T: commit.tree,
    t: short(commit.tree),
    P: commit.parent.join(' '),
    p: commit.parent.map(short).join(' '),
    s: subject(commit.message),
    b: body ? `${body}\n` : '',
    B: commit.message.replace(/\n+$/, '') + '\n',
    an: commit.author.name,
    ae: commit.author.email,
    ad: gitDate(commit.author.timestamp, commit.author.timezoneOffset),
    at: String(commit.author.timestamp),
    ai: isoDate(commit.author.timestamp, commit.author.timezoneOffset),
    cn: commit.committer.name,
    ce: commit.committer.email,
    cd: gitDate(commit.committer.timestamp, commit.committer.timezoneOffset),
    ct: String(commit.committer.timestamp),
    n: '\n',
    '%': '%',
  };
  return template.replace(/%(an|ae|ad|at|ai|cn|ce|cd|ct|[HhTtPpsbBn%])/g, (_m, key: string) => fields[key]);
}

function isoDate(timestamp: number, timezoneOffset: number): string {
  const [day, month, date, time, year, zone] = gitDate(timestamp, timezoneOffset).split(' ');
  void day;
  const m = String(MONTHS.indexOf(month) + 1).padStart(2, '0');
  return `${year}-${m}-${date.padStart(2, '0')} ${time} ${zone}`;
}

/** A `--pretty`/`--format` value as a template, or the named format. */
export function formatOf(value: string | undefined): { kind: 'medium' | 'oneline' } | { kind: 'custom'; template: string; separator: boolean } {
  if (value === undefined || value === 'medium') return { kind: 'medium' };
  if (value === 'oneline') return { kind: 'oneline' };
  if (value.startsWith('format:')) return { kind: 'custom', template: value.slice(7), separator: true };
  if (value.startsWith('tformat:')) return { kind: 'custom', template: value.slice(8), separator: false };
  return { kind: 'custom', template: value, separator: false };
}
