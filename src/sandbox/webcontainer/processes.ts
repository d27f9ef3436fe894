/** Long-running processes (dev servers, watchers) and the container's own events, as SandboxEvents. */
import { SandboxError } from '../../core/errors';
import type { ProcessInfo, ProcessOutput, SandboxEvent } from '../sandbox';
import type { WcInstance, WcPreviewMessage, WcProcess } from './port';
import { LineEnds, stripEscapes } from './terminal-text';
import { NON_INTERACTIVE_ENV } from './session-state';

/** Recent output kept per process (characters of raw terminal output). */
const RING_CHARS = 64 * 1024;
/** How long `stop` waits for the process to report its exit after `kill()`. */
const STOP_WAIT_MS = 2_000;
/**
 * After a process exits, how long its output may still drain. The output stream may never end when a process
 * exits (StackBlitz's own test harness resolves on `exit` for that reason), so `exit` decides, not the stream.
 */
export const DRAIN_MS = 250;
/** How long a stop waits for the stopped process's ports to close. */
const PORT_CLOSE_WAIT_MS = 1_500;

interface Entry {
  info: ProcessInfo;
  process: WcProcess;
  recent: string;
  /** Ports that opened while this process ran: most likely its servers'. */
  ports: Set<number>;
}

/** The processes started with `startProcess`, each `jsh -c <command>` with its own terminal. */
export class ProcessTable {
  readonly #instance: WcInstance;
  readonly #emit: (event: SandboxEvent) => void;
  readonly #now: () => number;
  #entries = new Map<string, Entry>();
  #next = 1;

  constructor(instance: WcInstance, emit: (event: SandboxEvent) => void, now: () => number) {
    this.#instance = instance;
    this.#emit = emit;
    this.#now = now;
  }

  /** Start `jsh -c command` in `cwd` (relative to the work dir) with the session's exported `env`. */
  async start(command: string, onOutput?: (chunk: string) => void, where: { cwd?: string; env?: Record<string, string> } = {}): Promise<ProcessInfo> {
    let process: WcProcess;
    const env = { ...NON_INTERACTIVE_ENV, ...where.env };
    try {
      process = await this.#instance.spawn('/bin/jsh', ['-c', command], { cwd: where.cwd ?? '.', env, terminal: { cols: 1000, rows: 40 } });
    } catch (error) {
      throw new SandboxError(`Could not start ${JSON.stringify(command)}: ${(error as Error).message}`);
    }
    const id = `p${this.#next++}`;
    const entry: Entry = { info: { id, command, running: true, startedAt: this.#now() }, process, recent: '', ports: new Set() };
    this.#entries.set(id, entry);
    const finished = this.#pump(entry, onOutput);
    void process.exit
      .catch(() => -1)
      .then(async (code) => {
        await Promise.race([finished, delay(DRAIN_MS)]);
        this.#exited(entry, code);
      });
    return { ...entry.info };
  }

  list(): ProcessInfo[] {
    return [...this.#entries.values()].map((entry) => ({ ...entry.info }));
  }

  output(id: string): ProcessOutput {
    const entry = this.#get(id);
    return { ...entry.info, output: stripEscapes(entry.recent) };
  }

  /** A port opened (a `port` or `server-ready` event): it belongs to the processes running now. */
  portOpened(port: number): void {
    for (const entry of this.#entries.values()) if (entry.info.running) entry.ports.add(port);
  }

  /** A port closed. */
  portClosed(port: number): void {
    for (const entry of this.#entries.values()) entry.ports.delete(port);
  }

  async stop(id: string): Promise<void> {
    const entry = this.#get(id);
    if (!entry.info.running) return;
    entry.process.kill();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(143), STOP_WAIT_MS)));
    const code = await Promise.race([entry.process.exit.catch(() => 143), late]);
    clearTimeout(timer);
    this.#exited(entry, code);
    await this.#portsFreed(entry);
  }

  /**
   * Killing `jsh -c` may leave a child (the dev server) holding its port, and the next server then moves to
   * another port. Wait briefly for the process's ports to close, and say which did not.
   */
  async #portsFreed(entry: Entry): Promise<void> {
    const deadline = Date.now() + PORT_CLOSE_WAIT_MS;
    while (entry.ports.size > 0 && Date.now() < deadline) await delay(50);
    if (entry.ports.size === 0) return;
    const ports = [...entry.ports].sort((a, b) => a - b).join(', ');
    entry.ports.clear();
    this.#emit({
      type: 'error',
      message:
        `Process ${entry.info.id} was stopped, but port ${ports} is still open (a child process may still hold it): a server ` +
        'started next may listen on another port — read its output for the port it actually uses.',
    });
  }

  /** Kill everything (dispose, restore). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#entries.keys()].map((id) => this.stop(id)));
  }

  async #pump(entry: Entry, onOutput?: (chunk: string) => void): Promise<void> {
    const reader = entry.process.output.getReader();
    const lineEnds = new LineEnds();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        entry.recent = (entry.recent + value).slice(-RING_CHARS);
        const data = lineEnds.push(value);
        if (data === '') continue;
        onOutput?.(data);
        this.#emit({ type: 'process-output', id: entry.info.id, data });
      }
    } catch (error) {
      entry.recent += `\r\n[output stream failed: ${(error as Error).message ?? String(error)}]\r\n`;
    }
  }

  #exited(entry: Entry, code: number): void {
    if (!entry.info.running) return;
    entry.info = { ...entry.info, running: false, exitCode: code };
    this.#emit({ type: 'process-exit', id: entry.info.id, exitCode: code });
  }

  #get(id: string): Entry {
    const entry = this.#entries.get(id);
    if (!entry) {
      const known = [...this.#entries.keys()].join(', ') || 'none';
      throw new SandboxError(`There is no process ${JSON.stringify(id)} (known: ${known}).`);
    }
    return entry;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Forward the container's preview and error events as SandboxEvents; returns the unsubscribe function. */
