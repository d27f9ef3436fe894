// Picks the rule for a simple command by its name. Unknown commands are low (they may change files);
// known read-only ones are none; a command whose name is only known at run time is high.
import { HOME_DIR, UNKNOWN } from '../paths';
import type { Invocation, Stream } from '../scope';
import { echoText } from '../words';
import { isSecretName, secretOf } from '../secrets';
import { isSecretPath } from '../paths';
import { EXEC_RULES, interpreterOf, runFile, sourceText, type Language } from './exec';
import { literal } from '../scope';
import { shellSetupOf } from './setup';
import { extract, FILE_RULES, operandFields } from './files';
import { git } from './git';
import { NETWORK_RULES } from './network';
import { PACKAGE_RULES } from './packages';
import { PROCESS_RULES } from './process';
import { hasFlag, optionValue, optionValues, runsCommandOptions, show, type Rule } from './util';
import { WRAPPER_RULES } from './wrappers';

/** Commands that only read, print or compute. */
const READ_ONLY = new Set([
  'ls', 'll', 'dir', 'pwd', 'head', 'tail', 'wc', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'du', 'df', 'stat', 'file',
  'which', 'whereis', 'type', 'hash', 'printenv', 'date', 'cal', 'whoami', 'id', 'groups', 'uname', 'hostname', 'uniq', 'jq', 'yq',
  'cut', 'diff', 'cmp', 'comm', 'sha1sum', 'sha256sum', 'sha512sum', 'md5sum', 'md5', 'shasum', 'cksum', 'b2sum', 'tree',
  'ps', 'top', 'htop', 'true', 'false', ':', 'sleep', 'test', '[', '[[', 'seq', 'basename', 'dirname', 'realpath', 'readlink',
  'xxd', 'od', 'hexdump', 'less', 'more', 'column', 'tr', 'nl', 'fold', 'tac', 'rev', 'join', 'paste', 'expr', 'bc', 'yes',
  'wait', 'jobs', 'read', 'locale', 'nproc', 'free', 'uptime', 'getconf', 'lsof', 'tty', 'strings', 'fmt', 'pr', 'numfmt',
  'lscpu', 'help', 'man', 'info', 'let', 'shift', 'return', 'exit', 'break', 'continue', 'getopts', 'local', 'declare',
  'typeset', 'readonly', 'fc', 'dirs', 'times', 'umask', 'zcat', 'zless', 'bzcat', 'xzcat', 'base32', 'iconv', 'look',
  'whatis', 'apropos', 'env-check', 'tput', 'stty', 'clear', 'reset', 'logname', 'users', 'who', 'w', 'last', 'vmstat',
  'iostat', 'sensors', 'lsblk', 'blkid', 'findmnt', 'sum', 'awk-version', 'ldd', 'nm', 'objdump', 'readelf', 'sort',
]);
/** Commands that change only the shell's own state (directory, variables, options). */
const SHELL_STATE = new Set(['cd', 'pushd', 'popd', 'export', 'unset', 'set', 'shopt', 'unalias', 'ulimit', 'enable', 'bind', 'complete', 'disown']);

const echo: Rule = (inv) => {
  const secret = inv.args.find((a) => a.secret)?.secret;
  if (secret) return { kind: 'dynamic', source: `${inv.base} of ${show(inv.words.join(' '))}`, secret };
  if (inv.args.some((a) => !a.known)) return { kind: 'dynamic', source: `${inv.base} of ${show(inv.words.join(' '))}` };
  if (inv.base === 'echo') return { kind: 'static', text: echoText(inv.words) };
  const [format = '', ...rest] = inv.words;
  if (!format.includes('%')) return { kind: 'static', text: format.replace(/\\n/g, '\n') };
  if (/^%s(\\n)?$/.test(format)) return { kind: 'static', text: rest.join('\n') };
  return { kind: 'dynamic', source: `printf ${show(format)}` };
};

const cat: Rule = (inv) => {
  inv.raise('none', `${inv.base} reads only`);
  const files = operandFields(inv.args);
  if (files.length === 0 || (files.length === 1 && files[0].text === '-')) return inv.stdin;
  const streams = files.map((f) => inv.read(f));
  if (streams.every((s) => s.kind === 'static')) return { kind: 'static', text: streams.map((s) => (s.kind === 'static' ? s.text : '')).join('\n') };
  if (streams.length === 1) return streams[0];
  return { kind: 'dynamic', source: `the contents of ${files.map((f) => show(f.text)).join(', ')}` };
};

