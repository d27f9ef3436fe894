import type { Invocation, Stream } from '../scope';
import { HOME_DIR, UNKNOWN, type Place } from '../paths';

/** A rule rates one command; it returns what the command prints, when that matters downstream. */
export type Rule = (inv: Invocation) => Stream | undefined | void;

/** True when a short flag letter (in any cluster like `-rf`) or one of the long names is present. */
export function hasFlag(words: readonly string[], letters: string, long: readonly string[] = []): boolean {
  for (const w of words) {
    if (w === '--') return false;
    if (w.startsWith('--')) {
      if (long.includes(w.split('=')[0])) return true;
    } else if (w.startsWith('-') && w.length > 1 && [...w.slice(1)].some((c) => letters.includes(c))) return true;
  }
  return false;
}

/**
 * The operands of a command: words that are not options. `withValue` lists options that take the next
 * word as their value (`-n 5`).
 */
export function operands(words: readonly string[], withValue: readonly string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') return [...out, ...words.slice(i + 1)];
    if (w.startsWith('-') && w.length > 1) {
      if (withValue.includes(w)) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

/** The value of `--name=value`, `--name value`, `-x value` or `-xvalue`. */
export function optionValue(words: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    for (const n of names) {
      if (w === n) return words[i + 1];
      if (n.startsWith('--') && w.startsWith(n + '=')) return w.slice(n.length + 1);
      if (!n.startsWith('--') && n.length === 2 && w.startsWith(n) && w.length > 2) return w.slice(2);
    }
  }
  return undefined;
}

/** A path or word for a reason, with unknown parts shown as `$…`. */
export function show(text: string): string {
  const shown = text.startsWith(HOME_DIR) && /^(\/|$)/.test(text.slice(HOME_DIR.length)) ? '~' + text.slice(HOME_DIR.length) : text;
  return shown.replaceAll(UNKNOWN, '$…') || "''";
}

/** Whether deleting (or overwriting) this place wholesale is catastrophic. */
export function isWholesale(where: Place): boolean {
  return where.kind === 'critical' || where.kind === 'unknown' || where.kind === 'git' || where.kind === 'device';
}

export const dynamic = (source: string): Stream => ({ kind: 'dynamic', source });

/** A long option as typed, possibly abbreviated (getopt_long and git take any unique prefix): its full name. */
export function longOption(word: string, names: readonly string[]): string | undefined {
  const name = word.split('=')[0];
  if (names.includes(name)) return name;
  const matches = names.filter((n) => n.startsWith(name));
  if (name.length < 3 || matches.length === 0) return undefined;
  // `--forc` could be --force or --force-with-lease: read it as the shortest, which the others extend.
  const shortest = matches.reduce((a, b) => (b.length < a.length ? b : a));
  return matches.every((m) => m.startsWith(shortest)) ? shortest : undefined;
}

/**
 * The option words with long options spelled out in full (`--ha` → `--hard`) and short clusters cut where
 * a letter takes a value (`-bfeature` is `-b feature`, not `-b -f …`): the value moves to its own word.
 */
export function normalizeOptions(words: readonly string[], long: readonly string[], valued = ''): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') return [...out, ...words.slice(i)];
    if (w.startsWith('--')) {
      const full = longOption(w, long);
      out.push(full ? full + (w.includes('=') ? w.slice(w.indexOf('=')) : '') : w);
    } else if (w.startsWith('-') && w.length > 2 && valued) {
      const at = [...w.slice(1)].findIndex((c) => valued.includes(c));
      if (at >= 0 && at + 2 < w.length) out.push(w.slice(0, at + 2), w.slice(at + 2));
      else out.push(w);
    } else out.push(w);
  }
  return out;
}

/** Each value of an option that may repeat, in `-d v`, `-dv`, `--data=v` and `--data v` forms. */
export function optionValues(words: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  words.forEach((w, i) => {
    for (const n of names) {
      if (w === n && i + 1 < words.length) out.push(words[i + 1]);
      else if (n.startsWith('--') && w.startsWith(n + '=')) out.push(w.slice(n.length + 1));
      else if (!n.startsWith('--') && !w.startsWith('--') && n.length === 2 && w.startsWith(n) && w.length > 2) out.push(w.slice(2));
    }
  });
  return out;
}

/** Rates the value of each option that names a command to run (`rsync -e CMD`, `tar --to-command=CMD`). */
export function runsCommandOptions(inv: Invocation, names: readonly string[]): void {
  for (const v of optionValues(inv.words, names)) inv.shell(v.replace(/^exec=/, '').replaceAll(UNKNOWN, '${__unknown}'), `${inv.base} ${names[0]}`);
}
