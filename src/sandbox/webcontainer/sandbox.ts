/** The Sandbox port over a booted WebContainer: one `jsh --osc` session, the `fs` API, processes, previews. */
import { SandboxError } from '../../core/errors';
import type { ExecResult } from '../../core/exec';
import { resolveInWorkdir } from '../paths';
import { DEFAULT_ZIP_EXCLUDES, isExcluded, zipSnapshot } from '../zip';
import { WORKDIR, type Capabilities, type ExecOptions, type FileEntry, type InteractiveTerminal, type ProcessInfo, type ProcessOutput, type Sandbox, type SandboxEvent, type TerminalSize, type WorkdirChanges, type WorkdirSnapshot } from '../sandbox';
import { readRoots } from './read-changes';
import { WatchedChanges } from './watched-changes';
import { webcontainerCapabilities } from './capabilities';
import { installGit, type GitSetup } from './git-command';
import { clearWorkdir, excludeGlobs, fsPath, kindOf, listEntries, removeAt, renameAt, snapshotToTree, treeToSnapshot, writeFileAt } from './files';
import type { WcInstance } from './port';
import { ProcessTable, wireContainerEvents } from './processes';
import { DEFAULT_TIMINGS, JshSession, type JshRunResult, type JshTimings } from './session';
import { commandLine, SCRIPT_DIR } from './command-line';
import { openJshTerminal } from './terminal';
import { NON_INTERACTIVE_ENV, SessionExports, spawnCwd } from './session-state';
import { unsupportedSyntaxNote } from './syntax-note';

/** Options of the adapter. */
export interface WebContainerSandboxOptions {
  timings?: JshTimings;
  /** Clock for `durationMs` (tests pass a fixed one). */
  now?: () => number;
  /** The `git` program for Node (the build asset's text), put on jsh's PATH at boot; absent: no git. */
  gitCli?: () => Promise<string>;
  /** Bound of each step of the git install (default 10 s). */
  gitInstallStepMs?: number;
}

/** Terminal size of the session: wide, so the model's copy has no hard-wrapped lines. */
const TERMINAL = { cols: 1000, rows: 40 };

const STATE_LOST = 'the working directory and exported variables were reset';

function endedNote(code: number): string {
  return `the shell session ended (exit code ${code}) and a new one was started: ${STATE_LOST}`;
}

/** The WebContainer sandbox. Create it with `WebContainerSandbox.create(instance)` after a boot. */
export class WebContainerSandbox implements Sandbox {
  readonly kind = 'webcontainer' as const;
  readonly capabilities: Capabilities;
  readonly #instance: WcInstance;
  /** PATH with git's folder first (empty when there is no git): every shell gets it, the person's too. */
  readonly #pathEnv: Record<string, string>;
  /** What the agent's shells get: non-interactive settings, and the PATH. */
  readonly #shellEnv: Record<string, string>;
  readonly #timings: JshTimings;
  readonly #now: () => number;
  readonly #listeners = new Set<(event: SandboxEvent) => void>();
  readonly #processes: ProcessTable;
  readonly #unwire: () => void;
  readonly #terminals = new Set<InteractiveTerminal>();
  #session: JshSession | undefined;
  readonly #exports = new SessionExports();
  #lostNote: string | undefined;
  /** Where jsh does not start `git` by name: said after a command that tried (models type `git` anyway). */
  readonly #gitHint: string | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #scripts = 0;
  #disposed = false;
  /** Started by the first `snapshotSince`. */
  #watched: WatchedChanges | undefined;

  private constructor(instance: WcInstance, options: WebContainerSandboxOptions, git: GitSetup) {
    this.#instance = instance;
    this.capabilities = webcontainerCapabilities(git.install);
    this.#pathEnv = git.install.kind === 'none' ? {} : { PATH: git.path };
    this.#shellEnv = { ...NON_INTERACTIVE_ENV, ...this.#pathEnv };
    const install = git.install;
    this.#gitHint = install.kind === 'node' ? `git is not a command in this shell: run it as \`node ${install.file} <args>\`` : undefined;
    this.#timings = options.timings ?? DEFAULT_TIMINGS;
    this.#now = options.now ?? Date.now;
    const emit = (event: SandboxEvent) => this.#listeners.forEach((listener) => listener(event));
    this.#processes = new ProcessTable(instance, emit, this.#now);
    this.#unwire = wireContainerEvents(instance, emit, this.#processes);
  }