const cd: Rule = (inv) => {
  const target = inv.args.find((a) => !a.text.startsWith('-') || a.text === '-');
  if (inv.base === 'cd' || inv.base === 'pushd') {
    inv.scope.cwd = !target ? HOME_DIR : target.text === '-' ? null : inv.place(target).abs;
  }
  inv.raise('low', `${inv.base} changes the shell's state`);
};

const sortRule: Rule = (inv) => {
  const out = inv.words.findIndex((w) => w === '-o' || w.startsWith('--output'));
  if (out >= 0) inv.write(inv.words[out].includes('=') ? inv.words[out].split('=')[1] : inv.args[out + 1] ?? '', { kind: 'dynamic', source: 'sorted lines' }, false);
  return { kind: 'dynamic', source: 'sorted lines' };
};

/** tar and zip: creating an archive is low, but the archive is remembered as such (it may be sent out). */
const archive: Rule = (inv) => {
  const w = inv.words;
  // Options whose value is a command the archiver runs.
  runsCommandOptions(inv, inv.base === 'zip' ? ['-TT', '--unzip-command'] : ['--to-command', '--use-compress-program', '-I', '--info-script', '--new-volume-script', '--rsh-command']);
  for (const v of optionValues(w, ['--checkpoint-action'])) if (/^exec=/.test(v)) inv.shell(v.slice(5).replaceAll(UNKNOWN, '${__unknown}'), `${inv.base} --checkpoint-action`);
  const creates = inv.base === 'zip' || /^-?[a-zA-Z]*c/.test(w[0] ?? '') || w.includes('--create') || hasFlag(w, 'c');
  if (!creates && (hasFlag(w, 'x', ['--extract', '--get']) || /^[a-zA-Z]*x/.test(w[0] ?? ''))) {
    extract(inv);
    return { kind: 'dynamic', source: 'archive contents' };
  }
  if (!creates) {
    inv.raise(/^-?[a-zA-Z]*t/.test(w[0] ?? '') || hasFlag(w, 't', ['--list']) ? 'none' : 'low', `${inv.base} ${w[0] ?? ''}`.trim());
    return { kind: 'dynamic', source: 'archive contents' };
  }
  const file = inv.base === 'zip' ? operandFields(inv.args, ['-x', '-i'])[0]?.text : optionValue(w, ['--file', '-f']) ?? (/^-?[a-zA-Z]*f[a-zA-Z]*$/.test(w[0] ?? '') ? w[1] : undefined);
  const archiveOf: Stream = { kind: 'dynamic', source: 'an archive of project files' };
  inv.raise('low', `${inv.base} creates an archive`);
  if (file === undefined || file === '-') return archiveOf;
  inv.write(file, archiveOf, false);
  return undefined;
};

/** awk: the program is the first operand, or `-e`/`--source` text, or a `-f` file. */
const awk: Rule = (inv) => {
  const w = inv.words;
  for (let i = 0; i < w.length; i++) {
    if (w[i] === '--') return void (inv.args[i + 1] && inv.code('awk', inv.args[i + 1].text, inv.base));
    if (/^(-e|--source)$/.test(w[i])) return void (inv.args[i + 1] && inv.code('awk', inv.args[i + 1].text, inv.base));
    if (/^(-f|--file)$/.test(w[i])) return void (inv.args[i + 1] && runFile(inv, inv.args[i + 1], 'awk'));
    if (/^(-F|-v|-i|--include|--assign|--field-separator)$/.test(w[i])) i++;
    else if (!w[i].startsWith('-') || w[i] === '-') return void inv.code('awk', inv.args[i].text, inv.base);
  }
  inv.raise('none', `${inv.base} reads only`);
};

const RULES: Record<string, Rule> = {
  ...FILE_RULES, ...NETWORK_RULES, ...PACKAGE_RULES, ...PROCESS_RULES, ...EXEC_RULES, ...WRAPPER_RULES,
  git, echo, printf: echo, cat, cd, pushd: cd, sort: sortRule,
  awk, gawk: awk, nawk: awk, mawk: awk, 'original-awk': awk,
  base64: (inv) => ({ kind: 'dynamic', source: inv.words.some((w) => /^-(d|D|-decode)$/.test(w)) ? 'decoded data' : 'base64 text' }),
  printenv: (inv) => {
    inv.raise('none', 'printenv reads only');
    const names = inv.words.filter((w) => !w.startsWith('-'));
    if (names.length === 0) return { kind: 'dynamic', source: 'the environment variables' };
    const secret = names.find(isSecretName);
    return { kind: 'dynamic', source: `printenv ${names.join(' ')}`, secret: secret && `$${secret}` };
  },
  tar: archive,
  zip: archive,
};

