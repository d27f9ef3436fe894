/**
 * The Shell tab's choice (raw jsh when the sandbox offers `openTerminal`, else the line-based shell) over real
 * sandboxes, and the RawShell's wiring, reopening and disposal over a scripted InteractiveTerminal.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import type { InteractiveTerminal, Sandbox, TerminalSize } from '../../../src/sandbox/sandbox';
import { WebContainerSandbox } from '../../../src/sandbox/webcontainer/sandbox';
import { deskOver } from '../../../src/shell/desk';
import { RawShell } from '../../../src/shell/raw-shell';
import { openShellTab, type ShellTabScreen } from '../../../src/shell/shell-tab';
import { waitFor } from '../sandbox/contract';
import { FakeWebContainer } from '../webcontainer/fake-container';

const JSH_PROMPT = '\r\n\x1b[1;34m~/project\x1b[0m\r\n\x1b[1;35m❯\x1b[0m ';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

const sandboxes: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.dispose()));
});

/** A screen the test types into and resizes, recording what is written. */
class FakeScreen implements ShellTabScreen {
  written = '';
  current: TerminalSize | undefined;
  #keys = new Set<(data: string) => void>();
  #sizes = new Set<(size: TerminalSize) => void>();

  constructor(size?: TerminalSize) {
    this.current = size;
  }
  write(data: string): void {
    this.written += data;
  }
  onData(listener: (data: string) => void): () => void {
    this.#keys.add(listener);
    return () => this.#keys.delete(listener);
  }
  onResize(listener: (size: TerminalSize) => void): () => void {
    this.#sizes.add(listener);
    return () => this.#sizes.delete(listener);
  }
  size(): TerminalSize | undefined {
    return this.current;
  }
  type(data: string): void {
    this.#keys.forEach((listener) => listener(data));
  }
  fit(size: TerminalSize): void {
    this.current = size;
    this.#sizes.forEach((listener) => listener(size));
  }
  until(suffix: string): Promise<string> {
    return waitFor(async () => (this.written.endsWith(suffix) ? this.written : undefined));
  }
}

/** An InteractiveTerminal the test drives: it records what it is told, and ends when the test says. */
class ScriptedTerminal implements InteractiveTerminal {
  readonly log: string[] = [];
  readonly exit: Promise<number>;
  end!: (code: number) => void;
  #listeners = new Set<(data: string) => void>();

