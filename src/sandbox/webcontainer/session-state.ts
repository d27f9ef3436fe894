/**
 * What the agent's jsh session has set that a process started apart from it must inherit: its working
 * directory (asked with `pwd`, a jsh builtin) and the variables it exported (jsh has no `env` or `export -p`
 * to ask, so the `export NAME=value` statements typed into the session are followed here).
 */
import { WORKDIR } from '../sandbox';

/** Always set for the agent's shells: `npx` installs without asking "Ok to proceed? (y)". */
export const NON_INTERACTIVE_ENV: Readonly<Record<string, string>> = { npm_config_yes: 'true', CI: 'true' };

/** One `export` statement's assignments: `NAME=value` with a plain, single- or double-quoted value. */
const ASSIGNMENT = /([A-Za-z_][A-Za-z0-9_]*)=('(?:[^'])*'|"(?:[^"\\$`]|\\.)*"|[^\s;&|'"`$]*)(?=\s|$)/y;

/** The variables a single-line command exports at its top level (`export A=1 B='x y' && npm run dev`). */
export function exportedBy(command: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const statement of command.split(/&&|\|\||;/)) {
    const match = /^\s*export\s+/.exec(statement);
    if (!match) continue;
    let at = match[0].length;
    while (at < statement.length) {
      ASSIGNMENT.lastIndex = at;
      const assignment = ASSIGNMENT.exec(statement);
      if (!assignment) break;
      found[assignment[1]] = unquote(assignment[2]);
      at = ASSIGNMENT.lastIndex;
      while (statement[at] === ' ' || statement[at] === '\t') at++;
    }
  }
  return found;
}

function unquote(value: string): string {
  if (value.startsWith("'")) return value.slice(1, -1);
  if (value.startsWith('"')) return value.slice(1, -1).replace(/\\(.)/g, '$1');
  return value;
}

/** The session's exports so far; reset when the session is replaced. */
export class SessionExports {
  #vars: Record<string, string> = {};

  /** Follow a line typed into the session. */
  typed(command: string): void {
    Object.assign(this.#vars, exportedBy(command));
  }

  reset(): void {
    this.#vars = {};
  }

  get vars(): Record<string, string> {
    return { ...this.#vars };
  }
}

/** The `spawn` cwd (relative to the work dir, `.` for it) of a `pwd` answer; undefined when outside the work dir. */
export function spawnCwd(pwdOutput: string): string | undefined {
  const line = pwdOutput.trim().split('\n').pop()?.trim() ?? '';
  if (line === WORKDIR) return '.';
  if (!line.startsWith(`${WORKDIR}/`)) return undefined;
  return line.slice(WORKDIR.length + 1);
}