const EXTENSION_LANGUAGE: Record<string, Language> = { sh: 'shell', bash: 'shell', js: 'js', mjs: 'js', cjs: 'js', ts: 'js', py: 'python', pl: 'perl', rb: 'ruby', php: 'php' };

/** Commands whose output is their input transformed: a secret going in comes out (`base64 .env`). */
const FILTERS = new Set(['base64', 'base32', 'gzip', 'xz', 'bzip2', 'zstd', 'lz4', 'xxd', 'od', 'hexdump', 'rev', 'tr', 'sed', 'awk', 'gawk', 'head', 'tail', 'cut', 'sort', 'uniq', 'grep', 'egrep', 'fgrep', 'rg', 'tac', 'nl', 'fold', 'iconv', 'openssl', 'gpg', 'jq', 'yq', 'paste', 'column', 'strings', 'envsubst', 'tee']);

/** The secret a filter's input carries: its stdin, or a secret file among its operands. */
function inputSecret(inv: Invocation): string | undefined {
  const fromStdin = secretOf(inv.stdin);
  if (fromStdin) return fromStdin;
  const file = inv.args.find((f) => f.known && !f.text.startsWith('-') && isSecretPath(f.text));
  return file ? `the contents of ${show(file.text)}` : inv.args.find((f) => f.secret)?.secret;
}

/** Rates one simple command and returns what it prints, when that can matter downstream. */
export function dispatch(inv: Invocation): Stream | undefined {
  const out = rateOne(inv);
  if (!FILTERS.has(inv.base) || secretOf(out)) return out;
  const secret = inputSecret(inv);
  return secret ? { kind: 'dynamic', source: `${inv.base} of ${secret}`, secret } : out;
}

function rateOne(inv: Invocation): Stream | undefined {
  if (inv.name.includes(UNKNOWN)) {
    inv.raise('high', `runs a command whose name is only known at run time (${show(inv.name)})`);
    return { kind: 'dynamic', source: 'a command chosen at run time' };
  }
  if (inv.scope.functions.has(inv.name)) return { kind: 'dynamic', source: `the function ${inv.name}` };
  if (/\s/.test(inv.name)) {
    // `$'rm\x20-rf\x20/'`: a name that is a whole command line is only a disguise; rate the line too.
    inv.shell(sourceText([literal(inv.name), ...inv.args]), 'a command name with spaces');
    inv.raise('medium', `runs a command whose name has spaces (${show(inv.name)})`);
    return { kind: 'dynamic', source: 'a disguised command' };
  }
  const setup = shellSetupOf(inv.base, inv.words);
  if (setup) {
    inv.raise('low', `${setup} prints its shell setup`);
    return { kind: 'dynamic', source: `the shell setup printed by ${setup}`, setup };
  }
  const rule = RULES[inv.base] ?? (inv.base.startsWith('mkfs') ? FILE_RULES.mkfs : interpreterOf(inv.base) ? EXEC_RULES.python : undefined);
  if (rule) return rule(inv) ?? undefined;
  if (inv.base === ':' || inv.base === 'true' || inv.base === 'false') return { kind: 'static', text: '' };
  if (READ_ONLY.has(inv.base)) {
    inv.raise('none', `${inv.base} reads only`);
    return { kind: 'dynamic', source: `the output of ${inv.base}` };
  }
  if (SHELL_STATE.has(inv.base)) {
    if (!(inv.base === 'set' && inv.args.length === 0)) inv.raise('low', `${inv.base} changes the shell's state`);
    return inv.base === 'set' || inv.base === 'export' ? { kind: 'dynamic', source: 'the environment variables' } : undefined;
  }
  if (inv.name.includes('/')) {
    const ext = /\.([a-z]+)$/.exec(inv.name)?.[1] ?? 'sh';
    runFile(inv, { text: inv.name, known: true, glob: false }, EXTENSION_LANGUAGE[ext] ?? 'shell');
    return { kind: 'dynamic', source: `the output of ${inv.name}` };
  }
  inv.raise('low', `runs ${inv.base}`);
  return { kind: 'dynamic', source: `the output of ${inv.base}` };
}
