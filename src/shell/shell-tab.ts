/**
 * What the Shell tab runs: a raw interactive shell when the sandbox offers one (WebContainer's `jsh`), else the
 * line-based PersonShell over `exec` (the lite sandbox). Decided once the sandbox is ready.
 */
import type { ProcessDesk } from './desk';
import { PersonShell, type ShellScreen } from './person-shell';
import { RawShell, type RawScreen, type RawShellOptions } from './raw-shell';

/** Which shell the tab got: raw, line-based, or none (no sandbox could start). */
export type ShellMode = 'raw' | 'line' | 'none';

/** The tab's shell, once chosen. */
export interface TabShell {
  readonly mode: ShellMode;
  dispose(): void;
}

/** What the tab's screen offers both kinds of shell. */
export type ShellTabScreen = RawScreen & ShellScreen;

/** Wait for the sandbox and start the shell that fits it on `screen`. */
export async function openShellTab(
  desk: Pick<ProcessDesk, 'ready' | 'exec' | 'openTerminal'>,
  screen: ShellTabScreen,
  options: RawShellOptions = {},
): Promise<TabShell> {
  let interactive: boolean;
  try {
    interactive = (await desk.ready).interactiveShell;
  } catch (error) {
    screen.write(`\x1b[31mNo sandbox, so no shell: ${(error as Error).message}\x1b[0m\r\n`);
    return { mode: 'none', dispose: () => undefined };
  }
  if (interactive) {
    const raw = new RawShell((size) => desk.openTerminal(size), screen, options);
    return { mode: 'raw', dispose: () => raw.dispose() };
  }
  const shell = new PersonShell(desk, screen);
  const unsubscribe = screen.onData((data) => shell.input(data));
  return {
    mode: 'line',
    dispose: () => {
      unsubscribe();
      shell.dispose();
    },
  };
}
