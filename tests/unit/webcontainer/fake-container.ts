/**
 * A stand-in of the documented WebContainer API (1.6): `fs`, `spawn` (a `jsh --osc` that talks like the
 * recorded transcripts: echo, OSC 654 markers, a two-line prompt, CRLF, output in small chunks), `export`
 * (json and zip, with globs), `mount`, `on(...)`, `teardown`. Commands are interpreted by just-bash, so they
 * follow bash, not jsh: this tests the adapter's protocol handling, not jsh's command set. `spawn('node', …)`
 * runs a CommonJS file of its file system (fake-node.ts), and `git` typed in a shell is looked up on the
 * shell's PATH as jsh would, played in the reading chosen by `pathScripts`.
 */
import { zipSync } from 'fflate';
import { Bash, defineCommand, InMemoryFs } from 'just-bash';
import { runNode } from './fake-node';
import type { WcDirent, WcExportOptions, WcFileSystem, WcInstance, WcProcess, WcSpawnOptions, WcTree } from '../../../src/sandbox/webcontainer/port';

const WORKDIR = '/home/project';
const PROMPT = '\x1b]654;prompt\x07\r\n\x1b[1;34m~/project\x1b[0m\r\n\x1b[1;35m❯\x1b[0m ';
/** The prompt of a plain `jsh` (no `--osc`): no markers. */
const PLAIN_PROMPT = '\r\n\x1b[1;34m~/project\x1b[0m\r\n\x1b[1;35m❯\x1b[0m ';
const CHUNK = 5;

type Listener = (...args: never[]) => void;

function abs(path: string): string {
  if (path.startsWith('/')) return path;
  return path === '.' || path === '' ? WORKDIR : `${WORKDIR}/${path.replace(/^\.\//, '')}`;
}

/**
 * How the stand-in's export matches exclude globs (`**`, `*`, `?`). WebContainer does not document it, so the
 * stand-in plays each reading: against paths relative to the exported folder or absolute ones, and with or
 * without `*`/`**` matching names that start with a dot (most glob libraries leave dot names out by default).
 */
export interface GlobReading {
  paths: 'relative' | 'absolute';
  dot: boolean;
}

