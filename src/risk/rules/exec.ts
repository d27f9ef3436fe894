// Commands that run other code: shells (`bash -c`, piped scripts, script files), `eval`, `source`, and
// interpreters given inline code or fed a script. What they run is rated, not just the fact that they run.
import { UNKNOWN } from '../paths';
import type { Invocation, Stream } from '../scope';
import type { Field } from '../words';
import { PACKAGE_RULES } from './packages';
import { show, type Rule } from './util';

/** The language a script is rated in. */
export type Language = 'shell' | 'js' | 'python' | 'perl' | 'ruby' | 'php' | 'lua' | 'awk' | 'other';

/** Field text usable as shell source: unknown parts become a variable expansion. */
export function sourceText(fields: readonly Field[]): string {
  return fields.map((f) => f.text.replaceAll(UNKNOWN, '${__unknown}')).join(' ');
}

/** Rates a script that arrives as a stream (a pipe, a here-doc, a file written earlier, `<(…)`). */
export function runStream(inv: Invocation, stream: Stream | undefined, language: Language, what: string): void {
  if (!stream) return void inv.raise('low', `starts an interactive ${inv.base}`);
  if (stream.kind === 'dynamic' && stream.setup && language === 'shell') return void inv.raise('low', `loads the shell setup printed by ${stream.setup}`);
  if (stream.kind === 'static') return language === 'shell' ? inv.shell(stream.text, what) : inv.code(language, stream.text, what);
  if (stream.kind === 'file') return void inv.raise('low', `runs the project script ${show(stream.path)}`);
  inv.raise('high', `runs ${show(stream.source)} as code (${inv.base})`);
}

/** Rates running a script file: one written earlier in this command is rated by what it contains. */
export function runFile(inv: Invocation, file: Field, language: Language): void {
  const stream = inv.read(file);
  if (stream.kind === 'file') {
    const server = /(^|[/._-])(server|serve|app|www|dev|start|listen|manage)([._-]|$)/i.test(stream.path);
    return void inv.raise(server && language !== 'shell' ? 'medium' : 'low', server && language !== 'shell' ? `${inv.base} ${show(stream.path)} may start a server` : `runs the project script ${show(stream.path)}`);
  }
  runStream(inv, stream, language, `the script ${show(file.text)}`);
}

const SHELL_OPTS_WITH_VALUE = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);

const shell: Rule = (inv) => {
  let i = 0;
  let command = false;
  let stdin = false;
  for (; i < inv.args.length; i++) {
    const w = inv.words[i];
    if (w === '--' || w === '-') {
      stdin ||= w === '-';
      i++;
      break;
    }
    if (SHELL_OPTS_WITH_VALUE.has(w)) i++;
    else if (/^[-+][a-zA-Z]+$/.test(w)) {
      command ||= w.startsWith('-') && w.includes('c');
      stdin ||= w.startsWith('-') && w.includes('s');
    } else if (!w.startsWith('--')) break;
  }
  const rest = inv.args.slice(i);
  if (inv.words.slice(0, i).some((w) => /^-[a-zA-Z]*n[a-zA-Z]*$/.test(w)) || /(^| )-o noexec( |$)/.test(inv.words.slice(0, i).join(' '))) {
    return void inv.raise('none', `${inv.base} -n checks syntax only`);
  }
  // Startup files run before the command: `--rcfile F`, `--init-file F`, and $BASH_ENV / $ENV.
  inv.words.slice(0, i).forEach((w, k) => {
    if ((w === '--rcfile' || w === '--init-file') && inv.args[k + 1]) runFile(inv, inv.args[k + 1], 'shell');
  });
  for (const name of ['BASH_ENV', 'ENV']) {
    const file = inv.scope.env.get(name);
    if (file) runFile(inv, { text: file, known: true, glob: false }, 'shell');
    else if (file === null) inv.raise('high', `${inv.base} runs $${name}, a file only known at run time`);
  }
  if (command) {
    if (!rest[0]) return void inv.raise(inv.args.some((f) => !f.known) ? 'high' : 'low', `${inv.base} -c without a command`);
    return void inv.shell(sourceText([rest[0]]), `${inv.base} -c`);
  }
  if (rest[0] && !stdin) return runFile(inv, rest[0], 'shell');
  runStream(inv, inv.stdin, 'shell', `the input of ${inv.base}`);
};

/**
 * How an interpreter takes inline code: short letters (`-e`, in clusters like `-we`), long names
 * (`--eval`), whether the code may be glued to its letter (`-c'…'`), and options that take a value.
 */
interface InterpreterSpec {
  language: Language;
  inline: string;
  inlineLong: readonly string[];
  /** Whether `-cCODE` (code glued to the letter) works: getopt-style interpreters yes, node no. */
  attached: boolean;
  /** Short letters whose value is the rest of the cluster or the next word. */
  valued: string;
  valuedLong: readonly string[];
}

