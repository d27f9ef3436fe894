// Commands that run another command: the wrapped command is rated as if typed directly (sudo adds
// escalation). Also xargs and find, whose actions run on names only known at run time.
import { UNKNOWN } from '../paths';
import type { Invocation, Stream } from '../scope';
import { literal } from '../scope';
import type { Field } from '../words';
import { rateDelete } from './files';
import { sourceText } from './exec';
import { longOption, type Rule } from './util';

/** Skips leading options (and the values of `withValue` options) and runs the rest as a command. */
function unwrap(inv: Invocation, withValue: readonly string[], stopAtFirst = false): Stream | undefined {
  let i = 0;
  while (i < inv.args.length) {
    const w = inv.words[i];
    if (w === '--') {
      i++;
      break;
    }
    if (!w.startsWith('-') || w === '-' || stopAtFirst) break;
    i += withValue.includes(w) ? 2 : 1;
  }
  return inv.run(inv.args.slice(i), inv.stdin);
}

const sudo: Rule = (inv) => {
  inv.raise('high', `${inv.base} runs the command as root`);
  const rest = inv.args.filter((_, i) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(inv.words[i]) || inv.words.slice(0, i).some((w) => !w.startsWith('-')));
  return unwrap({ ...inv, args: rest, words: rest.map((f) => f.text) }, ['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '--user', '--group', '--host', '--prompt', '--chdir']);
};

const su: Rule = (inv) => {
  inv.raise('high', `${inv.base} switches user`);
  const c = inv.words.findIndex((w) => w === '-c' || w === '--command');
  if (c >= 0 && inv.args[c + 1]) inv.shell(sourceText([inv.args[c + 1]]), `${inv.base} -c`);
};

const env: Rule = (inv) => {
  let i = 0;
  for (; i < inv.args.length; i++) {
    const w = inv.words[i];
    if (w === '-S' || w === '--split-string') return void inv.shell(sourceText(inv.args.slice(i + 1)), 'env -S');
    if (w === '-u' || w === '--unset' || w === '-C' || w === '--chdir' || w === '-P') i++;
    else if (w === '--') continue;
    else if (!w.startsWith('-') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) break;
  }
  if (i >= inv.args.length) {
    inv.raise('none', 'env prints the environment');
    return { kind: 'dynamic', source: 'the environment variables' };
  }
  // `env A=1 B=2 cmd`: the assignments are the command's environment (GIT_SSH_COMMAND, BASH_ENV …).
  const first = inv.args.findIndex((f, k) => k < i && /^[A-Za-z_][A-Za-z0-9_]*=/.test(f.text));
  return inv.run(inv.args.slice(first >= 0 ? first : i), inv.stdin);
};

const timeout: Rule = (inv) => {
  let i = 0;
  while (i < inv.args.length && inv.words[i].startsWith('-')) i += /^(-s|-k|--signal|--kill-after)$/.test(inv.words[i]) ? 2 : 1;
  return inv.run(inv.args.slice(i + 1), inv.stdin);
};

const command: Rule = (inv) => {
  const options = inv.words.slice(0, Math.max(0, inv.words.findIndex((w) => !w.startsWith('-'))));
  if (options.some((w) => /^-[a-zA-Z]*[vV]/.test(w)) || (options.length && inv.words.every((w) => w.startsWith('-')))) return void inv.raise('none', `${inv.base} -v looks a command up`);
  return unwrap(inv, []);
};

const exec: Rule = (inv) => (inv.args.length ? unwrap(inv, ['-a']) : inv.raise('none', 'exec only redirects'));

const flock: Rule = (inv) => {
  const c = inv.words.findIndex((w) => w === '-c' || w === '--command');
  if (c >= 0 && inv.args[c + 1]) return void inv.shell(sourceText([inv.args[c + 1]]), 'flock -c');
  let i = 0;
  while (i < inv.args.length && inv.words[i].startsWith('-')) i += /^(-w|-E|--timeout|--conflict-exit-code)$/.test(inv.words[i]) ? 2 : 1;
  return inv.run(inv.args.slice(i + 1), inv.stdin);
};

/**
 * watch joins its words into one string for `sh -c`; with `-x` (and in some builds) it runs them as a
 * command. Both readings are rated, so neither can hide the other.
 */
const watch: Rule = (inv) => {
  let i = 0;
  while (i < inv.args.length && inv.words[i].startsWith('-')) i += /^(-n|--interval|-q|--equexit)$/.test(inv.words[i]) ? 2 : 1;
  const rest = inv.args.slice(i);
  inv.shell(sourceText(rest), inv.base);
  if (rest.length) inv.run(rest);
  inv.raise('low', `${inv.base} repeats a command`);
};

const XARGS_LONG = ['--arg-file', '--delimiter', '--eof', '--replace', '--max-lines', '--max-args', '--max-procs', '--max-chars', '--process-slot-var', '--null', '--open-tty', '--interactive', '--no-run-if-empty', '--verbose', '--exit', '--show-limits', '--help', '--version'];
const XARGS_LONG_VALUE = ['--arg-file', '--delimiter', '--max-args', '--max-procs', '--max-chars', '--process-slot-var'];
/** Short options that take a value (the rest of the word or the next word); `e`, `i`, `l` take one only when glued. */
const XARGS_VALUED = 'adEILnPsJRS';

/** xargs (GNU and BSD options): runs its command with items from stdin (or `-a FILE`, unknown). */
const xargs: Rule = (inv) => {
  let i = 0;
  let replace: string | undefined;
  let fromFile = false;
  for (; i < inv.args.length; i++) {
    const w = inv.words[i];
    if (w === '--') {
      i++;
      break;
    }
    if (w.startsWith('--')) {
      const name = longOption(w, XARGS_LONG) ?? w.split('=')[0];
      const value = w.includes('=') ? w.slice(w.indexOf('=') + 1) : undefined;
      if (name === '--replace') replace = value || '{}';
      if (name === '--arg-file') fromFile = true;
      if (XARGS_LONG_VALUE.includes(name) && value === undefined) i++;
      continue;
    }
    if (!w.startsWith('-') || w === '-') break;
    const letter = w[1];
    const glued = w.slice(2);
    if (letter === 'i') replace = glued || '{}';
    else if (letter === 'I' || letter === 'J') replace = glued || inv.words[i + 1];
    if (letter === 'a') fromFile = true;
    if (XARGS_VALUED.includes(letter) && !glued) i++;
  }
  const cmd = inv.args.slice(i);
  const items = xargsItems(fromFile ? undefined : inv.stdin);
  if (replace === undefined) return inv.run([...(cmd.length ? cmd : [literal('echo')]), ...items]);
  const item = items.length === 1 ? items[0] : { text: UNKNOWN, known: false, glob: false };
  const key = replace;
  return inv.run(cmd.map((f) => (f.text.includes(key) ? { ...f, text: f.text.replaceAll(key, item.text), known: f.known && item.known } : f)));
};

const PARALLEL_VALUED = new Set(['-j', '--jobs', '-P', '-S', '--sshlogin', '-a', '--arg-file', '-d', '--delimiter', '-I', '--results', '--res', '--joblog', '--tmpdir', '-n', '--max-args', '-N', '--colsep', '-C', '-E', '--timeout', '--delay', '--retries', '--halt', '--memfree', '--load', '--nice', '--workdir', '--wd', '--basefile', '--env', '--tagstring', '--block', '--sshloginfile', '--slf', '-L', '--max-lines', '-s', '--max-chars', '--termseq', '--transfer-file', '--tf', '--return', '--limit', '--shebang-wrap']);
const PARALLEL_TOKEN = /\{(?:\.|\/|\/\/|\/\.|#|%|\d+(?:\.|\/|\/\/|\/\.)?)?\}/g;

/** GNU parallel: builds one shell command line per input item (from `:::` lists or stdin) and runs it in a shell. */
const parallel: Rule = (inv) => {
  let i = 0;
  let replace = '{}';
  for (; i < inv.args.length; i++) {
    const w = inv.words[i];
    if (w === '--') {
      i++;
      break;
    }
    if (/^:::/.test(w) || !w.startsWith('-')) break;
    if (w === '-I') replace = inv.words[i + 1] ?? '{}';
    if (PARALLEL_VALUED.has(w)) i++;
  }
  const sep = inv.args.findIndex((f, k) => k >= i && /^::::?\+?$/.test(f.text));
  const cmd = sep < 0 ? inv.args.slice(i) : inv.args.slice(i, sep);
  const listed = sep < 0 ? undefined : inv.args.slice(sep).filter((f) => !/^::::?\+?$/.test(f.text));
  const fromFiles = sep >= 0 && inv.words[sep].startsWith('::::');
  const items = listed && !fromFiles ? listed : lineItems(sep < 0 ? inv.stdin : undefined);
  // parallel joins its words unquoted (`bash -c 'rm -rf {}'` becomes `bash -c rm -rf …`), or quoted with -q:
  // both readings are rated, so neither can hide the other.
  const quote = (v: string) => (/^[\w@%+=:,./{}-]*$/.test(v) ? v : `'${v.replaceAll("'", `'\\''`)}'`);
  const templates = [...new Set([sourceText(cmd), cmd.map((f) => (f.known ? quote(f.text) : '${__unknown}')).join(' ')])];
  const token = replace === '{}' ? PARALLEL_TOKEN : new RegExp(replace.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g');
  for (const item of items.slice(0, 16)) {
    const value = item.known ? item.text : '${__unknown}';
    const quoted = item.known ? quote(value).replace(/[{}]/g, (c) => `\\${c}`) : value;
    for (const template of templates) {
      const line = cmd.length === 0 ? value : token.test(template) ? template.replace(token, quoted) : `${template} ${quoted}`;
      token.lastIndex = 0;
      inv.shell(line, 'parallel');
    }
  }
  inv.raise('low', 'parallel runs commands');
};

/** concurrently runs each of its arguments as a shell command (`npm:x` is `npm run x`). */
const concurrently: Rule = (inv) => {
  for (const f of inv.args) {
    if (f.text.startsWith('-')) continue;
    inv.shell(f.text.startsWith('npm:') ? `npm run ${f.text.slice(4)}` : sourceText([f]), inv.base);
  }
};

function xargsItems(stdin: Stream | undefined): Field[] {
  // An item with `*` most likely came from a glob the shell expanded upstream (`echo * | xargs rm`).
  if (stdin?.kind === 'static') return stdin.text.split(/\s+/).filter(Boolean).map((text) => ({ ...literal(text), glob: /[*?[]/.test(text) }));
  return [{ text: UNKNOWN, known: false, glob: false }];
}

/** parallel's input items: one a line (`echo 'rm -rf /' | parallel bash -c {}` runs `bash -c 'rm -rf /'`). */
function lineItems(stdin: Stream | undefined): Field[] {
  if (stdin?.kind === 'static') return stdin.text.split('\n').filter((line) => line !== '').map((text) => ({ ...literal(text), glob: /[*?[]/.test(text) }));
  return [{ text: UNKNOWN, known: false, glob: false }];
}

const FIND_FILTERS = /^-(name|iname|path|ipath|wholename|iwholename|regex|iregex|newer.*|mtime|mmin|atime|amin|ctime|cmin|size|empty|user|group|perm|links|inum|samefile|lname|ilname|uid|gid|used|nouser|nogroup)$/;
const DELETERS = new Set(['rm', 'unlink', 'shred', 'truncate', 'srm']);

const find: Rule = (inv) => {
  let i = 0;
  while (i < inv.args.length && /^-[HLP]$|^-O\d$|^-D$/.test(inv.words[i])) i += inv.words[i] === '-D' ? 2 : 1;
  const roots: Field[] = [];
  for (; i < inv.args.length && !/^[-(!]/.test(inv.words[i]); i++) roots.push(inv.args[i]);
  if (roots.length === 0) roots.push(literal('.'));
  const expr = inv.args.slice(i);
  // A filter narrows what is matched, unless its pattern matches everything (`-name '*'`).
  const filtered = expr.some((f, k) => FIND_FILTERS.test(f.text) && !/^(\*|\.\*|\*\*|\*\.\*|\.\/\*|\*\/\*)?$/.test(expr[k + 1]?.text ?? '') );
  const matches = (root: Field): Field => (filtered ? { ...root, text: `${root.text.replace(/\/$/, '')}/<matches>`, glob: false } : root);
  for (let j = 0; j < expr.length; j++) {
    const w = expr[j].text;
    if (w === '-delete') for (const r of roots) rateDelete(inv, matches(r), !filtered);
    if (/^-(fprint0?|fprintf|fls)$/.test(w) && expr[j + 1]) inv.write(expr[j + 1], { kind: 'dynamic', source: 'a file list' }, false);
    if (!/^-(exec|execdir|ok|okdir)$/.test(w)) continue;
    const end = expr.findIndex((f, k) => k > j && (f.text === ';' || f.text === '+'));
    const sub = expr.slice(j + 1, end < 0 ? undefined : end);
    j = end < 0 ? expr.length : end;
    const name = sub[0]?.text.split('/').pop() ?? '';
    for (const r of roots) {
      if (DELETERS.has(name) && sub.some((f) => f.text.includes('{}'))) rateDelete(inv, matches(r), !filtered);
      inv.run(sub.map((f) => (f.text === '{}' ? matches(r) : f)));
    }
  }
  if (!expr.some((f) => /^-(delete|exec|execdir|ok|okdir|fprint0?|fprintf|fls)$/.test(f.text))) inv.raise('none', 'find lists files');
  return { kind: 'dynamic', source: 'a file list' };
};

const alias: Rule = (inv) => {
  for (const f of inv.args) {
    const eq = f.text.indexOf('=');
    if (eq > 0) inv.shell(f.text.slice(eq + 1).replaceAll(UNKNOWN, '${__unknown}'), `the alias ${f.text.slice(0, eq)}`);
  }
  inv.raise(inv.args.some((f) => f.text.includes('=')) ? 'low' : 'none', 'alias');
};

const trap: Rule = (inv) => {
  if (inv.args[0] && !inv.words[0].startsWith('-')) inv.shell(sourceText([inv.args[0]]), 'trap');
  inv.raise('low', 'trap sets a signal handler');
};

/** Rules for commands that run other commands, by command name. */
export const WRAPPER_RULES: Record<string, Rule> = {
  sudo, doas: sudo, pkexec: sudo, su, env,
  nohup: (inv) => unwrap(inv, []), time: (inv) => unwrap(inv, ['-f', '-o', '--format', '--output']),
  nice: (inv) => unwrap(inv, ['-n', '--adjustment']), ionice: (inv) => unwrap(inv, ['-c', '-n', '-p', '--class', '--classdata']),
  timeout, stdbuf: (inv) => unwrap(inv, ['-i', '-o', '-e']), setsid: (inv) => unwrap(inv, []),
  command, builtin: (inv) => unwrap(inv, [], true), exec, chronic: (inv) => unwrap(inv, []), unbuffer: (inv) => unwrap(inv, []),
  caffeinate: (inv) => unwrap(inv, ['-t', '-w']), 'xvfb-run': (inv) => unwrap(inv, ['-n', '-s', '-f', '-e', '-p']),
  busybox: (inv) => unwrap(inv, [], true), flock, watch, xargs, parallel, concurrently, find, alias, trap,
  strace: (inv) => unwrap(inv, ['-o', '-e', '-p', '-s', '-E', '-u']), ltrace: (inv) => unwrap(inv, ['-o', '-e', '-p', '-s', '-u']),
};
