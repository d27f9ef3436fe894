/**
 * The process tabs' state: one tab per background process in the sandbox (found by polling its process list
 * and by its events), each with a screen fed by the process's output. Where processes stream (WebContainer)
 * the screen gets `process-output` events; where they do not (lite), the shown tab's screen is redrawn from
 * `processOutput` while the process runs, and gets its whole output when it ends.
 */
import type { ProcessInfo, SandboxEvent } from '../../sandbox/sandbox';
import type { ProcessDesk } from '../../shell/desk';
import { toCrlf } from '../../terminal/bytes';
import { BufferedScreen } from './screen';

/** One process tab as the tab strip shows it. */
export interface ProcessTab {
  id: string;
  command: string;
  running: boolean;
  exitCode?: number;
}

/** Timing of the process tabs. */
export interface ProcessTabsOptions {
  /** How often the process list is read (default 1 000 ms). */
  pollMs?: number;
  /** Makes each tab's screen (tests pass one that flushes at once). */
  makeScreen?: () => BufferedScreen;
}

const DIM = '\x1b[2m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

/** The processes of one sandbox as tabs. */
export class ProcessTabs {
  tabs = $state.raw<ProcessTab[]>([]);
  /** Why the list could not be read, if it could not. */
  problem = $state('');
  readonly #desk: ProcessDesk;
  readonly #screens = new Map<string, BufferedScreen>();
  readonly #early = new Map<string, SandboxEvent[]>();
  readonly #pollMs: number;
  readonly #makeScreen: () => BufferedScreen;
  #live = true;
  #shown: string | null = null;
  #lastSnapshot = new Map<string, string>();
  #refreshing: Promise<void> | undefined;

  constructor(desk: ProcessDesk, options: ProcessTabsOptions = {}) {
    this.#desk = desk;
    this.#pollMs = options.pollMs ?? 1_000;
    this.#makeScreen = options.makeScreen ?? (() => new BufferedScreen());
  }

  /** Start following the sandbox; returns the function that stops it. */
  start(): () => void {
    let stopped = false;
    const unsubscribe = this.#desk.on((event) => this.#onEvent(event));
    const timer = setInterval(() => void this.#tick(), this.#pollMs);
    this.#desk.ready.then(
      (info) => {
        this.#live = info.liveOutput;
        if (!stopped) void this.refresh();
      },
      () => clearInterval(timer),
    );
    return () => {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
    };
  }

  /** The screen of a process's tab. */
  screen(id: string): BufferedScreen {
    let screen = this.#screens.get(id);
    if (!screen) this.#screens.set(id, (screen = this.#makeScreen()));
    return screen;
  }

  /** Which process tab is shown (null: another kind of tab); a lite tab shown is redrawn at once. */
  show(id: string | null): void {
    this.#shown = id;
    if (id && !this.#live) void this.#redraw(id);
  }

  /** Stop a process at the person's request. */
  async stop(id: string): Promise<void> {
    try {
      await this.#desk.stopProcess(id);
    } catch (error) {
      this.problem = `Could not stop process ${id}: ${(error as Error).message}`;
    }
    await this.refresh();
  }

  /** Read the process list: new processes get tabs, ended ones their exit line. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#readList().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  async #readList(): Promise<void> {
    let list: ProcessInfo[];
    try {
      list = await this.#desk.listProcesses();
      this.problem = '';
    } catch (error) {
      this.problem = `Could not read the process list: ${(error as Error).message}`;
      return;
    }
    const before = new Map(this.tabs.map((tab) => [tab.id, tab]));
    this.tabs = list.map(({ id, command, running, exitCode }) => (exitCode === undefined ? { id, command, running } : { id, command, running, exitCode }));
    for (const tab of this.tabs) {
      const old = before.get(tab.id);
      if (!old) this.#opened(tab);
      if (!tab.running && (old === undefined || old.running)) await this.#ended(tab);
    }
  }

  #opened(tab: ProcessTab): void {
    const early = this.#early.get(tab.id) ?? [];
    this.#early.delete(tab.id);
    if (this.#live) for (const event of early) if (event.type === 'process-output') this.screen(tab.id).write(toCrlf(event.data));
  }

  async #ended(tab: ProcessTab): Promise<void> {
    const screen = this.screen(tab.id);
    if (!this.#live) {
      const output = await this.#desk.processOutput(tab.id).then((out) => out.output, (error: Error) => `[output unavailable: ${error.message}]\n`);
      screen.clear();
      screen.write(toCrlf(output));
    }
    const code = tab.exitCode ?? '?';
    const colour = tab.exitCode === 0 ? DIM : RED;
    const fresh = screen.recorded === '' || screen.recorded.endsWith('\n') ? '' : '\r\n';
    screen.write(`${fresh}${colour}[process ended with exit code ${code}]${RESET}\r\n`);
  }

  #onEvent(event: SandboxEvent): void {
    if (event.type !== 'process-output' && event.type !== 'process-exit') return;
    const known = this.tabs.some((tab) => tab.id === event.id);
    if (!known) {
      this.#early.set(event.id, [...(this.#early.get(event.id) ?? []), event]);
      void this.refresh();
    } else if (event.type === 'process-output' && this.#live) {
      this.screen(event.id).write(toCrlf(event.data));
    } else if (event.type === 'process-exit') {
      void this.refresh();
    }
  }

  async #tick(): Promise<void> {
    await this.refresh();
    if (this.#shown && !this.#live) await this.#redraw(this.#shown);
  }

  /** Lite: show what a running process has written so far (its files' tails). */
  async #redraw(id: string): Promise<void> {
    const tab = this.tabs.find((candidate) => candidate.id === id);
    if (!tab?.running) return;
    const output = await this.#desk.processOutput(id).catch(() => undefined);
    if (!output?.running || this.#lastSnapshot.get(id) === output.output) return;
    this.#lastSnapshot.set(id, output.output);
    const screen = this.screen(id);
    screen.clear();
    screen.write(`${toCrlf(output.output)}${DIM}[redrawn every second while it runs]${RESET}`);
  }
}
