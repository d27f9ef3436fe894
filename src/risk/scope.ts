import type { RiskLevel } from '../core/run';
import type { ExpandScope, Field, Stream } from './words';
import type { Place } from './paths';

/** A file this very command wrote, so that running it later is rated by what it contains. */
export interface WrittenFile {
  /** Its text, with unknown parts as `${__unknown}`; null when nothing of it is known. */
  content: string | null;
  origin: 'written' | 'download';
  /** Where unknown content came from (e.g. "the environment variables"). */
  source?: string;
}

/** What the shell knows at one point of a command: variables, directory, files written so far. */
export interface Scope extends ExpandScope {
  files: Map<string, WrittenFile>;
  functions: Set<string>;
  /** Git remotes added by this command. */
  remotes: Set<string>;
  /** How deeply strings are being re-parsed as scripts (`bash -c`, `eval` …). */
  depth: number;
  taint: Map<string, string>;
  refs: Map<string, string>;
  /** File descriptors opened on a path by this command (`exec 3<>/dev/tcp/host/80`): fd → path. */
  fds: Map<string, string>;
  /** Git aliases defined by this command (`git config alias.x …`): name → what it runs. */
  gitAliases: Map<string, string>;
}

export type { Stream };

/** A scope for a subshell: its own variables and directory, the same files. */
export function childScope(scope: Scope): Scope {
  return { ...scope, env: new Map(scope.env), arrays: new Map(scope.arrays), functions: new Set(scope.functions), taint: new Map(scope.taint), refs: new Map(scope.refs), fds: new Map(scope.fds) };
}

export function rootScope(workDir: string): Scope {
  return { env: new Map(), arrays: new Map(), cwd: workDir, files: new Map(), functions: new Set(), remotes: new Set(), depth: 0, taint: new Map(), refs: new Map(), fds: new Map(), gitAliases: new Map() };
}

/** One simple command as the rules see it, with what they may ask of the analysis. */
export interface Invocation {
  /** The command's name as typed (`rm`, `./run.sh`); `base` is its last path segment. */
  name: string;
  base: string;
  args: Field[];
  /** Arguments as text; unknown parts are `\u0000`. */
  words: string[];
  scope: Scope;
  stdin: Stream | undefined;
  raise(level: RiskLevel, reason: string): void;
  place(field: Field | string): Place;
  /** Rates `text` as a shell script run by this command. */
  shell(text: string, origin: string): void;
  /** Rates `code` run by an interpreter (`node`, `python` …). */
  code(language: string, code: string, origin: string): void;
  /** Rates another command this one runs (wrappers, `xargs`, `find -exec`). */
  run(argv: Field[], stdin?: Stream): Stream | undefined;
  /** What reading a file gives: what this command wrote there earlier, `<(…)` output, or the file as it was. */
  read(file: Field): Stream;
  /** Rates a write of `content` to `target` and remembers it. */
  write(target: Field | string, content: Stream | undefined, append: boolean): void;
}

/** A field from plain text (for arguments the rules make up). */
export function literal(text: string): Field {
  return { text, known: true, glob: false };
}
