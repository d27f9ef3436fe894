// Walks a parsed command the way the shell would run it, carrying what is known (variables, directory,
// files written so far), and hands each simple command to the rules. Every finding is kept; the verdict is
// the most dangerous one.
import type { RiskLevel } from '../core/run';
import type { Analysis } from './analysis';
import type { ShellParser } from './parse';
import { place, UNKNOWN, type Place } from './paths';
import { isOutput, rateWrite, showText, socketHost } from './writes';
import { dispatch } from './rules';
import { rateCode } from './code';
import { childScope, type Invocation, type Scope, type Stream } from './scope';
import type { ShCommand, ShRedirect, ShScript, ShStmt, ShWord } from './shell-ast';
import type { Finding } from './verdict';
import { secretOf } from './secrets';
import { expandWord, wordScriptText, wordText, type Field, type SubstOutputs } from './words';
import { loopRisk, functionRisk } from './control';

const MAX_DEPTH = 8;
/** Statements walked per rating, at most: unrolled loops and nested scripts cannot blow up. */
const MAX_WORK = 20_000;

/** The command is too large or too nested to walk within the budget. */
export class TooComplexError extends Error {
  override name = 'TooComplexError';
}

/** One rating in progress: collects findings while walking scripts. */
export class CommandWalk implements Analysis {
  readonly findings: Finding[] = [];
  /** True while walking an unrolled loop: loops inside it are walked once, not unrolled again. */
  unrolling = false;
  #work = 0;

  constructor(readonly parser: ShellParser) {}

  raise(level: RiskLevel, reason: string): void {
    this.findings.push({ level, reason });
  }

  /** Parses `text` and rates it as a script; what cannot be parsed is high. */
  shellText(text: string, origin: string, scope: Scope): Stream | undefined {
    if (scope.depth >= MAX_DEPTH) {
      this.raise('high', `${origin} nests scripts more than ${MAX_DEPTH} deep`);
      return undefined;
    }
    const parsed = this.parser.parse(text);
    if (!parsed.ok) {
      this.raise('high', `${origin} cannot be parsed (${parsed.error})`);
      return undefined;
    }
    return this.script(parsed.script, { ...childScope(scope), depth: scope.depth + 1 });
  }

  /** Runs the statements in order; returns what the last one prints. */
  script(script: ShScript, scope: Scope, stdin?: Stream): Stream | undefined {
    let out: Stream | undefined;
    for (const stmt of script) out = this.stmt(stmt, scope, stdin);
    return out;
  }

  stmt(stmt: ShStmt, scope: Scope, stdin?: Stream): Stream | undefined {
    if (++this.#work > MAX_WORK) throw new TooComplexError(`more than ${MAX_WORK} statements to walk`);
    const input = this.#input(stmt.redirs, scope) ?? stdin;
    const out = this.command(stmt.cmd, scope, input, stmt.redirs);
    return this.#output(stmt.redirs, scope, out);
  }

  command(cmd: ShCommand, scope: Scope, stdin: Stream | undefined, redirs: ShRedirect[] = []): Stream | undefined {
    switch (cmd.type) {
      case 'call':
        return this.#call(cmd.assigns, cmd.args, scope, stdin, redirs);
      case 'pipeline': {
        let flow = stdin;
        for (const s of cmd.stmts) flow = this.stmt(s, childScope(scope), flow);
        return flow;
      }
      case 'and_or':
        this.stmt(cmd.left, scope, stdin);
        return this.stmt(cmd.right, scope, stdin);
      case 'block':
        return this.script(cmd.body, cmd.subshell ? childScope(scope) : scope, stdin);
      case 'function':
        scope.functions.add(cmd.name);
        functionRisk(this, cmd.name, cmd.body, childScope(scope));
        return undefined;
      case 'decl':
        return this.#decl(cmd.variant, cmd.assigns, cmd.words, scope);
      case 'other':
        for (const nested of cmd.nested) this.script(nested, childScope(scope));
        return undefined;
      default:
        return loopRisk(this, cmd, scope);
    }
  }

  /** Rates every command substitution inside a word; `<(…)` becomes a field carrying its output. */
  fields(word: ShWord, scope: Scope): Field[] {
    const outputs: SubstOutputs = new Map();
    for (const part of word.parts) {
      if (part.type === 'subst') {
        const out = this.script(part.script, childScope(scope));
        outputs.set(part, out);
        if (part.proc === '<' && word.parts.length === 1) return [{ text: '/dev/fd/63', known: true, glob: false, stream: out ?? { kind: 'dynamic', source: 'a process substitution' }, secret: secretOf(out) }];
      }
      if (part.type === 'dynamic') for (const nested of part.nested) this.script(nested, childScope(scope));
    }
    return expandWord(word, scope, outputs);
  }

  /** Assigns `name` from a word: its value when known, and whether it now holds a secret. */
  #assign(scope: Scope, name: string, value: ShWord | undefined, fields: Field[]): void {
    scope.env.set(name, value ? wordText(value, scope) : (scope.env.get(name) ?? null));
    const secret = fields.find((f) => f.secret)?.secret;
    if (secret) scope.taint.set(name, secret);
    else if (value) scope.taint.delete(name);
  }

