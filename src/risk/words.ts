// Expands words the way the shell would, as far as it can be known before running anything: quotes,
// escapes, `~`, variables set earlier in the same command, `$IFS` splitting, and `$(echo …)`.
import { HOME_DIR, UNKNOWN } from './paths';
import { isSecretName, secretOf } from './secrets';
import type { ShPart, ShScript, ShWord } from './shell-ast';
import type { Field, Stream } from './values';

export type { Field, Stream } from './values';

/** What the expansion may consult: variables (null = set to something unknown) and the directory. */
export interface ExpandScope {
  env: Map<string, string | null>;
  cwd: string | null;
  /** Variables that hold a secret (name → what secret), e.g. `k=$(cat .env)`. */
  taint?: Map<string, string>;
  /** Namerefs (`declare -n r=k`): name → the variable it stands for. */
  refs?: Map<string, string>;
  /** Arrays this command set (`a=(rm -rf /)`): name → its elements, or null when any is only known at run time. */
  arrays?: Map<string, string[] | null>;
}

/** What substitutions printed, as the walker rated them: part → output. */
export type SubstOutputs = Map<ShPart, Stream | undefined>;

interface Segment {
  text: string;
  known: boolean;
  split: boolean;
  glob: boolean;
  secret?: string;
  /** `"${a[@]}"`: one field per element (the first joins what comes before, the last what comes after). */
  elements?: string[];
}

const MAX_BRACE_WORDS = 32;

/** Expands one word into fields (none, one, or several after brace expansion and splitting). */
export function expandWord(word: ShWord, scope: ExpandScope, outputs?: SubstOutputs): Field[] {
  return expandBraces(word).flatMap((w) => expandOne(w, scope, outputs));
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

function expandOne(word: ShWord, scope: ExpandScope, outputs?: SubstOutputs): Field[] {
  const segs = word.parts.map((p, i) => segment(p, i, scope, outputs));
  const known = segs.every((s) => s.known);
  const glob = segs.some((s) => s.glob);
  const secret = segs.find((s) => s.secret)?.secret;
  const only = word.parts.length === 1 && word.parts[0].type === 'subst' ? outputs?.get(word.parts[0]) : undefined;
  const setup = only?.kind === 'dynamic' ? only.setup : undefined;
  const withSecret = (f: Field): Field => (secret || setup ? { ...f, ...(secret ? { secret } : {}), ...(setup ? { setup } : {}) } : f);
  if (!known) return [withSecret({ text: segs.map((s) => (s.known ? s.text : UNKNOWN)).join(''), known: false, glob })];
  const ifs = paramValue('IFS', scope);
  if (ifs === null && segs.some((s) => s.split)) return [withSecret({ text: segs.map((s) => (s.split ? UNKNOWN : s.text)).join(''), known: false, glob })];
  const splitter = ifsPattern(ifs ?? ' ');
  const fields: string[] = [];
  let current: string | null = null;
  for (const s of segs) {
    if (s.elements) {
      s.elements.forEach((element, i) => {
        if (i > 0) {
          fields.push(current ?? '');
          current = null;
        }
        current = (current ?? '') + element;
      });
      continue;
    }
    if (!s.split) {
      current = (current ?? '') + s.text;
      continue;
    }
    const pieces = splitter ? s.text.split(splitter) : [s.text];
    pieces.forEach((piece, i) => {
      if (i > 0 && current !== null) {
        fields.push(current);
        current = null;
      }
      if (piece !== '') current = (current ?? '') + piece;
    });
  }
  if (current !== null) fields.push(current);
  // A word made only of quotes still yields one (empty) field; `"${a[@]}"` of an empty array yields none.
  if (fields.length === 0 && word.parts.some((p) => p.quoted) && !segs.some((s) => s.elements)) fields.push('');
  return fields.map((text) => withSecret({ text, known: true, glob }));
}

/** How `$IFS` splits unquoted expansions: on runs of its characters (empty IFS: no splitting). */
function ifsPattern(ifs: string): RegExp | null {
  if (ifs === '') return null;
  return new RegExp(`[${[...new Set(ifs)].map((c) => c.replace(/[\]\\^-]/g, '\\$&')).join('')}]+`);
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

function segment(part: ShPart, index: number, scope: ExpandScope, outputs?: SubstOutputs): Segment {
  switch (part.type) {
    case 'lit': {
      let text = part.value;
      if (!part.quoted && index === 0 && (text === '~' || text.startsWith('~/'))) text = HOME_DIR + text.slice(1);
      const glob = !part.quoted && /[*?[]/.test(text);
      return { text, known: true, split: false, glob };
    }
    case 'param': {
      if (part.index !== undefined) return arraySegment(part.name, part.index, part.quoted, scope);
      const name = part.indirect ? paramValue(part.name, scope) : part.name;
      const value = name === null ? null : paramValue(name, scope);
      const secret = name === null ? undefined : secretOfName(name, scope);
      return { text: value ?? '', known: value !== null, split: !part.quoted, glob: false, secret };
    }
    case 'subst': {
      const out = part.proc ? null : staticOutput(part.script, scope);
      const secret = outputs && !part.proc ? secretOf(outputs.get(part)) : undefined;
      return { text: out ?? '', known: out !== null, split: !part.quoted, glob: false, secret };
    }
    case 'dynamic':
      return { text: '', known: false, split: false, glob: false };
  }
}

/** `${a[@]}`, `${a[*]}` or `${a[n]}` from an array this command set (or a plain variable, as bash reads it). */
function arraySegment(name: string, index: '@' | '*' | number, quoted: boolean, scope: ExpandScope): Segment {
  const scalar = scope.env.get(name);
  const elements = scope.arrays?.has(name) ? scope.arrays.get(name)! : scalar === undefined ? null : scalar === null ? null : [scalar];
  const secret = secretOfName(name, scope);
  if (elements === null) return { text: '', known: false, split: !quoted, glob: false, secret };
  if (typeof index === 'number') return { text: elements[index] ?? '', known: true, split: !quoted, glob: false, secret };
  if (index === '@' && quoted) return { text: elements.join(' '), known: true, split: false, glob: false, secret, elements };
  const joiner = index === '*' && quoted ? (paramValue('IFS', scope) ?? ' ').slice(0, 1) : ' ';
  return { text: elements.join(joiner), known: true, split: !quoted, glob: false, secret };
}

/** The secret a variable holds: by its name, or because a secret was assigned to it in this command. */
function secretOfName(name: string, scope: ExpandScope): string | undefined {
  const target = scope.refs?.get(name) ?? name;
  const tainted = scope.taint?.get(target);
  if (tainted) return tainted;
  // A variable this command set to a known value holds that value, not a secret from the environment.
  if (typeof scope.env.get(target) === 'string') return undefined;
  return isSecretName(target) ? `$${target}` : undefined;
}

function paramValue(name: string, scope: ExpandScope): string | null {
  const ref = scope.refs?.get(name);
  if (ref !== undefined && ref !== name) return paramValue(ref, { ...scope, refs: undefined });
  if (scope.env.has(name)) return scope.env.get(name) ?? null;
  if (name === 'IFS') return ' \t\n';
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
