// The one module that imports the shell parser (mvdan-sh: mvdan/sh compiled to plain JS). It turns the
// parser's Go-shaped tree into our own ShScript, so the rules never see the vendor's types.
import type { GoNode, GoParser, Syntax } from 'mvdan-sh';
import { loadJsParser } from './js-code';
import type { ShAssign, ShCommand, ShPart, ShRedirect, ShScript, ShStmt, ShWord } from './shell-ast';

/** A parse that worked, or why it did not. */
export type ParseOutcome = { ok: true; script: ShScript } | { ok: false; error: string };

/** A loaded shell parser; `parse` is synchronous and reusable. */
export interface ShellParser {
  parse(source: string): ParseOutcome;
}

let loading: Promise<ShellParser> | undefined;

/** Loads the parser once (about 1.7 MB of JS, so it is fetched lazily) and returns the shared instance. */
export function loadShellParser(): Promise<ShellParser> {
  // Inline JavaScript is read with its own parser, loaded alongside so that rating stays synchronous.
  loading ??= Promise.all([importSyntax(), loadJsParser()]).then(([syntax]) => new MvdanParser(syntax));
  return loading;
}

async function importSyntax(): Promise<Syntax> {
  const limit = Error.stackTraceLimit;
  const mod: { syntax?: Syntax; default?: { syntax: Syntax } } = await import('mvdan-sh');
  Error.stackTraceLimit = limit; // GopherJS sets it to Infinity for the whole realm
  const syntax = mod.syntax ?? mod.default?.syntax;
  if (!syntax) throw new Error('mvdan-sh loaded without its `syntax` export: reinstall the dependencies');
  return syntax;
}

type Mode = 'unquoted' | 'dquote' | 'heredoc' | 'raw';

class MvdanParser implements ShellParser {
  readonly #syntax: Syntax;
  readonly #parser: GoParser;
  readonly #ops: Map<number, string>;

  constructor(syntax: Syntax) {
    this.#syntax = syntax;
    this.#parser = syntax.NewParser();
    this.#ops = this.#calibrate();
  }

