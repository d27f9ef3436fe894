// Our own small shell syntax tree: what the risk rules need, independent of the parser package.

/** A parsed script: statements run in order. */
export type ShScript = ShStmt[];

/** One statement: a command with its redirections. */
export interface ShStmt {
  cmd: ShCommand;
  redirs: ShRedirect[];
  background: boolean;
}

/** A command of any shape. */
export type ShCommand =
  | { type: 'call'; assigns: ShAssign[]; args: ShWord[] }
  | { type: 'pipeline'; stmts: ShStmt[] }
  | { type: 'and_or'; op: '&&' | '||'; left: ShStmt; right: ShStmt }
  | { type: 'block'; body: ShScript; subshell: boolean }
  | { type: 'if'; branches: { cond: ShScript; body: ShScript }[]; otherwise?: ShScript }
  | { type: 'while'; until: boolean; cond: ShScript; body: ShScript }
  | { type: 'for'; name?: string; items?: ShWord[]; cStyle: boolean; body: ShScript }
  | { type: 'case'; word: ShWord; arms: { patterns: ShWord[]; body: ShScript }[] }
  | { type: 'function'; name: string; body: ShStmt }
  | { type: 'decl'; variant: string; assigns: ShAssign[]; words: ShWord[] }
  /** Arithmetic, test clauses and anything else: only the scripts nested in it can run. */
  | { type: 'other'; kind: string; nested: ShScript[] };

/** `NAME=value` (or an array value). */
export interface ShAssign {
  name: string;
  value?: ShWord;
  array?: ShWord[];
  append: boolean;
}

/** A redirection: `op` as written (`>`, `>>`, `<`, `<<`, `<<<`, `&>`, `>&` …). */
export interface ShRedirect {
  op: string;
  fd?: string;
  target: ShWord;
  /** Body of a here-document. */
  heredoc?: ShWord;
}

/** A word: the parts that are joined together once expanded. */
export interface ShWord {
  parts: ShPart[];
}

/** One piece of a word. Literal values are already unquoted and unescaped. */
export type ShPart =
  | { type: 'lit'; value: string; quoted: boolean }
  /**
   * `$name`, or with `indirect` `${!name}` (the variable named by name's value), or with `index` an array's
   * elements: `${a[@]}` / `${a[*]}` (all of them) or `${a[2]}` (one).
   */
  | { type: 'param'; name: string; simple: boolean; quoted: boolean; indirect?: boolean; index?: '@' | '*' | number; fallback?: ShWord }
  | { type: 'subst'; script: ShScript; quoted: boolean; proc?: '<' | '>' }
  /** Something whose value is only known at run time (arithmetic, extended globs …). */
  | { type: 'dynamic'; what: string; quoted: boolean; nested: ShScript[] };
