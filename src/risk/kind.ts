// The "kind" of an action, for "allow this kind of action for the rest of the run": the same tool, only
// programs the approved command ran (for commands), at a risk level no higher than the one the person approved.
import type { RiskVerdict } from '../core/events';
import type { RiskLevel } from '../core/run';
import { loadShellParser } from './parse';
import type { ShScript, ShStmt, ShWord } from './shell-ast';
import { rank } from './verdict';

/** A kind of action a person can allow for the rest of a run. */
export interface ActionKind {
  tool: string;
  /** The programs a command runs (sorted, unique); empty for other tools. `?` stands for one not known before it runs. */
  programs: string[];
  /** The highest level allowed. */
  level: RiskLevel;
}

/** The kind of an action with its verdict. Commands that cannot be parsed have the program `?`. */
export async function kindOf(tool: string, args: Record<string, unknown>, verdict: RiskVerdict): Promise<ActionKind> {
  const command = typeof args.command === 'string' ? args.command : undefined;
  if (command === undefined) return { tool, programs: [], level: verdict.level };
  const parsed = (await loadShellParser()).parse(command);
  const programs = parsed.ok ? [...programsOfScript(parsed.script)].sort() : ['?'];
  return { tool, programs, level: verdict.level };
}

/**
 * True when `kind` falls under the allowed kind: the same tool, only programs the allowed kind runs (none
 * unknown), and a level no higher.
 */
export function isCoveredBy(kind: ActionKind, allowed: ActionKind): boolean {
  return (
    kind.tool === allowed.tool &&
    kind.programs.every((program) => program !== '?' && allowed.programs.includes(program)) &&
    rank(kind.level) <= rank(allowed.level)
  );
}

/** The kind in words, as the dialog and the timeline show it. */
export function describeKind(kind: ActionKind): string {
  const programs = kind.programs.length ? ` running ${kind.programs.join(', ')}` : '';
  return `${kind.tool}${programs}, rated ${kind.level} or lower`;
}

function programsOfScript(script: ShScript, into = new Set<string>()): Set<string> {
  for (const stmt of script) programsOfStmt(stmt, into);
  return into;
}

function programsOfStmt(stmt: ShStmt, into: Set<string>): void {
  const cmd = stmt.cmd;
  for (const redirect of stmt.redirs) programsOfWord(redirect.target, into);
  switch (cmd.type) {
    case 'call': {
      const [name, ...rest] = cmd.args;
      if (name) into.add(literal(name) ?? '?');
      for (const word of rest) programsOfWord(word, into);
      for (const assign of cmd.assigns) if (assign.value) programsOfWord(assign.value, into);
      return;
    }
    case 'pipeline':
      return cmd.stmts.forEach((s) => programsOfStmt(s, into));
    case 'and_or':
      programsOfStmt(cmd.left, into);
      return programsOfStmt(cmd.right, into);
    case 'block':
      return void programsOfScript(cmd.body, into);
    case 'while':
      programsOfScript(cmd.cond, into);
      return void programsOfScript(cmd.body, into);
    case 'for':
      cmd.items?.forEach((w) => programsOfWord(w, into));
      return void programsOfScript(cmd.body, into);
    case 'if':
      for (const branch of cmd.branches) programsOfScript([...branch.cond, ...branch.body], into);
      return void (cmd.otherwise && programsOfScript(cmd.otherwise, into));
    case 'case':
      return cmd.arms.forEach((arm) => programsOfScript(arm.body, into));
    case 'function':
      return programsOfStmt(cmd.body, into);
    case 'decl':
      into.add(cmd.variant);
      return cmd.words.forEach((w) => programsOfWord(w, into));
    case 'other':
      return cmd.nested.forEach((script) => programsOfScript(script, into));
  }
}

/** Command substitutions inside a word run programs too. */
function programsOfWord(word: ShWord, into: Set<string>): void {
  for (const part of word.parts) {
    if (part.type === 'subst') programsOfScript(part.script, into);
    else if (part.type === 'dynamic' && part.nested.length) into.add('?');
  }
}

/** The word's text when it is all literal (a command named by a variable is not). */
function literal(word: ShWord): string | undefined {
  let text = '';
  for (const part of word.parts) {
    if (part.type !== 'lit') return undefined;
    text += part.value;
  }
  return text.replace(/^.*\//, '') || undefined;
}