const INTERPRETERS: Record<string, InterpreterSpec> = {
  node: { language: 'js', inline: 'ep', inlineLong: ['--eval', '--print'], attached: false, valued: 'rC', valuedLong: ['--require', '--import', '--loader', '--input-type', '--env-file', '--conditions', '--max-old-space-size', '--title'] },
  python: { language: 'python', inline: 'c', inlineLong: [], attached: true, valued: 'WXm', valuedLong: ['--check-hash-based-pycs'] },
  perl: { language: 'perl', inline: 'eE', inlineLong: [], attached: true, valued: 'IMmx', valuedLong: [] },
  ruby: { language: 'ruby', inline: 'e', inlineLong: [], attached: true, valued: 'IrCE', valuedLong: ['--encoding', '--external-encoding', '--internal-encoding'] },
  php: { language: 'php', inline: 'rBRE', inlineLong: ['--run'], attached: true, valued: 'cdzt', valuedLong: [] },
  lua: { language: 'lua', inline: 'e', inlineLong: [], attached: true, valued: 'l', valuedLong: [] },
};
const ALIASES: Record<string, string> = { nodejs: 'node', tsx: 'node', 'ts-node': 'node', python3: 'python', python2: 'python', py: 'python', pypy3: 'python', pypy: 'python', luajit: 'lua' };

/** The interpreter family of a command name, versions dropped (`python3.11` → python, `lua5.4` → lua). */
export function interpreterOf(base: string): string | undefined {
  const name = ALIASES[base] ?? base.replace(/-?[\d.]+$/, '');
  const kind = ALIASES[name] ?? name;
  return kind in INTERPRETERS ? kind : undefined;
}

/** Where the inline code or the script file is in an interpreter's arguments. */
type InterpreterCall = { code: Field; flag: string } | { module: number } | { file: number } | { stdin: true } | { syntaxOnly: true };

function parseInterpreter(inv: Invocation, spec: InterpreterSpec): InterpreterCall[] {
  const words = inv.words;
  const calls: InterpreterCall[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') return calls.length ? calls : i + 1 < words.length ? [{ file: i + 1 }] : [{ stdin: true }];
    if (w === '-') return calls.length ? calls : [{ stdin: true }];
    if (w.startsWith('--')) {
      const [name, value] = w.split(/=(.*)/s, 2);
      if (spec.inlineLong.includes(name)) {
        const code = value !== undefined ? { ...inv.args[i], text: value } : inv.args[++i];
        if (code) calls.push({ code, flag: name });
      } else if (spec.valuedLong.includes(name) && value === undefined) i++;
      continue;
    }
    if (!w.startsWith('-') || w.length < 2) return calls.length ? calls : [{ file: i }];
    for (let j = 1; j < w.length; j++) {
      const letter = w[j];
      const glued = w.slice(j + 1);
      if (spec.inline.includes(letter)) {
        if (!spec.attached && [...glued].every((c) => spec.inline.includes(c))) {
          const code = inv.args[++i];
          if (code) calls.push({ code, flag: w });
        } else if (glued) calls.push({ code: { ...inv.args[i], text: glued }, flag: `-${letter}` });
        else if (inv.args[i + 1]) calls.push({ code: inv.args[++i], flag: w });
        break;
      }
      if (letter === 'm' && spec.language === 'python') return [...calls, { module: glued ? i : i + 1 }];
      if (spec.valued.includes(letter)) {
        if (!glued) i++;
        break;
      }
    }
  }
  return calls.length ? calls : [{ stdin: true }];
}

const interpreter: Rule = (inv) => {
  const kind = interpreterOf(inv.base);
  const spec = kind ? INTERPRETERS[kind] : undefined;
  if (!spec) return void inv.raise('low', `runs ${inv.base}`);
  const words = inv.words;
  if (words.length === 1 && /^(-v|-V|--version|-h|--help)$/.test(words[0])) return void inv.raise('none', `${inv.base} ${words[0]}`);
  for (const call of parseInterpreter(inv, spec)) {
    if ('code' in call) {
      if (!call.code.known) inv.raise('high', `${inv.base} ${call.flag} runs code only known at run time`);
      inv.code(spec.language, sourceText([call.code]), `${inv.base} ${call.flag}`);
      // Code that reads its arguments may run them (`node -e "exec(process.argv[1])" 'rm -rf ~'`).
      if (/argv|ARGV|\$\d|\$\*|\$@/.test(call.code.text)) {
        const at = inv.args.indexOf(call.code);
        for (const arg of inv.args.slice(at + 1).filter((f) => f !== call.code)) inv.shell(sourceText([arg]), `an argument of ${inv.base} ${call.flag}`);
      }
    } else if ('module' in call) {
      const at = call.module;
      const glued = inv.words[at]?.startsWith('-') ? inv.words[at].replace(/^-[^m]*m/, '') : undefined;
      return pythonModule(inv, glued !== undefined ? [glued, ...words.slice(at + 1)] : words.slice(at));
    } else if ('file' in call) {
      return runFile(inv, inv.args[call.file], spec.language);
    } else if ('stdin' in call) {
      return runStream(inv, inv.stdin, spec.language, `the input of ${inv.base}`);
    }
  }
};

