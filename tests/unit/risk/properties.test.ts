// Wrapping or disguising a command never lowers its rating (mutation tests over every high command of the
// frozen corpus, our own set and our exact-level cases); benign here-doc writes are never high.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadShellParser, rateCommandWith, type ShellParser } from '../../../src/risk';
import { rank } from '../../../src/risk/verdict';

let parser: ShellParser;
beforeAll(async () => {
  parser = await loadShellParser();
});

const rate = (command: string) => rateCommandWith(parser, command);

function labelled(path: string): { risk: string; command: string }[] {
  return readFileSync(new URL(path, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { risk: string; command: string });
}

const HIGH = [
  ...labelled('../../fixtures/risk/corpus/risk-commands.jsonl'),
  ...labelled('../../fixtures/risk/own-commands.jsonl'),
  ...labelled('../../fixtures/risk/commands.jsonl'),
]
  .filter((c) => c.risk === 'high')
  .map((c) => c.command);

const singleQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
const doubleQuote = (s: string) => `"${s.replace(/[\\"$`]/g, (c) => '\\' + c)}"`;
/** Text to close a construct after `s`: a newline first when `s` ends a here-doc. */
const close = (s: string, closer: string) => (s.includes('\n') ? `${s}\n${closer}` : `${s}${closer}`);

/** Splits the first word of a command with `''` or `\` at `at`, when that word is plain. */
function splitFirstWord(command: string, at: number, how: "''" | '\\'): string {
  const m = /^[A-Za-z0-9_.-]{2,}(?=\s|$)/.exec(command);
  if (!m) return command;
  const i = 1 + (at % (m[0].length - 1));
  return command.slice(0, i) + how + command.slice(i);
}

/** A single simple command of plain words (no quotes, expansions or operators): rewrites of its words keep its meaning. */
const PLAIN = /^[A-Za-z0-9_./~-]+( [A-Za-z0-9_./~:@=+%*-]+)*$/;
const plain = (c: string, rewrite: (words: string[]) => string) => (PLAIN.test(c) ? rewrite(c.split(' ')) : c);

/** A command prefix applies to one command: a list or a script goes inside `bash -c` to keep its meaning. */
const prefix = (word: string, c: string) => (/[;&|\n]/.test(c) ? `${word} bash -c ${singleQuote(c)}` : `${word} ${c}`);

