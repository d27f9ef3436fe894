/**
 * The lite sandbox's engine: just-bash, an emulated bash over an in-memory file system. This is the only
 * module that imports `just-bash`; under Vite's `browser` condition the same import resolves to its
 * browser bundle (no node:fs, python, sqlite).
 */
import {
  Bash,
  defineCommand,
  getCommandNames,
  InMemoryFs,
  type BashOptions,
  type ByteString,
  type Command,
  type IFileSystem,
} from 'just-bash';

/** just-bash's execution limits (loop iterations, command count, output size …). */
export type ExecutionLimits = NonNullable<BashOptions['executionLimits']>;
type CommandName = NonNullable<BashOptions['commands']>[number];
import { WORKDIR } from '../sandbox';
import { normalizePosix, parentOf } from '../paths';
import type { ChangeLog } from '../../changes/change-log';
import { FsChanges } from './fs-changes';
import { LITE_HOME, WorkdirGuard } from './workdir-guard';

export type { IFileSystem };

/** A command of ours in the lite sandbox (see commands/): a name and what it does with argv and the shell's context. */
export type LiteCommand = Command;

/** Define a command of ours; the context gives the file system, cwd, env and stdin as just-bash has them. */
export const defineLiteCommand = defineCommand;

/** A command's stdin as the bytes it is (just-bash carries them as a latin1-shaped string). */
export function stdinBytes(stdin: ByteString): Uint8Array {
  // a ByteString is a string with one char per byte (just-bash's browser bundle lacks latin1FromBytes)
  return Uint8Array.from(stdin as unknown as string, (char) => char.charCodeAt(0));
}

/** A command's stdin as text: its bytes decoded as UTF-8. */
export function stdinText(stdin: ByteString): string {
  return new TextDecoder().decode(stdinBytes(stdin));
}

/** What one just-bash run returns. */
export interface EngineResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  env: Record<string, string>;
}

/** How one run is started. */
export interface EngineRunOptions {
  cwd: string;
  env: Record<string, string>;
  signal?: AbortSignal;
}

/** Limits over just-bash's `normal` profile: loops stop at 100 000 iterations; output is bounded. */
export const DEFAULT_LIMITS: ExecutionLimits = {
  maxOutputSize: 32 * 1024 * 1024,
};

/** Commands the browser bundle lacks or cannot run (no node:zlib, no wasm workers): left out everywhere. */
const BROWSERLESS_COMMANDS = new Set(['gzip', 'gunzip', 'zcat', 'tar', 'sqlite3', 'python', 'python3', 'js-exec']);

/**
 * An in-memory file system that counts its changes, so a host knows when a snapshot is stale, notes which
 * paths changed (FsChanges), so a checkpoint reads only those, and asks the guard before it removes or moves
 * anything, so no command can take the work dir away.
 */
