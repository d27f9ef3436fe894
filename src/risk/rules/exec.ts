// Commands that run other code: shells (`bash -c`, piped scripts, script files), `eval`, `source`, and
// interpreters given inline code or fed a script. What they run is rated, not just the fact that they run.
import { UNKNOWN } from '../paths';
import type { Invocation, Stream } from '../scope';
import type { Field } from '../words';
import { PACKAGE_RULES } from './packages';
import { show, type Rule } from './util';

/** The language a script is rated in. */
export type Language = 'shell' | 'js' | 'python' | 'perl' | 'ruby' | 'php';

/** Field text usable as shell source: unknown parts become a variable expansion. */
export function sourceText(fields: readonly Field[]): string {
  return fields.map((f) => f.text.replaceAll(UNKNOWN, '${__unknown}')).join(' ');
}

/** Rates a script that arrives as a stream (a pipe, a here-doc, a file written earlier, `<(…)`). */
export function runStream(inv: Invocation, stream: Stream | undefined, language: Language, what: string): void {
  if (!stream) return void inv.raise('low', `starts an interactive ${inv.base}`);
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
  if (command) {
    if (!rest[0]) return void inv.raise('high', `${inv.base} -c without a command`);
    return void inv.shell(sourceText([rest[0]]), `${inv.base} -c`);
  }
  if (rest[0] && !stdin) return runFile(inv, rest[0], 'shell');
  runStream(inv, inv.stdin, 'shell', `the input of ${inv.base}`);
};

/** How an interpreter takes inline code (`-e`), a module (`-m`), and options that take a value. */
interface InterpreterSpec {
  language: Language;
  inline: readonly string[];
  withValue: readonly string[];
}

const INTERPRETERS: Record<string, InterpreterSpec> = {
  node: { language: 'js', inline: ['-e', '--eval', '-p', '--print'], withValue: ['-r', '--require', '--import', '--loader', '--input-type', '--env-file', '-C', '--conditions', '--max-old-space-size', '--title'] },
  python: { language: 'python', inline: ['-c'], withValue: ['-W', '-X', '-m'] },
  perl: { language: 'perl', inline: ['-e', '-E'], withValue: ['-I', '-M', '-m', '-x', '-i'] },
  ruby: { language: 'ruby', inline: ['-e'], withValue: ['-I', '-r', '-C', '-E'] },
  php: { language: 'php', inline: ['-r'], withValue: ['-c', '-d', '-z', '-t'] },
};
const ALIASES: Record<string, string> = { nodejs: 'node', tsx: 'node', 'ts-node': 'node', python3: 'python', python2: 'python', py: 'python', pypy3: 'python', pypy: 'python' };

const interpreter: Rule = (inv) => {
  const kind = ALIASES[inv.base] ?? inv.base.replace(/[\d.]+$/, '');
  const spec = INTERPRETERS[ALIASES[kind] ?? kind];
  if (!spec) return void inv.raise('low', `runs ${inv.base}`);
  const words = inv.words;
  if (words.length === 1 && /^(-v|-V|--version|-h|--help)$/.test(words[0])) return void inv.raise('none', `${inv.base} ${words[0]}`);
  let inline = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (spec.inline.includes(w) || (spec.language === 'perl' && /^-[a-zA-Z]*[eE]$/.test(w))) {
      inline = true;
      const code = inv.args[i + 1];
      if (code && !code.known) inv.raise('high', `${inv.base} ${w} runs code only known at run time`);
      inv.code(spec.language, code ? sourceText([code]) : '', `${inv.base} ${w}`);
      i++;
      continue;
    }
    if (w === '-m' && spec.language === 'python') return pythonModule(inv, words.slice(i + 1));
    if (spec.withValue.includes(w)) i++;
    else if (w === '-') return runStream(inv, inv.stdin, spec.language, `the input of ${inv.base}`);
    else if (!w.startsWith('-') || w === '--') {
      if (inline) return;
      const file = w === '--' ? inv.args[i + 1] : inv.args[i];
      return file ? runFile(inv, file, spec.language) : runStream(inv, inv.stdin, spec.language, `the input of ${inv.base}`);
    }
  }
  if (!inline) runStream(inv, inv.stdin, spec.language, `the input of ${inv.base}`);
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

const evalRule: Rule = (inv) => void inv.shell(sourceText(inv.args), 'eval');

const source: Rule = (inv) => (inv.args[0] ? runFile(inv, inv.args[0], 'shell') : inv.raise('high', `${inv.base} without a file`));

/** Rules for shells and interpreters, by command name. */
export const EXEC_RULES: Record<string, Rule> = {
  sh: shell, bash: shell, zsh: shell, dash: shell, ksh: shell, ash: shell, mksh: shell, fish: shell, rbash: shell,
  node: interpreter, nodejs: interpreter, tsx: interpreter, 'ts-node': interpreter,
  python: interpreter, python3: interpreter, python2: interpreter, py: interpreter, pypy: interpreter, pypy3: interpreter,
  perl: interpreter, ruby: interpreter, php: interpreter, deno,
  eval: evalRule, source, '.': source,
};