export function wireContainerEvents(instance: WcInstance, emit: (event: SandboxEvent) => void, processes?: ProcessTable): () => void {
  const open = new Map<number, string>();
  const opened = (port: number, url: string) => {
    processes?.portOpened(port);
    if (open.get(port) === url) return;
    open.set(port, url);
    emit({ type: 'preview-open', preview: { port, url } });
  };
  const unsubscribers = [
    instance.on('server-ready', (port, url) => opened(port, url)),
    instance.on('port', (port, type, url) => {
      if (type === 'open') return opened(port, url);
      processes?.portClosed(port);
      if (!open.delete(port)) return;
      emit({ type: 'preview-close', port });
    }),
    instance.on('preview-message', (message) => emit({ type: 'preview-error', port: message.port, message: describePreviewMessage(message) })),
    instance.on('error', (error) => emit({ type: 'error', message: `WebContainer error: ${error.message}` })),
  ];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}

/** The most of a preview message's text, and of its stack, that reaches the model. */
const MAX_MESSAGE_CHARS = 300;
const MAX_STACK_LINES = 3;

/**
 * One short report for the agent: what the preview reported, and where. Booted with `'exceptions-only'`,
 * the container forwards uncaught exceptions and unhandled rejections only (console.error noise — React
 * warnings, failed fetches — stays in the preview); the text is cut and the stack keeps its top frames.
 */
export function describePreviewMessage(message: WcPreviewMessage): string {
  const kind =
    message.type === 'PREVIEW_UNCAUGHT_EXCEPTION'
      ? 'Uncaught exception'
      : message.type === 'PREVIEW_UNHANDLED_REJECTION'
        ? 'Unhandled promise rejection'
        : 'console.error';
  const text = message.message ?? (message.args ?? []).map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
  const frames = (message.stack ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
  const stack = frames.length === 0 ? '' : `\n${frames.slice(0, MAX_STACK_LINES).join('\n')}${frames.length > MAX_STACK_LINES ? `\n(${frames.length - MAX_STACK_LINES} more frames)` : ''}`;
  return `${kind} in the preview of port ${message.port} (${message.pathname}): ${cut(text, MAX_MESSAGE_CHARS)}${stack}`;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
