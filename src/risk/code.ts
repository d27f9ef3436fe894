// Inline code given to an interpreter (`node -e`, `python3 -c`, a here-doc fed to `python3`, an awk
// program). We cannot run it, so we look for what matters: shell-outs (whose string literals are rated as
// shell commands), deletes, writes, network use, and secrets or env sent out.
import type { Analysis } from './analysis';
import { jsEffects, jsParserLoaded, type JsEffects } from './js-code';
import { UNKNOWN } from './paths';
import { childScope, literal, type Scope } from './scope';

type Language = 'js' | 'python' | 'perl' | 'ruby' | 'php' | 'lua' | 'awk' | 'other' | string;

const SHELL_OUT: Record<string, RegExp> = {
  js: /\b(exec|execSync|spawn|spawnSync|execFile|execFileSync|fork)\s*\(|child_process|\$`/,
  python: /\bos\.(system|popen|exec\w*|spawn\w*)\s*\(|\bsubprocess\b|\bpty\.spawn|\bcommands\.getoutput/,
  perl: /\bsystem\b|\bexec\b|`|\bqx\s*[({/|]/,
  ruby: /\bsystem\b|\bexec\b|`|%x[({]|\bOpen3\b|\bspawn\b|IO\.popen/,
  php: /\b(system|exec|shell_exec|passthru|popen|proc_open)\s*\(|`/,
  awk: /\bsystem\s*\(|\|\s*getline|\|\s*"|\|&/,
  lua: /\bos\.execute\b|\bio\.popen\b/,
  other: /\b(system|exec|shell|popen|run|spawn|execute|Start-Process|Invoke-Expression|iex|do shell script)\b|^\s*!|[:;]\s*!|`/,
};
const RECURSIVE_DELETE = /\b(rimraf|rmtree|rm_rf|rm_r|remove_tree|rmtree|emptyDir(Sync)?|removeSync|remove_dir_all|deltree|Remove-Item[^;]*-Recurse)\b|\b(rmSync|rm|rmdirSync|rmdir|remove)\s*\([\s\S]{0,300}?recursive\s*[:=]\s*(true|True|1)/;
const DELETE = /\b(unlinkSync|unlink|rmSync|rmdirSync|os\.remove|os\.unlink|os\.rmdir|removedirs|File\.delete|FileUtils\.rm|unlink_all|Remove-Item|file\.remove)\b|\.unlink\s*\(|\bfs\.(promises\.)?rm\s*\(/;
const WRITE = /\b(writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream|write_text|write_bytes|File\.write|file_put_contents|fwrite|copyFileSync|renameSync|rename)\b|\bopen\s*\([^)]*,\s*['"][wax]b?\+?['"]|open\s*\(\s*\w+\s*,\s*['"]?>|print[^;}]*>\s*"/;
const NETWORK = /\bsocket\.http\b|\bInvoke-WebRequest\b|\bfetch\s*\(|\bhttps?\.(request|get)\b|require\(\s*['"](node:)?(https?|net|dgram|tls)['"]|\baxios\b|XMLHttpRequest|WebSocket|\burllib\b|\brequests\.|\bsocket\b|http\.client|LWP::|Net::HTTP|open-uri|URI\.open|curl_exec|fsockopen|['"]https?:\/\//;
const SECRETS = /process\.env|os\.environ|\bENV\b|%ENV|\$_ENV|\bgetenv\b|\.ssh\b|id_rsa|\.env\b|\.npmrc|\.aws|printenv|\$env:|Sys\.getenv|_KEY\b|TOKEN|SECRET|PASSWORD/;
const RUNS_CODE = /\beval\s*\(|\bexec\s*\(|new\s+Function\s*\(|\bvm\.run|\bcompile\s*\(|\bimportlib\b/;
const KILL = /\bprocess\.kill\s*\(|\bos\.kill(pg)?\s*\(|\bkill\s*\(/;

/** Rates inline code: the most dangerous thing it visibly does, at least low (it may do anything). */
export function rateCode(analysis: Analysis, language: Language, code: string, origin: string, scope: Scope): void {
  const raw = code.replaceAll(UNKNOWN, '__unknown');
  const text = withPlaces(raw);
  const lits = stringLiterals(text, language);
  const quiet = language === 'awk';
  const parsed = language === 'js' ? jsEffects(raw) : undefined;
  if (parsed) rateJsEffects(analysis, parsed, origin, scope);
  else {
    // code that is not JavaScript at all cannot be analysed: at least medium, never low
    if (language === 'js' && jsParserLoaded()) analysis.raise('medium', `${origin} runs code that does not parse as JavaScript, which cannot be analysed`);
    if (SHELL_OUT[language]?.test(text)) rateShellOuts(analysis, text, lits, language, origin, scope);
    if (RECURSIVE_DELETE.test(text)) rateDeletes(analysis, deleteTargets(text, lits), true, origin, scope);
    else if (DELETE.test(text)) rateDeletes(analysis, deleteTargets(text, lits), false, origin, scope);
  }
  if (WRITE.test(text)) rateWrites(analysis, text, lits, origin, scope);
  if (NETWORK.test(text) && language !== 'awk') {
    if (SECRETS.test(text)) analysis.raise('high', `${origin} reads secrets or the environment and uses the network`);
    else if (RUNS_CODE.test(text)) analysis.raise('high', `${origin} downloads and runs code`);
    else analysis.raise('medium', `${origin} uses the network`);
  }
  if (KILL.test(text) && language !== 'awk') analysis.raise('medium', `${origin} signals processes`);
  if (language === 'other') analysis.raise('medium', `${origin} runs code we cannot analyse`);
  else if (!quiet) analysis.raise('low', `${origin} runs inline ${language} code`);
  else analysis.raise('none', `${origin} reads only`);
}

/** JavaScript read with the parser: its command lines rated as shell, its deletes like `rm`. */
function rateJsEffects(analysis: Analysis, effects: JsEffects, origin: string, scope: Scope): void {
  for (const command of effects.commands) {
    if (command === null) analysis.raise('high', `${origin} runs a shell command built at run time`);
    else analysis.shellText(command, `${origin} (a command it runs)`, scope);
  }
  if (effects.commands.length) analysis.raise('low', `${origin} runs shell commands`);
  for (const recursive of [true, false]) {
    const targets = effects.deletes.filter((d) => d.recursive === recursive).map((d) => d.target ?? '__unknown');
    if (targets.length) rateDeletes(analysis, targets, recursive, origin, scope);
  }
}

function rateShellOuts(analysis: Analysis, text: string, lits: string[], language: Language, origin: string, scope: Scope): void {
  // A literal ending in a space is usually glued to a variable (`'rm -rf ' + dir`): rate it with an unknown word.
  const commands = [...lits.map((l) => (/\S\s+$/.test(l) ? `${l}\${__unknown}` : l)), ...backticks(text, language)];
  // spawn('rm', ['-rf', '/']): the literals from any point on, read as one command line.
  for (let i = 0; i < Math.min(lits.length - 1, 20); i++) commands.push(lits.slice(i, i + 20).join(' '));
  let rated = 0;
  for (const command of commands) {
    const parsed = analysis.parser.parse(command);
    if (!parsed.ok || parsed.script.length === 0) continue;
    rated++;
    analysis.script(parsed.script, { ...childScope(scope), depth: scope.depth + 1 });
  }
  if (rated === 0) analysis.raise('high', `${origin} runs a shell command built at run time`);
  analysis.raise('low', `${origin} runs shell commands`);
}

/** Expressions that name the work dir or home in code: deleting them is deleting `.` or `~`. */
const PLACES: [RegExp, string][] = [
  [/\b(process\.cwd\(\)|os\.getcwd\(\)|Dir\.pwd|getcwd\(\)|Path\.cwd\(\)|Deno\.cwd\(\)|__dirname|os\.curdir|Path\(\s*\)|FileUtils\.pwd)/g, "'.'"],
  [/\b(os\.homedir\(\)|Dir\.home|os\.path\.expanduser\(\s*['"]~['"]\s*\)|Path\.home\(\)|\$ENV\{HOME\}|ENV\[['"]HOME['"]\]|process\.env\.HOME|os\.environ\[['"]HOME['"]\])/g, "'~'"],
];

/** Code with the work dir and home expressions written as the literal paths they stand for. */
function withPlaces(code: string): string {
  return PLACES.reduce((text, [pattern, literal]) => text.replace(pattern, literal), code);
}

const DELETE_CALL = /\b(rimraf|rmtree|rm_rf|rm_r|remove_tree|emptyDir(?:Sync)?|removeSync|remove_dir_all|rmSync|rm|rmdirSync|rmdir|unlinkSync|unlink|remove|removedirs|delete)(?:\s*\(\s*|\s+(?=['"`]))(?:(['"`])((?:[^'"`\\]|\\.)*)\2)?/g;

/** The first argument of each delete call: its text when a literal, else `__unknown`; path-like literals otherwise. */
function deleteTargets(text: string, lits: string[]): string[] {
  const calls = [...text.matchAll(DELETE_CALL)];
  if (calls.length === 0) return lits.filter(isPathLike);
  const targets = calls.map((m) => (m[3] !== undefined ? m[3] : '__unknown'));
  // A delete of a computed path next to a glob (`Dir.glob("**/*").each { File.delete(f) }`) deletes what it matches.
  return targets.includes('__unknown') ? [...targets, ...lits.filter((l) => /[*?]/.test(l) && isPathLike(l))] : targets;
}

function rateDeletes(analysis: Analysis, targets: string[], recursive: boolean, origin: string, scope: Scope): void {
  const paths = targets.filter((t) => t !== '__unknown');
  if (paths.length < targets.length || targets.length === 0) {
    analysis.raise(recursive ? 'high' : 'medium', `${origin} deletes ${recursive ? 'recursively ' : ''}a path computed at run time`);
  }
  const before = analysis.findings.length;
  for (const p of paths) {
    analysis.run([literal('rm'), ...(recursive ? [literal('-rf')] : []), { ...literal(p), glob: /[*?]/.test(p) }], scope);
  }
  // Name the program in the reason: "python3 -c deletes the work dir …".
  for (const f of analysis.findings.slice(before)) f.reason = `${origin} ${f.reason}`;
}

function rateWrites(analysis: Analysis, text: string, lits: string[], origin: string, scope: Scope): void {
  const paths = lits.filter(isPathLike).filter((p) => !/^(utf-?8|ascii|latin1|base64|hex|[rwax]b?\+?)$/i.test(p));
  if (paths.length === 0) return void analysis.raise('low', `${origin} writes files`);
  for (const p of paths) analysis.write(literal(p), { kind: 'dynamic', source: `${origin} output` }, /append|['"]a['"]|>>/.test(text), scope);
}

const NOT_PATHS = /^(fs|path|os|sys|shutil|subprocess|child_process|node:\w+|fs\/promises|utf-?8|ascii|pathlib|http|https|net|url|crypto|util|json|re|glob|time|io)$/;

function isPathLike(s: string): boolean {
  return s.length > 0 && s.length < 300 && !NOT_PATHS.test(s) && /^(~|\.{1,2}(\/|$)|\/|[\w@.-]+(\/|\.\w+$)|\*|__unknown)/.test(s) && !/\s/.test(s);
}

/** The contents of string literals ('…', "…", `…`); `${…}` inside templates becomes a variable. */
export function stringLiterals(code: string, language: Language): string[] {
  const out: string[] = [];
  const re = /'''([\s\S]*?)'''|"""([\s\S]*?)"""|'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const raw = m[1] ?? m[2] ?? m[3] ?? m[4] ?? (language === 'js' ? m[5] : undefined);
    if (raw === undefined) continue;
    out.push(raw.replace(/\$\{[^}]*\}/g, '${__unknown}').replace(/\\(['"\\`])/g, '$1').replace(/\\n/g, '\n'));
  }
  return out;
}

/** Perl/Ruby/PHP backticks run their contents as a shell command. */
function backticks(code: string, language: Language): string[] {
  if (language === 'js' || language === 'python') return [];
  return [...code.matchAll(/`([^`]*)`/g)].map((m) => m[1]);
}