type Wrap = (c: string, n: number) => string;
const WRAPS: Record<string, Wrap> = {
  "bash -c '…'": (c) => `bash -c ${singleQuote(c)}`,
  'sh -c "…"': (c) => `sh -c ${doubleQuote(c)}`,
  'zsh -c': (c) => `zsh -c ${singleQuote(c)}`,
  // A space after `$(` and `(`: `$((` would start arithmetic, not a command.
  '$(…)': (c) => `echo "$( ${close(c, ')')}"`,
  'bare $(…)': (c) => `$( ${close(c, ')')}`,
  backticks: (c) => (c.includes('`') ? `echo $( ${close(c, ')')}` : `echo \`${close(c, '`')}`),
  eval: (c) => `eval ${singleQuote(c)}`,
  '; true': (c) => close(c, '; true').replace('\n; true', '\ntrue'),
  'true && …': (c) => `true && ${c}`,
  'false || …': (c) => `false || ${c}`,
  subshell: (c) => `( ${close(c, ')')}`,
  block: (c) => `{ ${close(c, '; }').replace('\n; }', '\n}')}`,
  sudo: (c) => prefix('sudo', c),
  'env X=1': (c) => prefix('env X=1', c),
  'X=1 prefix': (c) => prefix('X=1', c),
  "split with ''": (c, n) => splitFirstWord(c, n, "''"),
  'split with \\': (c, n) => splitFirstWord(c, n, '\\'),
  nohup: (c) => prefix('nohup', c),
  'if true': (c) => `if true; then ${close(c, '; fi').replace('\n; fi', '\nfi')}`,
  'pipe into sh': (c) => (c.includes("'") ? `bash -c ${singleQuote(c)}` : `echo ${singleQuote(c)} | sh`),
  command: (c) => plain(c, (w) => `command ${w.join(' ')}`),
  'builtin eval': (c) => `builtin eval ${singleQuote(c)}`,
  'exec in a subshell': (c) => plain(c, (w) => `( exec ${w.join(' ')} )`),
  env: (c) => plain(c, (w) => `env ${w.join(' ')}`),
  'eval of a variable': (c) => `c=${singleQuote(c)}; eval "$c"`,
  '"first word"': (c) => plain(c, ([first, ...rest]) => [`"${first}"`, ...rest].join(' ')),
  'backslash prefix': (c) => plain(c, ([first, ...rest]) => [`\\${first}`, ...rest].join(' ')),
  '$(echo first word)': (c) => plain(c, ([first, ...rest]) => [`$(echo ${first})`, ...rest].join(' ')),
  xargs: (c) => plain(c, ([first, ...rest]) => (rest.length ? `printf '%s\\n' ${rest.join(' ')} | xargs ${first}` : c)),
  'find -exec': (c) => plain(c, (w) => `find . -maxdepth 0 -exec ${w.join(' ')} \\;`),
  'find -delete': (c) => plain(c, ([first, ...rest]) => {
    const targets = rest.filter((x) => !x.startsWith('-'));
    return first === 'rm' && rest.some((x) => /^-[a-zA-Z]*[rR]/.test(x)) && targets.length === 1 ? `find ${targets[0]} -delete` : [first, ...rest].join(' ');
  }),
  'brace list': (c) => plain(c, (w) => (w.length > 1 && w.every((x) => !/[{},*]/.test(x)) ? `{${w.join(',')}}` : w.join(' '))),
  'alias defined earlier': (c) => `alias zz=${singleQuote(c)}\nzz`,
};

describe('disguises never lower a rating', () => {
  it('every high command stays high under any stack of wrappers', () => {
    const wrap = fc.tuple(fc.constantFrom(...Object.keys(WRAPS)), fc.nat(50));
    fc.assert(
      fc.property(fc.constantFrom(...HIGH), fc.array(wrap, { minLength: 1, maxLength: 3 }), (command, wraps) => {
        const wrapped = wraps.reduce((c, [name, n]) => WRAPS[name](c, n), command);
        const verdict = rate(wrapped);
        expect({ wrapped, level: verdict.level }).toEqual({ wrapped, level: 'high' });
      }),
      { numRuns: Number(process.env.RISK_PROPERTY_RUNS ?? 300) },
    );
  }, 120_000);

  // One test per rewrite, so that each stays within the time limit on a busy machine.
  it.each(Object.keys(WRAPS))('%s keeps every high command high', (name) => {
    const lowered: string[] = [];
    for (const command of HIGH) {
      const wrapped = WRAPS[name](command, 0);
      if (rate(wrapped).level !== 'high') lowered.push(wrapped);
    }
    expect(lowered).toEqual([]);
  }, 60_000);

  it('no wrapper lowers any corpus command', () => {
    const all = labelled('../../fixtures/risk/corpus/risk-commands.jsonl').map((c) => c.command);
    const safe = ["bash -c '…'", 'sh -c "…"', 'eval', 'true && …', 'subshell', 'sudo', 'if true'];
    const lowered: string[] = [];
    for (const command of all) {
      const level = rank(rate(command).level);
      for (const name of safe) {
        const wrapped = WRAPS[name](command, 0);
        if (rank(rate(wrapped).level) < level) lowered.push(`${name}: ${wrapped}`);
      }
    }
    expect(lowered).toEqual([]);
  }, 120_000);
});

describe('benign here-doc writes', () => {
  const segment = fc.stringMatching(/^[a-z][a-z0-9_-]{0,7}$/);
  const path = fc.tuple(fc.array(segment, { maxLength: 3 }), segment, fc.constantFrom('', '.ts', '.md', '.json', '.sh', '.py')).map(([dirs, name, ext]) => [...dirs, name + ext].join('/'));
  // Shell-looking punctuation and any other character, on lines of up to 40.
  const char = fc.oneof(fc.constantFrom(...'abcdefgh xyz(){}[]<>|&;*?!#~=+-_/.,:"\'\t$`\\'.split('')), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }));
  const line = fc.string({ unit: char, maxLength: 40 });
  const body = fc.array(line, { maxLength: 8 }).map((lines) => lines.filter((l) => l.replace(/^\t+/, '') !== 'EOF').join('\n'));
  const forms = [
    (p: string, b: string) => `cat > ${p} <<'EOF'\n${b}\nEOF`,
    (p: string, b: string) => `cat <<'EOF' > ${p}\n${b}\nEOF`,
    (p: string, b: string) => `cat >> ${p} <<"EOF"\n${b}\nEOF`,
    (p: string, b: string) => `tee ${p} > /dev/null <<'EOF'\n${b}\nEOF`,
    (p: string, b: string) => `mkdir -p src && cat > src/${p} <<\\EOF\n${b}\nEOF`,
  ];

  it('are never high, whatever the (quoted) body says', () => {
    fc.assert(
      fc.property(path, body, fc.constantFrom(...forms), (p, b, form) => {
        const command = form(p, b);
        expect({ command, high: rate(command).level === 'high' }).toEqual({ command, high: false });
      }),
      { numRuns: Number(process.env.RISK_PROPERTY_RUNS ?? 400) },
    );
  }, 120_000);

  it('with an unquoted delimiter and no expansions are never high', () => {
    const plain = body.map((b) => b.replace(/[$`\\]/g, ''));
    fc.assert(
      fc.property(path, plain, (p, b) => {
        const command = `cat > ${p} <<EOF\n${b}\nEOF`;
        expect({ command, high: rate(command).level === 'high' }).toEqual({ command, high: false });
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('that run what they wrote are rated by the contents', () => {
    expect(rate("cat > a.sh <<'EOF'\nls\nEOF\nsh a.sh")).toEqual({ level: 'low', reasons: ['writes a.sh'] });
    expect(rate("cat > a.sh <<'EOF'\ngit reset --hard\nEOF\nsh a.sh").level).toBe('high');
  });
});
