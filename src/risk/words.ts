// Expands words the way the shell would, as far as it can be known before running anything: quotes,
// escapes, `~`, variables set earlier in the same command, `$IFS` splitting, and `$(echo …)`.
import { HOME_DIR, UNKNOWN } from './paths';
import type { ShPart, ShScript, ShWord } from './shell-ast';

/** One argument after expansion. `known` is false when part of it is only known at run time. */
export interface Field {
  text: string;
  known: boolean;
  /** Has an unquoted glob character (`*`, `?`, `[`) or brace list. */
  glob: boolean;
  /** For `<(cmd)`: what reading that file gives. */
  stream?: Stream;
}

/** What flows through a pipe or into a redirect. */
export type Stream =
  | { kind: 'static'; text: string }
  /** Output only known at run time; `source` says where it comes from (e.g. "a download"). */
  | { kind: 'dynamic'; source: string }
  /** A file that was there before this command. */
  | { kind: 'file'; path: string };

/** What the expansion may consult: variables (null = set to something unknown) and the directory. */
export interface ExpandScope {
  env: Map<string, string | null>;
  cwd: string | null;
}

interface Segment {
  text: string;
  known: boolean;
  split: boolean;
  glob: boolean;
}

const MAX_BRACE_WORDS = 32;

/** Expands one word into fields (none, one, or several after brace expansion and splitting). */
export function expandWord(word: ShWord, scope: ExpandScope): Field[] {
  return expandBraces(word).flatMap((w) => expandOne(w, scope));
}

/** `{a,b}` in unquoted text: one word per alternative (bounded). */
function expandBraces(word: ShWord): ShWord[] {
  const i = word.parts.findIndex((p) => p.type === 'lit' && !p.quoted && /\{[^{}]*,[^{}]*\}/.test(p.value));
  if (i < 0) return [word];
  const part = word.parts[i] as Extract<ShPart, { type: 'lit' }>;
  const m = /\{([^{}]*,[^{}]*)\}/.exec(part.value)!;
  const words = m[1].split(',').map((alt) => ({
    parts: word.parts.map((p, j) => (j === i ? { ...part, value: part.value.slice(0, m.index) + alt + part.value.slice(m.index + m[0].length) } : p)),
  }));
  return words.flatMap(expandBraces).slice(0, MAX_BRACE_WORDS);
}

function expandOne(word: ShWord, scope: ExpandScope): Field[] {
  const segs = word.parts.map((p, i) => segment(p, i, scope));
  const known = segs.every((s) => s.known);
  const glob = segs.some((s) => s.glob);
  if (!known) return [{ text: segs.map((s) => (s.known ? s.text : UNKNOWN)).join(''), known: false, glob }];
  const fields: string[] = [];
  let current: string | null = null;
  for (const s of segs) {
    if (!s.split) {
      current = (current ?? '') + s.text;
      continue;
    }
    const pieces = s.text.split(/[ \t\n]+/);
    pieces.forEach((piece, i) => {
      if (i > 0 && current !== null) {
        fields.push(current);
        current = null;
      }
      if (piece !== '') current = (current ?? '') + piece;
    });
  }
  if (current !== null) fields.push(current);
  // A word made only of quotes still yields one (empty) field.
  if (fields.length === 0 && word.parts.some((p) => p.quoted)) fields.push('');
  return fields.map((text) => ({ text, known: true, glob }));
}

/** Expands a word to one string, or null when any part is unknown (no splitting). */
export function wordText(word: ShWord, scope: ExpandScope): string | null {
  const segs = word.parts.map((p, i) => segment(p, i, scope));
  return segs.every((s) => s.known) ? segs.map((s) => s.text).join('') : null;
}

/** The text of a word with unknown parts replaced by `${__unknown}` so that it still parses as shell. */
export function wordScriptText(word: ShWord, scope: ExpandScope): { text: string; known: boolean } {
  const segs = word.parts.map((p, i) => segment(p, i, scope));
  return { text: segs.map((s) => (s.known ? s.text : '${__unknown}')).join(''), known: segs.every((s) => s.known) };
}

function segment(part: ShPart, index: number, scope: ExpandScope): Segment {
  switch (part.type) {
    case 'lit': {
      let text = part.value;
      if (!part.quoted && index === 0 && (text === '~' || text.startsWith('~/'))) text = HOME_DIR + text.slice(1);
      const glob = !part.quoted && /[*?[]/.test(text);
      return { text, known: true, split: false, glob };
    }
    case 'param': {
      const value = paramValue(part.name, scope);
      return { text: value ?? '', known: value !== null, split: !part.quoted, glob: false };
    }
    case 'subst': {
      const out = part.proc ? null : staticOutput(part.script, scope);
      return { text: out ?? '', known: out !== null, split: !part.quoted, glob: false };
    }
    case 'dynamic':
      return { text: '', known: false, split: false, glob: false };
  }
}

function paramValue(name: string, scope: ExpandScope): string | null {
  if (scope.env.has(name)) return scope.env.get(name) ?? null;
  if (name === 'IFS') return ' ';
  if (name === 'HOME') return HOME_DIR;
  if (name === 'PWD') return scope.cwd;
  return null;
}

/** What `$(…)` prints when that is obvious without running it: `echo`, `printf`, `pwd`. */
export function staticOutput(script: ShScript, scope: ExpandScope): string | null {
  if (script.length !== 1) return null;
  const { cmd, redirs } = script[0];
  if (cmd.type !== 'call' || redirs.length > 0 || cmd.assigns.length > 0) return null;
  const fields = cmd.args.flatMap((w) => expandWord(w, scope));
  if (fields.length === 0 || fields.some((f) => !f.known || f.glob)) return null;
  const [name, ...rest] = fields.map((f) => f.text);
  if (name === 'pwd' && rest.length === 0) return scope.cwd;
  if (name === 'echo') return echoText(rest);
  if (name === 'printf' && rest.length > 0 && !rest[0].includes('%')) return unescapeC(rest[0]);
  if (name === 'printf' && rest.length === 2 && rest[0] === '%s') return rest[1];
  return null;
}

/** What `echo ARGS` prints, without its final newline. */
export function echoText(args: string[]): string {
  let i = 0;
  let escapes = false;
  while (i < args.length && /^-[neE]+$/.test(args[i])) escapes ||= args[i++].includes('e');
  const text = args.slice(i).join(' ');
  return escapes ? unescapeC(text) : text;
}

function unescapeC(text: string): string {
  return text.replace(/\\([nt\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\')).replace(/\n$/, '');
}