  parse(source: string): ParseOutcome {
    let file: GoNode;
    try {
      file = this.#parser.Parse(source, '');
    } catch (error) {
      return { ok: false, error: goErrorText(error) };
    }
    return { ok: true, script: this.#stmts(file.Stmts) };
  }

  /** Operator codes are Go enum numbers; learn them from samples rather than hard-coding a version's values. */
  #calibrate(): Map<number, string> {
    const ops = new Map<number, string>();
    const redirs = ['>', '>>', '<', '<>', '>|', '&>', '&>>', '>&', '<&', '<<<', '<<', '<<-'];
    for (const op of redirs) {
      const src = op.startsWith('<<') && op !== '<<<' ? `a ${op}E\nE\n` : `a ${op}b`;
      ops.set(this.#parser.Parse(src, '').Stmts[0].Redirs[0].Op, op);
    }
    for (const op of ['&&', '||', '|', '|&']) ops.set(this.#parser.Parse(`a ${op} b`, '').Stmts[0].Cmd.Op, op);
    const procs = this.#parser.Parse('a <(b) >(c)', '').Stmts[0].Cmd.Args;
    ops.set(procs[1].Parts[0].Op, '<(');
    ops.set(procs[2].Parts[0].Op, '>(');
    return ops;
  }

  #stmts(list: GoNode[] | null): ShScript {
    return (list ?? []).map((s) => this.#stmt(s));
  }

  #stmt(s: GoNode): ShStmt {
    const cmd: ShCommand = s.Cmd ? this.#command(s.Cmd) : { type: 'call', assigns: [], args: [] };
    return { cmd, redirs: (s.Redirs ?? []).map((r: GoNode) => this.#redirect(r)), background: !!(s.Background || s.Coprocess) };
  }

  #command(c: GoNode): ShCommand {
    switch (this.#syntax.NodeType(c)) {
      case 'CallExpr':
        return { type: 'call', assigns: (c.Assigns ?? []).map((a: GoNode) => this.#assign(a)), args: this.#words(c.Args) };
      case 'BinaryCmd':
        return this.#binary(c);
      case 'Block':
        return { type: 'block', body: this.#stmts(c.Stmts), subshell: false };
      case 'Subshell':
        return { type: 'block', body: this.#stmts(c.Stmts), subshell: true };
      case 'IfClause':
        return this.#if(c);
      case 'WhileClause':
        return { type: 'while', until: !!c.Until, cond: this.#stmts(c.Cond), body: this.#stmts(c.Do) };
      case 'ForClause':
        return this.#for(c);
      case 'CaseClause':
        return { type: 'case', word: this.#word(c.Word), arms: (c.Items ?? []).map((i: GoNode) => ({ patterns: this.#words(i.Patterns), body: this.#stmts(i.Stmts) })) };
      case 'FuncDecl':
        return { type: 'function', name: c.Name.Value, body: this.#stmt(c.Body) };
      case 'DeclClause':
        return this.#decl(c);
      case 'TimeClause':
      case 'CoprocClause':
        return { type: 'block', body: c.Stmt ? [this.#stmt(c.Stmt)] : [], subshell: false };
      default:
        return { type: 'other', kind: this.#syntax.NodeType(c), nested: this.#nested(c) };
    }
  }

  #binary(c: GoNode): ShCommand {
    const op = this.#ops.get(c.Op);
    const left = this.#stmt(c.X);
    const right = this.#stmt(c.Y);
    if (op === '&&' || op === '||') return { type: 'and_or', op, left, right };
    // Pipelines nest to the left: flatten `a | b | c` into one list.
    const head = left.cmd.type === 'pipeline' && left.redirs.length === 0 && !left.background ? left.cmd.stmts : [left];
    return { type: 'pipeline', stmts: [...head, right] };
  }

  #if(c: GoNode): ShCommand {
    const branches: { cond: ShScript; body: ShScript }[] = [];
    let otherwise: ShScript | undefined;
    for (let clause: GoNode | null = c; clause; clause = clause.Else) {
      const cond = this.#stmts(clause.Cond);
      if (cond.length === 0 && clause !== c) otherwise = this.#stmts(clause.Then);
      else branches.push({ cond, body: this.#stmts(clause.Then) });
    }
    return { type: 'if', branches, otherwise };
  }

  #for(c: GoNode): ShCommand {
    const body = this.#stmts(c.Do);
    if (this.#syntax.NodeType(c.Loop) !== 'WordIter') {
      const nested = this.#nested(c.Loop);
      const prefix: ShStmt[] = nested.length ? [{ cmd: { type: 'other', kind: 'CStyleLoop', nested }, redirs: [], background: false }] : [];
      return { type: 'for', cStyle: true, body: [...prefix, ...body] };
    }
    // `for f; do` (no `in`) walks the script's arguments, which are unknown here.
    const items = c.Loop.Items?.length ? this.#words(c.Loop.Items) : undefined;
    return { type: 'for', cStyle: false, name: c.Loop.Name.Value, items, body };
  }

  #decl(c: GoNode): ShCommand {
    const assigns: ShAssign[] = [];
    const words: ShWord[] = [];
    for (const a of c.Args ?? []) {
      if (a.Naked && !a.Name) words.push(this.#word(a.Value));
      else assigns.push(this.#assign(a));
    }
    return { type: 'decl', variant: c.Variant.Value, assigns, words };
  }

  #assign(a: GoNode): ShAssign {
    const out: ShAssign = { name: a.Name ? a.Name.Value : '', append: !!a.Append };
    if (a.Value) out.value = this.#word(a.Value);
    if (a.Array) out.array = (a.Array.Elems ?? []).map((e: GoNode) => this.#word(e.Value));
    return out;
  }

  #redirect(r: GoNode): ShRedirect {
    const op = this.#ops.get(r.Op) ?? '?';
    const target = this.#word(r.Word);
    const out: ShRedirect = { op, target };
    if (r.N) out.fd = r.N.Value;
    if (r.Hdoc || op === '<<' || op === '<<-') {
      const quotedDelimiter = (r.Word?.Parts ?? []).some((p: GoNode) => this.#syntax.NodeType(p) !== 'Lit' || p.Value.includes('\\'));
      out.heredoc = this.#word(r.Hdoc, quotedDelimiter ? 'raw' : 'heredoc');
    }
    return out;
  }

  #words(list: GoNode[] | null): ShWord[] {
    return (list ?? []).map((w) => this.#word(w));
  }

  #word(w: GoNode | null, mode: Mode = 'unquoted'): ShWord {
    return { parts: (w?.Parts ?? []).flatMap((p: GoNode) => this.#parts(p, mode)) };
  }

  #parts(p: GoNode, mode: Mode): ShPart[] {
    if (this.#syntax.NodeType(p) !== 'DblQuoted') return [this.#part(p, mode)];
    const parts: ShPart[] = (p.Parts ?? []).flatMap((q: GoNode) => this.#parts(q, 'dquote'));
    // An empty "" still makes a (quoted, empty) word.
    return parts.length ? parts : [{ type: 'lit', value: '', quoted: true }];
  }

  #part(p: GoNode, mode: Mode): ShPart {
    const quoted = mode !== 'unquoted';
    switch (this.#syntax.NodeType(p)) {
      case 'Lit':
        return { type: 'lit', value: unescapeLit(p.Value, mode), quoted };
      case 'SglQuoted':
        return { type: 'lit', value: p.Dollar ? decodeAnsiC(p.Value) : p.Value, quoted: true };
      case 'ParamExp':
        return this.#param(p, quoted);
      case 'CmdSubst':
        return { type: 'subst', script: this.#stmts(p.Stmts), quoted };
      case 'ProcSubst':
        return { type: 'subst', script: this.#stmts(p.Stmts), quoted, proc: this.#ops.get(p.Op) === '>(' ? '>' : '<' };
      default:
        return { type: 'dynamic', what: this.#syntax.NodeType(p), quoted, nested: this.#nested(p) };
    }
  }

  #param(p: GoNode, quoted: boolean): ShPart {
    const simple = !p.Excl && !p.Length && !p.Width && !p.Index && !p.Slice && !p.Repl && !p.Exp;
    const name: string = p.Param ? p.Param.Value : '';
    if (simple) return { type: 'param', name, simple: true, quoted };
    const indirect = p.Excl && !p.Length && !p.Width && !p.Index && !p.Slice && !p.Repl && !p.Exp && !p.Names;
    if (indirect) return { type: 'param', name, simple: true, quoted, indirect: true };
    const index = this.#arrayIndex(p);
    if (index !== undefined) return { type: 'param', name, simple: true, quoted, index };
    return { type: 'dynamic', what: `\${${name}…}`, quoted, nested: this.#nested(p) };
  }

  /** `@`, `*` or a number for `${a[@]}`, `${a[*]}`, `${a[2]}` with nothing else; undefined for anything else. */
  #arrayIndex(p: GoNode): '@' | '*' | number | undefined {
    if (!p.Index || p.Excl || p.Length || p.Width || p.Slice || p.Repl || p.Exp) return undefined;
    const parts = this.#syntax.NodeType(p.Index) === 'Word' ? (p.Index.Parts ?? []) : [];
    const lit = parts.length === 1 && this.#syntax.NodeType(parts[0]) === 'Lit' ? String(parts[0].Value) : '';
    if (lit === '@' || lit === '*') return lit;
    return /^\d{1,6}$/.test(lit) ? Number(lit) : undefined;
  }

  /** Every command or process substitution anywhere inside `node` (not looking inside those). */
  #nested(node: GoNode | null): ShScript[] {
    const found: ShScript[] = [];
    if (!node) return found;
    this.#syntax.Walk(node, (n) => {
      if (!n) return true;
      const kind = this.#syntax.NodeType(n);
      if (kind === 'CmdSubst' || kind === 'ProcSubst') {
        found.push(this.#stmts(n.Stmts));
        return false;
      }
      return true;
    });
    return found;
  }
}

function goErrorText(error: unknown): string {
  if (error && typeof (error as { Error?: unknown }).Error === 'function') return String((error as { Error(): string }).Error());
  return error instanceof Error ? error.message : String(error);
}

/** Removes the backslashes the shell would remove in this quoting context. */
export function unescapeLit(value: string, mode: Mode): string {
  if (mode === 'raw' || !value.includes('\\')) return value;
  if (mode === 'unquoted') return value.replace(/\\(\n|[\s\S])/g, (_, c: string) => (c === '\n' ? '' : c));
  const special = mode === 'dquote' ? /\\([$`"\\\n])/g : /\\([$`\\\n])/g;
  return value.replace(special, (_, c: string) => (c === '\n' ? '' : c));
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?',
};

/** Decodes a `$'…'` string (ANSI-C quoting), so `$'\x72\x6d'` reads as `rm`. */
export function decodeAnsiC(value: string): string {
  return value.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.|[\s\S])/g, (all, esc: string) => {
    if (esc in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[esc];
    const head = esc[0];
    if (head === 'x' || head === 'u' || head === 'U') return String.fromCodePoint(parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(parseInt(esc, 8) & 0xff);
    if (head === 'c' && esc.length === 2) return String.fromCharCode(esc.charCodeAt(1) & 0x1f);
    return all;
  });
}