function globToRegExp(glob: string, dot: boolean): RegExp {
  const name = dot ? '[^/]*' : '(?!\\.)[^/]*';
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (glob.startsWith('**/', i)) (source += `(?:${name}/)*`), (i += 2);
    else if (glob.startsWith('**', i)) (source += `(?:${name}(?:/${name})*)?`), (i += 1);
    else if (char === '*') source += name;
    else if (char === '?') source += dot ? '[^/]' : '(?!\\.)[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** The stand-in container. `emit` plays the container's events; `crashShells` ends every jsh session. */
export class FakeWebContainer implements WcInstance {
  readonly workdir = WORKDIR;
  /** `WebContainer.path`: the default PATH of spawned processes. */
  readonly path = '/usr/local/bin:/usr/bin:/bin';
  readonly memfs = new InMemoryFs();
  readonly bash = new Bash({ fs: this.memfs, cwd: WORKDIR, env: { HOME: WORKDIR, USER: 'user' }, customCommands: [this.#pathCommand('git'), this.#nodeCommand()] });
  readonly spawned: { command: string; args: string[]; options?: WcSpawnOptions }[] = [];
  tornDown = false;
  /** Every plain interactive `jsh` (spawned with a terminal and no arguments), oldest first. */
  readonly plainShells: FakeJsh[] = [];
  #listeners = new Map<string, Set<Listener>>();
  #shells = new Set<FakeJsh>();
  #pid = 40;
  readonly #replayShell: (() => WcProcess) | undefined;

  /** Whether a process's output stream stays open after it exits (as the real one may). */
  readonly outputOutlivesExit: boolean;

  /**
   * `replayShell` answers `jsh --osc` with a replay of a transcript instead of the emulated jsh;
   * `outputOutlivesExit` plays the reading where a process's output never ends when it exits.
   */
  /** How export matches its exclude globs (default: relative paths, dot names matched). */
  readonly globs: GlobReading;

  /**
   * How jsh treats a `#!/usr/bin/env node` file found by name on PATH: runs it with node (what StackBlitz showed
   * in webcontainer-core#1307), or fails to spawn it as it does a shebang script given by path (#1184).
   */
  readonly pathScripts: 'run' | 'enoent';

  /**
   * Syntax the interactive jsh refuses with "unsupported shell syntax" (webcontainer-core#1608 shows it for `!`),
   * tested against the script it would run (the typed line, or the file of `jsh <file>`); none by default.
   */
  readonly refuses: RegExp | undefined;

  constructor(options: { replayShell?: () => WcProcess; outputOutlivesExit?: boolean; globs?: GlobReading; pathScripts?: 'run' | 'enoent'; refuses?: RegExp } = {}) {
    this.pathScripts = options.pathScripts ?? 'run';
    this.refuses = options.refuses;
    this.#replayShell = options.replayShell;
    this.globs = options.globs ?? { paths: 'relative', dot: true };
    this.outputOutlivesExit = options.outputOutlivesExit ?? false;
  }

  readonly fs: WcFileSystem = {
    readdir: async (path) => {
      const dir = abs(path);
      const names = await this.memfs.readdir(dir);
      return Promise.all(
        names.map(async (name): Promise<WcDirent> => {
          const stat = await this.memfs.stat(`${dir}/${name}`);
          return { name, isFile: () => stat.isFile, isDirectory: () => stat.isDirectory };
        }),
      );
    },
    readFile: (path) => this.memfs.readFileBuffer(abs(path)),
    writeFile: (path, data) => this.memfs.writeFile(abs(path), data),
    mkdir: async (path) => {
      await this.memfs.mkdir(abs(path), { recursive: true });
      return abs(path);
    },
    rm: (path, options) => this.memfs.rm(abs(path), options),
    rename: (from, to) => this.memfs.mv(abs(from), abs(to)),
  };

  async init(): Promise<this> {
    await this.memfs.mkdir(WORKDIR, { recursive: true });
    return this;
  }

  /** `node <file> <args…>` typed in a shell: the stand-in's node. */
  #nodeCommand() {
    return defineCommand('node', (args, ctx) => runNode(this.memfs, args[0] ?? '', args.slice(1), { cwd: ctx.cwd, env: Object.fromEntries(ctx.env) }));
  }

  /** A command found by name on the shell's PATH, run as jsh would in the `pathScripts` reading. */
  #pathCommand(name: string) {
    return defineCommand(name, async (args, ctx) => {
      for (const dir of (ctx.env.get('JSH_PATH') ?? '').split(':').filter(Boolean)) {
        const file = `${dir}/${name}`;
        if (!(await this.memfs.exists(file))) continue;
        if (this.pathScripts === 'enoent') return { stdout: '', stderr: `jsh: spawn ${name} ENOENT\n`, exitCode: 1 };
        if (!(await this.memfs.readFile(file)).startsWith('#!/usr/bin/env node')) break;
        return runNode(this.memfs, file, args, { cwd: ctx.cwd, env: Object.fromEntries(ctx.env) });
      }
      return { stdout: '', stderr: `jsh: command not found: ${name}\n`, exitCode: 127 };
    });
  }

  async spawn(command: string, args: string[], options?: WcSpawnOptions): Promise<WcProcess> {
    this.spawned.push({ command, args, options });
    if (command === 'node') return runNodeProcess(this, args, options);
    if (!/^(\/bin\/)?jsh$/.test(command)) throw new Error(`spawn ${command}: not in the stand-in`);
    if (args[0] === '--osc' && this.#replayShell) return this.#replayShell();
    const env = Object.fromEntries(Object.entries(options?.env ?? {}).map(([key, value]) => [key, String(value)]));
    if (args[0] === '--osc') {
      const shell = new FakeJsh(this, () => ++this.#pid, { osc: true, keepOutput: this.outputOutlivesExit, env });
      this.#shells.add(shell);
      return shell.process;
    }
    if (args[0] === '-c') return runChild(this, args[1] ?? '', options);
    if (args.length === 0 && options?.terminal) {
      const shell = new FakeJsh(this, () => ++this.#pid, { osc: false, env });
      this.#shells.add(shell);
      this.plainShells.push(shell);
      return shell.process;
    }
    throw new Error(`jsh ${args.join(' ')}: not in the stand-in`);
  }

  export(path: string, options: WcExportOptions & { format: 'json' }): Promise<WcTree>;
  export(path: string, options: WcExportOptions & { format: 'binary' | 'zip' }): Promise<Uint8Array>;
  async export(path: string, options: WcExportOptions): Promise<WcTree | Uint8Array> {
    const excludes = (options.excludes ?? []).map((glob) => globToRegExp(glob, this.globs.dot));
    const root = abs(path);
    const excluded = (relative: string) => {
      const subject = this.globs.paths === 'absolute' ? `${root}/${relative}` : relative;
      return excludes.some((glob) => glob.test(subject));
    };
    if (options.format === 'zip') {
      const files: Record<string, Uint8Array> = {};
      await this.#walk(abs(path), '', excluded, async (relative, full) => {
        files[relative] = await this.memfs.readFileBuffer(full);
      });
      return zipSync(files);
    }
    if (options.format !== 'json') throw new Error('the stand-in exports json and zip only');
    const tree: WcTree = {};
    const dirs = new Map<string, WcTree>([['', tree]]);
    await this.#walk(abs(path), '', excluded, async (relative, full, isDir) => {
      const cut = relative.lastIndexOf('/');
      const parent = dirs.get(cut === -1 ? '' : relative.slice(0, cut))!;
      const name = relative.slice(cut + 1);
      if (isDir) {
        const directory: WcTree = {};
        parent[name] = { directory };
        dirs.set(relative, directory);
      } else parent[name] = { file: { contents: await this.memfs.readFileBuffer(full) } };
    }, true);
    return tree;
  }

  async #walk(dir: string, prefix: string, excluded: (p: string) => boolean, visit: (relative: string, full: string, isDir: boolean) => Promise<void>, withDirs = false): Promise<void> {
    for (const name of (await this.memfs.readdir(dir)).sort()) {
      const relative = prefix === '' ? name : `${prefix}/${name}`;
      if (excluded(relative)) continue;
      const full = `${dir}/${name}`;
      const stat = await this.memfs.stat(full);
      if (stat.isDirectory) {
        if (withDirs) await visit(relative, full, true);
        await this.#walk(full, relative, excluded, visit, withDirs);
      } else await visit(relative, full, false);
    }
  }

  async mount(tree: WcTree | Uint8Array, options?: { mountPoint?: string }): Promise<void> {
    if (tree instanceof Uint8Array) throw new Error('the stand-in mounts trees only');
    const write = async (node: WcTree, dir: string) => {
      await this.memfs.mkdir(dir, { recursive: true });
      for (const [name, entry] of Object.entries(node)) {
        if ('directory' in entry) await write(entry.directory, `${dir}/${name}`);
        else if ('contents' in entry.file) await this.memfs.writeFile(`${dir}/${name}`, entry.file.contents);
      }
    };
    await write(tree, abs(options?.mountPoint ?? '.'));
  }

  on(event: string, listener: Listener): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    this.#listeners.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Play a container event, as the real one would emit it. */
  emit(event: 'server-ready' | 'port' | 'preview-message' | 'error', ...args: unknown[]): void {
    for (const listener of this.#listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }

  listenerCount(): number {
    return [...this.#listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }

  crashShells(code = 1): void {
    for (const shell of this.#shells) shell.end(code);
  }

  teardown(): void {
    this.tornDown = true;
  }
}

/** An output stream with an async, chunked, ordered writer. */
function outputPipe() {
  let controller!: ReadableStreamDefaultController<string>;
  let closed = false;
  let queue = Promise.resolve();
  const stream = new ReadableStream<string>({ start: (c) => void (controller = c) });
  const write = (text: string) => {
    queue = queue.then(async () => {
      for (let i = 0; i < text.length && !closed; i += CHUNK) {
        controller.enqueue(text.slice(i, i + CHUNK));
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    });
    return queue;
  };
  const close = () =>
    void queue.then(() => {
      if (!closed) controller.close();
      closed = true;
    });
  return { stream, write, close };
}

/**
 * The env a shell's just-bash runs with: jsh's PATH kept aside as JSH_PATH for the stand-in's own lookup
 * (just-bash would run a file found on PATH as a bash script, and finds its own commands in /usr/bin and /bin).
 */
function bashEnv(env: Record<string, string>): Record<string, string> {
  return env.PATH === undefined ? env : { ...env, PATH: '/usr/bin:/bin', JSH_PATH: env.PATH };
}

/** `node <file> <args…>`, run by the stand-in's node in `cwd` with `env`. */
function runNodeProcess(container: FakeWebContainer, args: string[], options: WcSpawnOptions = {}): WcProcess {
  const out = outputPipe();
  const env = Object.fromEntries(Object.entries(options.env ?? {}).map(([name, value]) => [name, String(value)]));
  const exit = runNode(container.memfs, args[0] ?? '', args.slice(1), { cwd: abs(options.cwd ?? '.'), env }).then(async (run) => {
    await out.write(`${run.stdout}${run.stderr}`.replace(/\n/g, '\r\n'));
    if (!container.outputOutlivesExit) out.close();
    return run.exitCode;
  });
  return { exit, output: out.stream, input: new WritableStream<string>(), kill: () => undefined, resize: () => undefined };
}

/** `jsh -c <command>`: a child run with its own terminal, in `cwd` (relative to the work dir) with `env`, as `spawn` documents. */
function runChild(container: FakeWebContainer, command: string, options: WcSpawnOptions = {}): WcProcess {
  const out = outputPipe();
  const controller = new AbortController();
  let settle!: (code: number) => void;
  const exit = new Promise<number>((resolve) => (settle = resolve));
  void container.bash
    .exec(command, {
      cwd: abs(options.cwd ?? '.'),
      env: bashEnv(Object.fromEntries(Object.entries(options.env ?? {}).map(([name, value]) => [name, String(value)]))),
      rawScript: true,
      signal: controller.signal,
    })
    .then(async (result) => {
      await out.write(`${result.stdout}${result.stderr}`.replace(/\n/g, '\r\n'));
      if (!container.outputOutlivesExit) out.close();
      settle(controller.signal.aborted ? 130 : result.exitCode);
    });
  return {
    exit,
    output: out.stream,
    input: new WritableStream<string>(),
    kill: () => {
      controller.abort();
      if (!container.outputOutlivesExit) out.close();
      settle(130);
    },
    resize: () => undefined,
  };
}

/** An interactive `jsh` over just-bash: `jsh --osc` (with OSC 654 markers) or a plain one (without). */
export class FakeJsh {
  readonly process: WcProcess;
  /** Every `resize` the shell was given. */
  readonly resizes: { cols: number; rows: number }[] = [];
  /** Whether the shell has ended (exit, kill or crash). */
  get ended(): boolean {
    return this.#ended;
  }
  readonly #osc: boolean;
  readonly #keepOutput: boolean;
  readonly #container: FakeWebContainer;
  readonly #nextPid: () => number;
  readonly #out = outputPipe();
  #line = '';
  #state = { cwd: WORKDIR, env: {} as Record<string, string> };
  #running: AbortController | undefined;
  #settle!: (code: number) => void;
  #ended = false;

  constructor(container: FakeWebContainer, nextPid: () => number, options: { osc: boolean; keepOutput?: boolean; env?: Record<string, string> } = { osc: true }) {
    this.#container = container;
    this.#state.env = bashEnv({ ...options.env });
    this.#nextPid = nextPid;
    this.#osc = options.osc;
    this.#keepOutput = options.keepOutput ?? false;
    const exit = new Promise<number>((resolve) => (this.#settle = resolve));
    this.process = {
      exit,
      output: this.#out.stream,
      input: new WritableStream<string>({ write: (data) => this.#type(data) }),
      kill: () => this.end(137),
      resize: (size) => void this.resizes.push(size),
    };
    void this.#out.write(this.#osc ? `\x1b]654;interactive\x07${PROMPT}` : PLAIN_PROMPT);
  }

  end(code: number): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#running?.abort();
    if (!this.#keepOutput) this.#out.close();
    this.#settle(code);
  }

  #type(data: string): void {
    for (const char of data) {
      if (char === '\x03') this.#interrupt();
      else if (char === '\n' || char === '\r') void this.#enter();
      else if (!this.#running) {
        this.#line += char;
        void this.#out.write(char);
      }
    }
  }

  #interrupt(): void {
    this.#line = '';
    if (this.#running) return this.#running.abort();
    void this.#out.write(`^C\r\n${this.#prompt()}`);
  }

  async #enter(): Promise<void> {
    if (this.#running) return;
    const line = this.#line;
    this.#line = '';
    await this.#out.write('\r\n');
    if (/^exit(\s|$)/.test(line.trim())) return this.end(Number.parseInt(line.trim().slice(4), 10) || 0);
    const controller = (this.#running = new AbortController());
    const pid = this.#nextPid();
    const interrupted = new Promise<null>((resolve) => controller.signal.addEventListener('abort', () => resolve(null)));
    const child = this.#childScript(line);
    const script = child ? await child : line;
    if (this.#container.refuses?.test(script ?? '')) {
      this.#running = undefined;
      return void this.#out.write(`jsh: unsupported shell syntax\r\n${this.#exitMarker(pid, 1)}${this.#prompt()}`);
    }
    const run = this.#container.bash.exec(script ?? '', {
      cwd: this.#state.cwd,
      env: this.#state.env,
      replaceEnv: true,
      rawScript: true,
      signal: controller.signal,
    });
    const result = await Promise.race([run, interrupted]);
    this.#running = undefined;
    if (this.#ended) return;
    if (result === null) return void this.#out.write(`^C\r\n${this.#exitMarker(pid, 130)}${this.#prompt()}`);
    if (!child) this.#state = { cwd: result.env.PWD ?? this.#state.cwd, env: result.env };
    const output = `${result.stdout}${result.stderr}`.replace(/\n/g, '\r\n');
    await this.#out.write(`${output}${this.#exitMarker(pid, result.exitCode)}${this.#prompt()}`);
  }

  #prompt(): string {
    return this.#osc ? PROMPT : PLAIN_PROMPT;
  }

  #exitMarker(pid: number, code: number): string {
    return this.#osc ? `\x1b]654;exit=${pid}:${code}\x07` : '';
  }

  /** `jsh -c '<script>'` or `jsh <file>` typed at the prompt: the script, run in a child (state not kept). */
  #childScript(line: string): Promise<string> | undefined {
    const inline = /^(?:\/bin\/)?jsh -c '((?:[^']|'\\'')*)'$/.exec(line);
    if (inline) return Promise.resolve(inline[1].replace(/'\\''/g, "'"));
    const file = /^(?:\/bin\/)?jsh (\S+)$/.exec(line);
    if (file) return this.#container.memfs.readFile(abs(file[1]));
    return undefined;
  }
}
