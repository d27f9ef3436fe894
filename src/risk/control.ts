// Compound commands: if/case walk every branch; loops that never end and keep changing things, and
// functions that spawn themselves (fork bombs), are high.
import type { Analysis } from './analysis';
import { childScope, type Scope, type Stream } from './scope';
import type { ShCommand, ShScript, ShStmt } from './shell-ast';
import { expandWord } from './words';
import { rank } from './verdict';

const MAX_UNROLL = 16;

type Compound = Extract<ShCommand, { type: 'if' | 'while' | 'for' | 'case' }>;

/** Rates if/case/while/for; returns what the last branch prints. */
export function loopRisk(analysis: Analysis, cmd: Compound, scope: Scope): Stream | undefined {
  switch (cmd.type) {
    case 'if': {
      let out: Stream | undefined;
      for (const b of cmd.branches) {
        analysis.script(b.cond, scope);
        out = analysis.script(b.body, scope);
      }
      if (cmd.otherwise) out = analysis.script(cmd.otherwise, scope);
      return out;
    }
    case 'case':
      analysis.fields(cmd.word, scope);
      for (const arm of cmd.arms) {
        for (const p of arm.patterns) analysis.fields(p, scope);
        analysis.script(arm.body, scope);
      }
      return { kind: 'dynamic', source: 'a case statement' };
    case 'while':
      return whileRisk(analysis, cmd.until, cmd.cond, cmd.body, scope);
    case 'for':
      return forRisk(analysis, cmd, scope);
  }
}

function whileRisk(analysis: Analysis, until: boolean, cond: ShScript, body: ShScript, scope: Scope): Stream {
  analysis.script(cond, scope);
  const endless = isConstant(cond, until ? 'false' : 'true') && !leaves(body);
  if (!endless) {
    analysis.script(body, scope);
    return { kind: 'dynamic', source: 'a loop' };
  }
  const before = analysis.findings.length;
  analysis.script(body, scope);
  const inner = analysis.findings.slice(before);
  const pause = pauseOf(body);
  if (pause !== undefined) {
    // A poller or watcher: rated by what one pass does, at its rate.
    analysis.findings.splice(before);
    for (const f of inner) analysis.raise(f.level, `loops forever, pausing ${pause} between passes; each pass: ${f.reason}`);
    analysis.raise('low', `loops forever, pausing ${pause} between passes`);
  } else if (inner.some((f) => rank(f.level) >= rank('low'))) analysis.raise('high', 'loops forever, changing something on every pass');
  else analysis.raise('low', 'loops forever');
  return { kind: 'dynamic', source: 'an endless loop' };
}

function forRisk(analysis: Analysis, cmd: Extract<ShCommand, { type: 'for' }>, scope: Scope): Stream {
  const items = cmd.items?.flatMap((w) => analysis.fields(w, scope));
  const name = cmd.name;
  if (name && items && !analysis.unrolling && items.length <= MAX_UNROLL && items.every((f) => f.known && !f.glob)) {
    analysis.unrolling = true;
    try {
      for (const item of items) {
        scope.env.set(name, item.text);
        analysis.script(cmd.body, scope);
      }
      if (items.length === 0) analysis.script(cmd.body, scope);
    } finally {
      analysis.unrolling = false;
    }
  } else {
    if (name) scope.env.set(name, null);
    analysis.script(cmd.body, scope);
  }
  return { kind: 'dynamic', source: 'a loop' };
}

/** A function body is rated where it is defined; one that calls itself in a pipe or in the background is a fork bomb. */
export function functionRisk(analysis: Analysis, name: string, body: ShStmt, scope: Scope): void {
  analysis.script([body], childScope(scope));
  const self = findCalls(body, name);
  if (self.spawning) analysis.raise('high', `defines ${name}, a function that keeps spawning copies of itself (fork bomb)`);
  else if (self.calls) analysis.raise('medium', `defines ${name}, a function that calls itself`);
}

/** The pause of `sleep N` run directly in a loop body (not in a branch), as typed; undefined when none. */
function pauseOf(body: ShScript): string | undefined {
  for (const stmt of body) {
    const cmd = stmt.cmd.type === 'and_or' ? stmt.cmd.right.cmd : stmt.cmd;
    if (cmd.type !== 'call' || stmt.background) continue;
    const words = cmd.args.flatMap((w) => expandWord(w, { env: new Map(), cwd: null }));
    if (words[0]?.text === 'sleep' && words.length >= 2) return words.slice(1).map((f) => (f.known ? (/^\d+(\.\d+)?$/.test(f.text) ? `${f.text}s` : f.text) : 'a while')).join(' ');
  }
  return undefined;
}

/** Whether the condition is the single command `true`/`:` (or `false`). */
function isConstant(cond: ShScript, value: 'true' | 'false'): boolean {
  if (cond.length !== 1 || cond[0].cmd.type !== 'call') return false;
  const fields = cond[0].cmd.args.flatMap((w) => expandWord(w, { env: new Map(), cwd: null }));
  const words = fields.map((f) => f.text);
  if (value === 'false') return words.length === 1 && words[0] === 'false';
  return (words.length === 1 && (words[0] === 'true' || words[0] === ':')) || (words[0] === '[' && words.length === 3 && words[1] === '1');
}

/** Whether a loop body has a way out (`break`, `exit`, `return`). */
function leaves(body: ShScript): boolean {
  return body.some((s) => findCalls(s, 'break').calls || findCalls(s, 'exit').calls || findCalls(s, 'return').calls);
}

function findCalls(stmt: ShStmt, name: string, spawning = false): { calls: boolean; spawning: boolean } {
  const here = spawning || stmt.background;
  const cmd = stmt.cmd;
  const merge = (list: ShStmt[], flag: boolean) =>
    list.map((s) => findCalls(s, name, flag)).reduce((a, b) => ({ calls: a.calls || b.calls, spawning: a.spawning || b.spawning }), { calls: false, spawning: false });
  switch (cmd.type) {
    case 'call': {
      const first = cmd.args[0]?.parts;
      const hit = first?.length === 1 && first[0].type === 'lit' && first[0].value === name;
      return { calls: !!hit, spawning: !!hit && here };
    }
    case 'pipeline':
      return merge(cmd.stmts, true);
    case 'and_or':
      return merge([cmd.left, cmd.right], here);
    case 'block':
      return merge(cmd.body, here);
    case 'if':
      return merge([...cmd.branches.flatMap((b) => [...b.cond, ...b.body]), ...(cmd.otherwise ?? [])], here);
    case 'while':
      return merge([...cmd.cond, ...cmd.body], here);
    case 'for':
      return merge(cmd.body, here);
    case 'case':
      return merge(cmd.arms.flatMap((a) => a.body), here);
    default:
      return { calls: false, spawning: false };
  }
}