  /** `a=(x y z)`: its elements when every one is known statically (so `"${a[@]}"` can be judged), else unknown. */
  #assignArray(scope: Scope, name: string, fields: Field[]): void {
    const known = fields.every((f) => f.known && !f.glob);
    const elements = known ? fields.map((f) => f.text) : null;
    scope.arrays?.set(name, elements);
    scope.env.set(name, elements ? (elements[0] ?? '') : null);
    const secret = fields.find((f) => f.secret)?.secret;
    if (secret) scope.taint.set(name, secret);
    else scope.taint.delete(name);
  }

  #call(assigns: { name: string; value?: ShWord; array?: ShWord[] }[], args: ShWord[], scope: Scope, stdin: Stream | undefined, redirs: ShRedirect[]): Stream | undefined {
    // `X=1 cmd` sets X for cmd only; `cd` must still change this shell's directory.
    const env = args.length && assigns.length ? childScope(scope) : scope;
    for (const a of assigns) {
      const fields = [...(a.value ? [a.value] : []), ...(a.array ?? [])].flatMap((w) => this.fields(w, scope));
      if (!a.name) continue;
      if (a.array) this.#assignArray(env, a.name, fields);
      else this.#assign(env, a.name, a.value, fields);
    }
    // bash expands the command's words before `X=1` takes effect: `X=/a rm -rf $X` deletes the old $X
    const argv = args.flatMap((w) => this.fields(w, scope));
    if (argv.length === 0) return redirs.some((r) => isOutput(r)) ? { kind: 'static', text: '' } : undefined;
    const out = this.run(argv, env, stdin);
    scope.cwd = env.cwd;
    return out;
  }

  #decl(variant: string, assigns: { name: string; value?: ShWord; array?: ShWord[] }[], words: ShWord[], scope: Scope): undefined {
    const flags = words.flatMap((w) => this.fields(w, scope)).map((f) => f.text);
    const nameref = flags.some((f) => /^-[a-zA-Z]*n/.test(f));
    for (const a of assigns) {
      const fields = [...(a.value ? [a.value] : []), ...(a.array ?? [])].flatMap((w) => this.fields(w, scope));
      if (!a.name) continue;
      if (nameref) {
        // `declare -n r=k`: $r is $k from now on; a target only known at run time makes $r unknown.
        const target = a.value ? wordText(a.value, scope) : null;
        if (target !== null) scope.refs.set(a.name, target);
        else scope.env.set(a.name, null);
        continue;
      }
      if (a.array) this.#assignArray(scope, a.name, fields);
      else this.#assign(scope, a.name, a.value, fields);
    }
    if (variant === 'export' && assigns.length) this.raise('low', 'sets environment variables');
    return undefined;
  }

  /** Rates one simple command given as expanded fields. */
  run(argv: Field[], scope: Scope, stdin?: Stream): Stream | undefined {
    // `sudo X=1 cmd`, `nohup X=1 cmd`: treat leading assignment words as the environment they set.
    let i = 0;
    while (i < argv.length - 1 && argv[i].known && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i].text)) i++;
    if (i === 0) return dispatch(this.#invocation(argv, scope, stdin));
    const env = childScope(scope);
    for (const f of argv.slice(0, i)) {
      const eq = f.text.indexOf('=');
      env.env.set(f.text.slice(0, eq), f.text.slice(eq + 1));
      if (f.secret) env.taint.set(f.text.slice(0, eq), f.secret);
    }
    return dispatch(this.#invocation(argv.slice(i), env, stdin));
  }

  #invocation(argv: Field[], scope: Scope, stdin: Stream | undefined): Invocation {
    const [head, ...args] = argv;
    const name = head.known ? head.text : UNKNOWN;
    return {
      name,
      base: name.slice(name.lastIndexOf('/') + 1),
      args,
      words: args.map((f) => f.text),
      scope,
      stdin,
      raise: (level, reason) => this.raise(level, reason),
      place: (f) => this.place(f, scope),
      shell: (text, origin) => void this.shellText(text, origin, scope),
      code: (language, code, origin) => rateCode(this, language, code, origin, scope),
      run: (next, input) => (next.length ? this.run(next, scope, input) : undefined),
      write: (target, content, append) => this.write(target, content, append, scope),
      read: (file) => this.readFile(file, scope),
    };
  }

  place(f: Field | string, scope: Scope): Place {
    return typeof f === 'string' ? place(f, scope.cwd, false) : place(f.text, scope.cwd, f.glob);
  }

  /** Rates a write to `target` and records what was written, so that running it later is rated too. */
  write(target: Field | string, content: Stream | undefined, append: boolean, scope: Scope): void {
    const where = this.place(target, scope);
    const socket = socketHost(where.abs);
    if (socket) return this.send(content, socket, 'a /dev/tcp socket');
    rateWrite(this, where, content, append);
    if (where.abs === null || where.glob) return;
    const before = scope.files.get(where.abs);
    const text = content?.kind === 'static' ? content.text : null;
    const joined = append && before ? (before.content !== null && text !== null ? before.content + '\n' + text : null) : text;
    const source = content?.kind === 'dynamic' ? content.source : content?.kind === 'file' ? `the contents of ${content.path}` : undefined;
    scope.files.set(where.abs, { content: joined, origin: source === 'a download' ? 'download' : 'written', source });
  }

  /** Rates sending `content` to `host` over the network through `how`. */
  send(content: Stream | undefined, host: string, how: string): void {
    const secret = secretOf(content);
    if (secret) return this.raise('high', `sends ${showText(secret)} to ${host} (${how})`);
    if (content && content.kind !== 'static') return this.raise('medium', `sends ${showText(content.kind === 'file' ? `the contents of ${content.path}` : content.source)} to ${host} (${how})`);
    this.raise('medium', `connects to ${host} (${how})`);
  }

  #input(redirs: ShRedirect[], scope: Scope): Stream | undefined {
    let stdin: Stream | undefined;
    for (const r of redirs) {
      if (r.fd && r.fd !== '0') continue;
      if (r.heredoc && (r.op === '<<' || r.op === '<<-')) {
        const secret = this.fields(r.heredoc, scope).find((f) => f.secret)?.secret;
        const body = wordScriptText(r.heredoc, scope).text;
        stdin = secret ? { kind: 'dynamic', source: 'a here-document', secret } : { kind: 'static', text: r.op === '<<-' ? body.replace(/^\t+/gm, '') : body };
      } else if (r.op === '<<<') {
        const text = wordScriptText(r.target, scope).text;
        const secret = this.fields(r.target, scope).find((f) => f.secret)?.secret;
        stdin = secret ? { kind: 'dynamic', source: 'a here-string', secret } : { kind: 'static', text };
      } else if (r.op === '<' || r.op === '<>') {
        const target = this.fields(r.target, scope)[0];
        const host = target && socketHost(this.place(target, scope).abs);
        if (host) {
          if (r.fd) scope.fds.set(r.fd, host);
          this.raise('medium', `connects to ${host} (a /dev/tcp socket)`);
          stdin = { kind: 'dynamic', source: 'a download' };
        } else if (r.op === '<') stdin = this.readFile(target, scope);
      }
    }
    return stdin;
  }

  /** What reading a file gives: what this command wrote there, or the file as it was. */
  readFile(f: Field | undefined, scope: Scope): Stream {
    if (!f) return { kind: 'dynamic', source: 'an empty redirect' };
    if (f.stream) return f.stream;
    const where = this.place(f, scope);
    if (where.abs === null) return { kind: 'dynamic', source: `a file named at run time (${where.text.replaceAll(UNKNOWN, '$…')})` };
    const written = scope.files.get(where.abs);
    if (!written) return { kind: 'file', path: where.text };
    if (written.content === null) return { kind: 'dynamic', source: written.source ?? `${where.text}, written by this command` };
    return { kind: 'static', text: written.content };
  }

  #output(redirs: ShRedirect[], scope: Scope, out: Stream | undefined): Stream | undefined {
    let flow = out;
    for (const r of redirs) {
      const dup = r.op === '>&' && r.target.parts.length === 1 && r.target.parts[0].type === 'lit' ? scope.fds.get(r.target.parts[0].value) : undefined;
      if (dup) {
        // `>&3` where fd 3 is a socket opened earlier in this command.
        this.send(flow, dup, 'a /dev/tcp socket');
        flow = undefined;
        continue;
      }
      if (!isOutput(r)) continue;
      const target = this.fields(r.target, scope);
      const field = target.length === 1 ? target[0] : { text: target.map((t) => t.text).join(' ') || UNKNOWN, known: false, glob: false };
      const toStdout = !r.fd || r.fd === '1' || r.op.startsWith('&');
      const host = socketHost(this.place(field, scope).abs);
      if (host && r.fd && r.fd !== '1' && r.fd !== '2') {
        scope.fds.set(r.fd, host);
        this.raise('medium', `connects to ${host} (a /dev/tcp socket)`);
        continue;
      }
      this.write(field, toStdout ? flow : { kind: 'dynamic', source: 'error output' }, r.op.includes('>>'), scope);
      if (toStdout) flow = undefined;
    }
    return flow;
  }
}