  /**
   * The adapter over a booted container, `git` installed (or why not) and its shell session started (a
   * SandboxError when jsh does not start).
   */
  static async create(instance: WcInstance, options: WebContainerSandboxOptions = {}): Promise<WebContainerSandbox> {
    const git: GitSetup = options.gitCli
      ? await installGit(instance, { source: options.gitCli, stepMs: options.gitInstallStepMs })
      : { install: { kind: 'none', why: 'this sandbox was started without the git program' }, path: '' };
    const sandbox = new WebContainerSandbox(instance, options, git);
    await sandbox.#ensureSession();
    return sandbox;
  }

  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const run = this.#queue.then(() => this.#exec(command, options));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #exec(command: string, options: ExecOptions): Promise<ExecResult> {
    if (options.signal?.aborted) return { exitCode: 130, output: '', timedOut: false, durationMs: 0 };
    const started = this.#now();
    const notes: string[] = [];
    const line = await commandLine(this.#instance.fs, command, options, ++this.#scripts).catch((error: Error) => {
      throw new SandboxError(`Could not prepare the command: ${error.message}`);
    });
    try {
      let result = await this.#run(line.text, options, notes);
      if (result.notStarted && !result.aborted) result = await this.#run(line.text, options, notes);
      if (line.text === command.trim() && result.exitCode === 0 && !result.sessionEnded) this.#exports.typed(line.text);
      if (this.#gitHint && /jsh: (spawn git ENOENT|command not found: git)\b/.test(result.output)) notes.push(this.#gitHint);
      const refused = unsupportedSyntaxNote(command, result.output);
      if (refused) notes.push(refused);
      return this.#toExecResult(result, notes, this.#now() - started);
    } finally {
      // Scratch only: if removing it fails, the next script overwrites it, and zips and snapshots exclude it.
      if (line.script) await this.#instance.fs.rm(SCRIPT_DIR, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  async #run(text: string, options: ExecOptions, notes: string[]): Promise<JshRunResult> {
    const session = await this.#ensureSession(notes);
    const result = await session.run(text, { timeoutMs: options.timeoutMs, signal: options.signal, onOutput: options.onOutput });
    if (result.sessionEnded !== undefined) {
      this.#dropSession(endedNote(result.sessionEnded));
    } else if (result.unresponsive) {
      this.#dropSession(`the shell stopped answering and a new one was started: ${STATE_LOST}`);
    }
    if (!result.notStarted) this.#takeNote(notes);
    return result;
  }

  #toExecResult(result: JshRunResult, notes: string[], durationMs: number): ExecResult {
    if (result.waitingForInput !== undefined) {
      notes.unshift(
        `the command stopped at a question and waited for input ("${result.waitingForInput}"), so it was interrupted: ` +
          'nobody can type into it. Run it non-interactively (a --yes/-y flag, or its options on the command line)',
      );
    }
    const note = notes.map((text) => `[${text}]\n`).join('');
    const exec: ExecResult = { exitCode: result.exitCode, output: result.output + note, timedOut: result.timedOut, durationMs };
    if (result.droppedChars !== undefined) exec.droppedChars = result.droppedChars;
    return exec;
  }

  async #ensureSession(notes?: string[]): Promise<JshSession> {
    if (this.#disposed) throw new SandboxError('The WebContainer sandbox was disposed: reload the page to start a new one.');
    if (this.#session && !this.#session.ended) return this.#session;
    if (this.#session) this.#dropSession(endedNote(this.#session.exitCode ?? -1));
    if (notes) this.#takeNote(notes);
    const process = await this.#instance.spawn('/bin/jsh', ['--osc'], { env: { ...this.#shellEnv }, terminal: TERMINAL });
    const session = new JshSession(process, this.#timings);
    if (!(await session.ready())) {
      session.kill();
      throw new SandboxError('The WebContainer shell (jsh) did not become interactive: reload the page to start a new container.');
    }
    this.#session = session;
    return session;
  }

  #dropSession(note: string): void {
    this.#session?.kill();
    this.#session = undefined;
    this.#exports.reset();
    this.#lostNote = note;
  }

  #takeNote(notes: string[]): void {
    if (this.#lostNote === undefined) return;
    notes.push(this.#lostNote);
    this.#lostNote = undefined;
  }

  async readFile(path: string): Promise<Uint8Array> {
    if ((await kindOf(this.#instance.fs, path)) !== 'file') throw new SandboxError(`${path} is not a file: read a file that exists.`);
    return this.#instance.fs.readFile(fsPath(path));
  }

  async readTextFile(path: string): Promise<string> {
    return new TextDecoder().decode(await this.readFile(path));
  }

  writeFile(path: string, content: string | Uint8Array): Promise<void> {
    return writeFileAt(this.#instance.fs, path, content);
  }

  list(path = WORKDIR, options: { recursive?: boolean } = {}): Promise<FileEntry[]> {
    return listEntries(this.#instance.fs, path, options.recursive !== false);
  }

  async exists(path: string): Promise<boolean> {
    resolveInWorkdir(path);
    return (await kindOf(this.#instance.fs, path)) !== undefined;
  }

  remove(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    return removeAt(this.#instance.fs, path, options.recursive === true);
  }

  rename(from: string, to: string): Promise<void> {
    return renameAt(this.#instance.fs, from, to);
  }

  /** Started where the agent's shell stands (its `cd`) with what it exported, as a process started from it would be. */
  async startProcess(command: string, options: { onOutput?: (chunk: string) => void } = {}): Promise<ProcessInfo> {
    const cwd = await this.#sessionCwd();
    return this.#processes.start(command, options.onOutput, { cwd, env: { ...this.#shellEnv, ...this.#exports.vars } });
  }

  /** The session's working directory relative to the work dir (the work dir when it cannot be told). */
  async #sessionCwd(): Promise<string> {
    const pwd = await this.exec('pwd', { timeoutMs: this.#timings.readyMs }).catch(() => undefined);
    return (pwd && pwd.exitCode === 0 && spawnCwd(pwd.output)) || '.';
  }

  async listProcesses(): Promise<ProcessInfo[]> {
    return this.#processes.list();
  }

  async processOutput(id: string): Promise<ProcessOutput> {
    return this.#processes.output(id);
  }

  stopProcess(id: string): Promise<void> {
    return this.#processes.stop(id);
  }

  /** The person's own `jsh` with a terminal: a session apart from the agent's; ended on dispose. */
  async openTerminal(options: TerminalSize): Promise<InteractiveTerminal> {
    if (this.#disposed) throw new SandboxError('The WebContainer sandbox was disposed: reload the page to start a new one.');
    const terminal = await openJshTerminal(this.#instance, options, this.#pathEnv.PATH ? this.#pathEnv : undefined);
    if (this.#disposed) {
      terminal.kill();
      throw new SandboxError('The WebContainer sandbox was disposed: reload the page to start a new one.');
    }
    this.#terminals.add(terminal);
    void terminal.exit.then(() => this.#terminals.delete(terminal));
    return terminal;
  }

  /**
   * Zipped here from the filtered snapshot, not by `export(…, {format: 'zip'})`: how its exclude globs match
   * (relative or absolute paths, dot names) is not documented, and a miss would put node_modules or .git
   * objects in the download. The names are made safe for every extractor, as the lite sandbox's are.
   */
  async exportZip(options: { excludes?: string[] } = {}): Promise<Uint8Array> {
    const excludes = [...(options.excludes ?? DEFAULT_ZIP_EXCLUDES)];
    return zipSnapshot(await this.snapshot({ excludes }), { excludes });
  }

  /** Excluded folders are not read at all (the export skips them); what it still lists of them is dropped. */
  async snapshot(options: { excludes?: string[] } = {}): Promise<WorkdirSnapshot> {
    const left = [...(options.excludes ?? []), SCRIPT_DIR];
    const snapshot = treeToSnapshot(await this.#instance.export('.', { format: 'json', excludes: excludeGlobs(left) }));
    const kept = (path: string) => !isExcluded(path, left);
    return { files: snapshot.files.filter((file) => kept(file.path)), dirs: snapshot.dirs.filter(kept) };
  }

  /** What changed since `since`, heard through `fs.watch` (a full rescan when watching is not possible). */
  async snapshotSince(options: { since?: string; excludes?: string[] } = {}): Promise<WorkdirChanges> {
    const watched = (this.#watched ??= new WatchedChanges(this.#instance.fs));
    await watched.settle();
    const cursor = watched.log.cursor;
    const changed = watched.log.since(options.since);
    if (changed === undefined) return { ...(await this.snapshot(options)), roots: [''], cursor };
    return { ...(await readRoots(this.#instance, changed, [...(options.excludes ?? []), SCRIPT_DIR])), cursor };
  }

  async restore(snapshot: WorkdirSnapshot): Promise<void> {
    await this.#queue;
    await this.#processes.stopAll();
    this.#session?.kill();
    this.#session = undefined;
    this.#exports.reset();
    await clearWorkdir(this.#instance.fs);
    await this.#instance.mount(snapshotToTree(snapshot));
  }

  on(listener: (event: SandboxEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    await this.#processes.stopAll();
    this.#terminals.forEach((terminal) => terminal.kill());
    this.#session?.kill();
    this.#session = undefined;
    this.#unwire();
    this.#watched?.close();
    this.#listeners.clear();
    this.#instance.teardown();
  }
}