class GuardedFs extends InMemoryFs {
  changes = 0;
  readonly guard = new WorkdirGuard();
  readonly tracked = new FsChanges();
  #touch(...paths: string[]): void {
    this.changes++;
    for (const path of paths) this.tracked.touched(path);
  }
  /**
   * `path`, or the topmost of its parents that does not exist yet: a write makes missing parents on its own,
   * and a parent made so may show entries a removal left behind, so the whole new directory is what changed.
   */
  async #fresh(path: string): Promise<string> {
    let top = path;
    for (let dir = parentOf(path); dir !== '/' && dir !== '' && !(await super.exists(dir)); dir = parentOf(dir)) top = dir;
    return top;
  }
  override writeFileSync(...args: Parameters<InMemoryFs['writeFileSync']>): void {
    this.#touch(args[0]);
    return super.writeFileSync(...args);
  }
  override writeFileLazy(...args: Parameters<InMemoryFs['writeFileLazy']>): void {
    this.#touch(args[0]);
    return super.writeFileLazy(...args);
  }
  override async writeFile(...args: Parameters<InMemoryFs['writeFile']>): Promise<void> {
    this.#touch(await this.#fresh(args[0]));
    return super.writeFile(...args);
  }
  override async appendFile(...args: Parameters<InMemoryFs['appendFile']>): Promise<void> {
    this.#touch(await this.#fresh(args[0]));
    return super.appendFile(...args);
  }
  override async mkdir(...args: Parameters<InMemoryFs['mkdir']>): Promise<void> {
    this.#touch(await this.#fresh(args[0]));
    return super.mkdir(...args);
  }
  override mkdirSync(...args: Parameters<InMemoryFs['mkdirSync']>): void {
    this.#touch(args[0]);
    return super.mkdirSync(...args);
  }
  override async rm(...args: Parameters<InMemoryFs['rm']>): Promise<void> {
    this.guard.check(args[0]);
    this.#touch(args[0]);
    return super.rm(...args);
  }
  override async cp(...args: Parameters<InMemoryFs['cp']>): Promise<void> {
    this.#touch(await this.#fresh(args[1]));
    return super.cp(...args);
  }
  override async mv(...args: Parameters<InMemoryFs['mv']>): Promise<void> {
    this.guard.check(args[0]);
    this.guard.check(args[1]);
    this.#touch(args[0], await this.#fresh(args[1]));
    return super.mv(...args);
  }
  override async chmod(...args: Parameters<InMemoryFs['chmod']>): Promise<void> {
    this.#touch(args[0]);
    return super.chmod(...args);
  }
  override async symlink(...args: Parameters<InMemoryFs['symlink']>): Promise<void> {
    this.#touch(await this.#fresh(args[1]));
    this.tracked.linked();
    return super.symlink(...args);
  }
  override async link(...args: Parameters<InMemoryFs['link']>): Promise<void> {
    this.#touch(await this.#fresh(args[1]));
    this.tracked.linked();
    return super.link(...args);
  }
}

/** What allStats() tells of one path: what lstat would. */
export interface EntryStat {
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
  mode: number;
  size: number;
  mtime: Date;
}

/** Bytes of `text` in UTF-8, without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Every path's lstat at once, from memory — `git status` walks 10 000 files with one call instead of 10 000
 * awaited ones. It reads InMemoryFs's entry map (`data`, private in its types: checked here, and by the lite
 * engine's tests); undefined when that is not there. Lazy files (size unknown until read) are left out: the
 * caller lstats what is missing.
 */
export function allStatsOf(fs: IFileSystem): Map<string, EntryStat> | undefined {
  const data = (fs as unknown as { data?: unknown }).data;
  if (!(data instanceof Map)) return undefined;
  const stats = new Map<string, EntryStat>();
  for (const [path, entry] of data as Map<string, { type?: string; content?: unknown; target?: string; mode: number; mtime?: Date; lazy?: unknown }>) {
    const mtime = entry.mtime ?? new Date();
    if (entry.type === 'directory') stats.set(path, { isFile: false, isDirectory: true, isSymbolicLink: false, mode: entry.mode, size: 0, mtime });
    else if (entry.type === 'symlink') stats.set(path, { isFile: false, isDirectory: false, isSymbolicLink: true, mode: entry.mode, size: (entry.target ?? '').length, mtime });
    else if (entry.type === 'file' && !('lazy' in entry)) {
      const content = entry.content;
      const size = content instanceof Uint8Array ? content.length : typeof content === 'string' ? utf8Length(content) : 0;
      stats.set(path, { isFile: true, isDirectory: false, isSymbolicLink: false, mode: entry.mode, size, mtime });
    }
  }
  return stats;
}

/** One just-bash shell and its file system. */
export class Engine {
  readonly #bash: Bash;
  readonly #fs: GuardedFs;