  constructor() {
    this.exit = new Promise((resolve) => (this.end = resolve));
  }
  write(data: string): void {
    this.log.push(`write ${data}`);
  }
  resize(cols: number, rows: number): void {
    this.log.push(`resize ${cols}x${rows}`);
  }
  onData(listener: (data: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  kill(): void {
    this.log.push('kill');
    this.end(137);
  }
  print(data: string): void {
    this.#listeners.forEach((listener) => listener(data));
  }
}

/** An `open` that hands out scripted terminals (or fails), recording the sizes asked for. */
function opener(failures: string[] = []) {
  const terminals: ScriptedTerminal[] = [];
  const sizes: TerminalSize[] = [];
  const open = async (size: TerminalSize) => {
    sizes.push(size);
    const failure = failures.shift();
    if (failure) throw new Error(failure);
    const terminal = new ScriptedTerminal();
    terminals.push(terminal);
    return terminal;
  };
  return { open, terminals, sizes };
}

describe('The Shell tab chooses its shell', () => {
  it('is a raw jsh over WebContainer: keys go in, output comes out, fits resize it', async () => {
    const container = await new FakeWebContainer().init();
    const sandbox = await WebContainerSandbox.create(container);
    sandboxes.push(sandbox);
    const screen = new FakeScreen({ cols: 100, rows: 30 });
    const shell = await openShellTab(deskOver(Promise.resolve(sandbox)), screen);
    await screen.until(JSH_PROMPT);
    screen.type('echo hi\r');
    await screen.until(`hi\r\n${JSH_PROMPT}`);
    screen.fit({ cols: 120, rows: 40 });
    expect({ mode: shell.mode, written: screen.written, spawned: container.spawned.at(-1), resizes: container.plainShells[0].resizes }).toEqual({
      mode: 'raw',
      written: `${JSH_PROMPT}echo hi\r\nhi\r\n${JSH_PROMPT}`,
      spawned: { command: 'jsh', args: [], options: { terminal: { cols: 100, rows: 30 } } },
      resizes: [{ cols: 120, rows: 40 }],
    });
    shell.dispose();
    expect(container.plainShells[0].ended).toEqual(true);
  });

  it('is the line-based shell over the lite sandbox, which has no openTerminal', async () => {
    const sandbox = new LiteSandbox();
    sandboxes.push(sandbox);
    const screen = new FakeScreen({ cols: 80, rows: 24 });
    const shell = await openShellTab(deskOver(Promise.resolve(sandbox)), screen);
    screen.written = '';
    screen.type('echo hi\r');
    await screen.until('$ ');
    expect({ mode: shell.mode, hasOpenTerminal: 'openTerminal' in sandbox, written: screen.written }).toEqual({
      mode: 'line',
      hasOpenTerminal: false,
      written: 'echo hi\r\nhi\r\n\x1b[1;32mproject\x1b[0m $ ',
    });
    shell.dispose();
  });

  it('says so when no sandbox could start', async () => {
    const screen = new FakeScreen();
    const shell = await openShellTab(deskOver(Promise.reject(new Error('the boot timed out'))), screen);
    expect({ mode: shell.mode, written: screen.written }).toEqual({
      mode: 'none',
      written: '\x1b[31mNo sandbox, so no shell: the boot timed out\x1b[0m\r\n',
    });
  });
});

describe('RawShell', () => {
  it('opens at the screen size (80×24 before it has one) and resizes when the screen changed meanwhile', async () => {
    const { open, terminals, sizes } = opener();
    const screen = new FakeScreen();
    const shell = new RawShell(async (size) => {
      const terminal = await open(size);
      screen.current = { cols: 90, rows: 20 };
      return terminal;
    }, screen);
    await shell.opened;
    terminals[0].print('$ ');
    screen.type('ls\r');
    expect({ sizes, log: terminals[0].log, written: screen.written }).toEqual({
      sizes: [{ cols: 80, rows: 24 }],
      log: ['resize 90x20', 'write ls\r'],
      written: '$ ',
    });
    shell.dispose();
  });

  it('opens a new shell, with a note, when one that ran a while ends', async () => {
    const { open, terminals } = opener();
    let clock = 0;
    const screen = new FakeScreen({ cols: 80, rows: 24 });
    const shell = new RawShell(open, screen, { now: () => clock, quickExitMs: 1_000 });
    await shell.opened;
    clock = 5_000;
    terminals[0].end(0);
    await waitFor(async () => (terminals.length === 2 ? true : undefined));
    screen.type('x');
    expect({ written: screen.written, first: terminals[0].log, second: terminals[1].log }).toEqual({
      written: `\r\n${DIM}[The shell ended (exit code 0); a new one starts in the work dir.]${RESET}\r\n`,
      first: [],
      second: ['write x'],
    });
    shell.dispose();
  });

  it('waits for Enter after a shell that ended at once, and after a failed open', async () => {
    const { open, terminals, sizes } = opener(['', 'no more processes']);
    const screen = new FakeScreen({ cols: 80, rows: 24 });
    const shell = new RawShell(open, screen, { now: () => 0, quickExitMs: 1_000 });
    await shell.opened;
    terminals[0].end(1);
    await screen.until('Press Enter to start a new one.]\x1b[0m\r\n');
    screen.type('ls');
    expect(sizes.length).toEqual(1);
    screen.type('\r');
    await shell.opened;
    screen.type('\r');
    await shell.opened;
    expect({ written: screen.written, opens: sizes.length, terminals: terminals.length }).toEqual({
      written:
        `\r\n${DIM}[The shell ended at once (exit code 1). Press Enter to start a new one.]${RESET}\r\n` +
        `\x1b[31mThe shell could not open: no more processes${RESET}\r\n${DIM}Press Enter to try again.${RESET}\r\n`,
      opens: 3,
      terminals: 2,
    });
    shell.dispose();
  });

  it('kills its shell on dispose and then ignores keys, sizes and the exit', async () => {
    const { open, terminals } = opener();
    const screen = new FakeScreen({ cols: 80, rows: 24 });
    const shell = new RawShell(open, screen, { now: () => 0, quickExitMs: 0 });
    await shell.opened;
    shell.dispose();
    await terminals[0].exit;
    screen.type('ls\r');
    screen.fit({ cols: 50, rows: 10 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect({ log: terminals[0].log, terminals: terminals.length, written: screen.written }).toEqual({ log: ['kill'], terminals: 1, written: '' });
  });
});
