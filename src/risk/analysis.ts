// What a rating in progress offers to the parts that walk with it (inline code, loops, functions). A leaf:
// it names types only, so the walker (analyze.ts) and its helpers (code.ts, control.ts) need not import
// each other.
import type { RiskLevel } from '../core/run';
import type { ShellParser } from './parse';
import type { Scope, Stream } from './scope';
import type { ShCommand, ShScript, ShStmt, ShWord } from './shell-ast';
import type { Finding } from './verdict';
import type { Field } from './words';

/** One rating in progress: it walks scripts the way the shell would and collects findings. */
export interface Analysis {
  readonly parser: ShellParser;
  readonly findings: Finding[];
  /** True while walking an unrolled loop: loops inside it are walked once, not unrolled again. */
  unrolling: boolean;
  raise(level: RiskLevel, reason: string): void;
  /** Parses `text` and rates it as a script run from `scope`; what cannot be parsed is high. */
  shellText(text: string, origin: string, scope: Scope): Stream | undefined;
  /** Runs the statements in order; returns what the last one prints. */
  script(script: ShScript, scope: Scope, stdin?: Stream): Stream | undefined;
  stmt(stmt: ShStmt, scope: Scope, stdin?: Stream): Stream | undefined;
  command(cmd: ShCommand, scope: Scope, stdin?: Stream): Stream | undefined;
  /** Expands a word into fields, rating every command substitution inside it. */
  fields(word: ShWord, scope: Scope): Field[];
  /** Rates one simple command given as expanded fields. */
  run(argv: Field[], scope: Scope, stdin?: Stream): Stream | undefined;
  /** Rates a write to `target` and remembers what was written. */
  write(target: Field | string, content: Stream | undefined, append: boolean, scope: Scope): void;
}