  constructor(limits: ExecutionLimits = {}, commands: readonly LiteCommand[] = []) {
    this.#fs = new GuardedFs();
    for (const dir of [LITE_HOME, '/tmp']) this.#fs.mkdirSync(dir, { recursive: true });
    // just-bash's own command stays registered under ours, so ours can call it (ctx.origCommand)
    this.#bash = new Bash({
      fs: this.#fs,
      cwd: WORKDIR,
      env: { HOME: LITE_HOME, USER: 'user' },
      commands: getCommandNames().filter((name) => !BROWSERLESS_COMMANDS.has(name)) as CommandName[],
      customCommands: [...commands],
      executionLimits: { ...DEFAULT_LIMITS, ...limits },
    });
  }

  get fs(): IFileSystem {
    return this.#fs;
  }

  /** What keeps the work dir from being taken away. */
  get guard(): WorkdirGuard {
    return this.#fs.guard;
  }

  /**
   * Recreate the work dir when something took it away after all (with the guard in place that should never
   * happen), and the home dir, which a command may remove as on a real system. Says whether the work dir
   * had to be made.
   */
  async ensureDirs(): Promise<{ workdir: boolean }> {
    if (!(await this.#fs.exists(LITE_HOME))) await this.#fs.mkdir(LITE_HOME, { recursive: true });
    if (await this.#fs.exists(WORKDIR)) return { workdir: false };
    await this.#fs.mkdir(WORKDIR, { recursive: true });
    return { workdir: true };
  }

  /** Which work-dir paths changed, for checkpoints that read only those. */
  get changeLog(): ChangeLog {
    return this.#fs.tracked.log;
  }

  /** How many times the file system changed since the engine started. */
  get changes(): number {
    return this.#fs.changes;
  }

  /** The shell's starting environment (PWD included). */
  initialEnv(): Record<string, string> {
    return this.#bash.getEnv();
  }

  /** Run a script to its end. The script runs as written (heredoc indentation kept). */
  async run(script: string, options: EngineRunOptions): Promise<EngineResult> {
    const result = await this.#bash.exec(script, {
      cwd: options.cwd,
      env: options.env,
      replaceEnv: true,
      rawScript: true,
      signal: options.signal,
    });
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, env: result.env };
  }

  /**
   * Files a script writes through redirections with a literal target (`>> log.txt`), as absolute paths
   * resolved against `cwd`. Empty when the script does not parse.
   */
  writeTargets(script: string, cwd: string): string[] {
    let ast: unknown;
    try {
      ast = this.#bash.transform(script).ast;
    } catch {
      return []; // a script that does not parse writes nothing we could follow; the run reports the error
    }
    const targets = new Set<string>();
    visit(ast, (node) => {
      if (node.type !== 'Redirection' || !WRITE_OPERATORS.has(String(node.operator))) return;
      const word = literalWord(node.target);
      if (word === undefined || word.startsWith('&') || /^\d+$/.test(word)) return;
      targets.add(normalizePosix(word.startsWith('/') ? word : `${cwd}/${word}`));
    });
    return [...targets];
  }
}

const WRITE_OPERATORS = new Set(['>', '>>', '>|', '&>', '&>>']);

type AstNode = { type?: unknown; [key: string]: unknown };

function visit(value: unknown, onNode: (node: AstNode) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item, onNode);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const node = value as AstNode;
  if (typeof node.type === 'string') onNode(node);
  for (const child of Object.values(node)) if (typeof child === 'object') visit(child, onNode);
}

/** The text of a word made only of literal and quoted-literal parts; undefined if it expands anything. */
function literalWord(target: unknown): string | undefined {
  const word = target as { type?: string; parts?: unknown[] };
  if (word?.type !== 'Word' || !Array.isArray(word.parts)) return undefined;
  return literalParts(word.parts);
}

function literalParts(parts: unknown[]): string | undefined {
  let text = '';
  for (const raw of parts) {
    const part = raw as { type?: string; value?: unknown; parts?: unknown[] };
    if (part.type === 'Literal' || part.type === 'SingleQuoted' || part.type === 'Escaped') {
      text += String(part.value);
    } else if (part.type === 'DoubleQuoted' && Array.isArray(part.parts)) {
      const inner = literalParts(part.parts);
      if (inner === undefined) return undefined;
      text += inner;
    } else {
      return undefined;
    }
  }
  return text;
}