/** Interpreters whose code we do not analyse: inline code there is at least medium. */
const OPAQUE_INLINE: Record<string, readonly string[]> = {
  Rscript: ['-e'], R: ['-e'], julia: ['-e', '--eval', '-E', '--print'], guile: ['-c'], osascript: ['-e'], expect: ['-c'],
  pwsh: ['-c', '-Command', '-command', '-EncodedCommand', '-e', '-ec'], powershell: ['-c', '-Command', '-command', '-EncodedCommand', '-e', '-ec'],
  groovy: ['-e'], scala: ['-e'], elixir: ['-e'], erl: ['-eval'], racket: ['-e'], sbcl: ['--eval'], clojure: ['-e'], bb: ['-e'],
  tclsh: [], wish: [], gdb: ['-ex', '--eval-command'], vim: ['-c', '--cmd'], nvim: ['-c', '--cmd'], vi: ['-c'], emacs: ['--eval'],
  swift: ['-e'], kotlin: ['-e'], crystal: ['eval'],
};

const opaque: Rule = (inv) => {
  const flags = OPAQUE_INLINE[inv.base] ?? [];
  const at = inv.words.findIndex((w) => flags.includes(w));
  if (at < 0) return void inv.raise('low', `runs ${inv.base}`);
  const code = inv.args[at + 1];
  if (!code) return void inv.raise('medium', `${inv.base} ${inv.words[at]} without code`);
  if (!code.known) inv.raise('high', `${inv.base} ${inv.words[at]} runs code only known at run time`);
  inv.code('other', sourceText([code]), `${inv.base} ${inv.words[at]}`);
};

function pythonModule(inv: Invocation, rest: string[]): void {
  const [module, ...args] = rest;
  if (module === 'pip') return void PACKAGE_RULES.pip({ ...inv, base: 'pip', words: args, args: inv.args.slice(inv.args.length - args.length) });
  if (module === 'http.server' || module === 'SimpleHTTPServer' || module === 'flask' || module === 'uvicorn') return void inv.raise('medium', `python -m ${module} starts a server`);
  if (module === 'json.tool' || module === 'site' || module === 'this') return void inv.raise('none', `python -m ${module}`);
  inv.raise('low', `runs python -m ${module ?? ''}`.trim());
}

const deno: Rule = (inv) => {
  const [sub, ...rest] = inv.words;
  if (sub === 'eval') return void inv.code('js', sourceText(inv.args.slice(1).filter((f) => !f.text.startsWith('-'))), 'deno eval');
  if (sub === 'install' || sub === 'add' || sub === 'cache' || sub === 'upgrade') return void inv.raise('medium', `deno ${sub} downloads code`);
  if (sub === 'publish') return void inv.raise('high', 'deno publish publishes a package');
  if (sub === 'run' || sub === 'serve') {
    const file = inv.args.slice(1).find((f) => !f.text.startsWith('-'));
    return file ? runFile(inv, file, 'js') : void inv.raise('low', 'deno run');
  }
  inv.raise(/^(-v|-V|--version|--help|help|info|doc)$/.test(sub ?? '') && rest.length === 0 ? 'none' : 'low', `runs deno ${sub ?? ''}`.trim());
};

const evalRule: Rule = (inv) => {
  const setup = inv.args.length > 0 && inv.args.every((f) => f.setup) ? inv.args[0].setup : undefined;
  if (setup) return void inv.raise('low', `loads the shell setup printed by ${setup}`);
  inv.shell(sourceText(inv.args), 'eval');
};

const source: Rule = (inv) => (inv.args[0] ? runFile(inv, inv.args[0], 'shell') : inv.raise('high', `${inv.base} without a file`));

/** Rules for shells and interpreters, by command name. */
export const EXEC_RULES: Record<string, Rule> = {
  sh: shell, bash: shell, zsh: shell, dash: shell, ksh: shell, ash: shell, mksh: shell, fish: shell, rbash: shell,
  node: interpreter, nodejs: interpreter, tsx: interpreter, 'ts-node': interpreter,
  python: interpreter, python3: interpreter, python2: interpreter, py: interpreter, pypy: interpreter, pypy3: interpreter,
  perl: interpreter, ruby: interpreter, php: interpreter, lua: interpreter, luajit: interpreter, deno,
  ...Object.fromEntries(Object.keys(OPAQUE_INLINE).map((name) => [name, opaque])),
  eval: evalRule, source, '.': source,
  iex: (inv) => runStream(inv, inv.stdin, 'shell', 'Invoke-Expression'), 'Invoke-Expression': (inv) => runStream(inv, inv.stdin, 'shell', 'Invoke-Expression'),
};
