/** The person's interactive `jsh` (Sandbox.openTerminal) in the WebContainer adapter, over the stand-in. */
import { afterEach, describe, expect, it } from 'vitest';
import type { InteractiveTerminal } from '../../../src/sandbox/sandbox';
import { WebContainerSandbox } from '../../../src/sandbox/webcontainer/sandbox';
import { waitFor } from '../sandbox/contract';
import { FakeWebContainer } from './fake-container';

const PROMPT = '\r\n\x1b[1;34m~/project\x1b[0m\r\n\x1b[1;35m❯\x1b[0m ';

const sandboxes: WebContainerSandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.dispose()));
});

async function make() {
  const container = await new FakeWebContainer().init();
  const sandbox = await WebContainerSandbox.create(container, { now: () => 1_000 });
  sandboxes.push(sandbox);
  return { container, sandbox };
}

/** Everything the terminal prints, and a bounded wait until it ends with `suffix`. */
function record(terminal: InteractiveTerminal) {
  let output = '';
  terminal.onData((data) => (output += data));
  return {
    get output() {
      return output;
    },
    until: (suffix: string) => waitFor(async () => (output.endsWith(suffix) ? output : undefined)),
  };
}

describe('WebContainerSandbox.openTerminal', () => {
  it('spawns a plain jsh with a terminal of the asked size, apart from the agent session', async () => {
    const { container, sandbox } = await make();
    await sandbox.openTerminal({ cols: 100, rows: 30 });
    expect(container.spawned).toEqual([
      { command: '/bin/jsh', args: ['--osc'], options: { env: { npm_config_yes: 'true', CI: 'true' }, terminal: { cols: 1000, rows: 40 } } },
      { command: 'jsh', args: [], options: { terminal: { cols: 100, rows: 30 } } },
    ]);
  });

  it('keeps the first prompt for a late listener, echoes what is typed and prints the answer', async () => {
    const { sandbox } = await make();
    const terminal = await sandbox.openTerminal({ cols: 80, rows: 24 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const screen = record(terminal);
    await screen.until(PROMPT);
    terminal.write('echo hi\r');
    expect(await screen.until(`hi\r\n${PROMPT}`)).toEqual(`${PROMPT}echo hi\r\nhi\r\n${PROMPT}`);
  });

  it('does not move the agent session: a cd in the terminal leaves exec where it was', async () => {
    const { sandbox } = await make();
    const terminal = await sandbox.openTerminal({ cols: 80, rows: 24 });
    const screen = record(terminal);
    await screen.until(PROMPT);
    terminal.write('cd /\r');
    await screen.until(`cd /\r\n${PROMPT}`);
    terminal.write('pwd\r');
    await screen.until(`pwd\r\n/\r\n${PROMPT}`);
    expect(await sandbox.exec('pwd')).toEqual({ exitCode: 0, output: '/home/project\n', timedOut: false, durationMs: 0 });
  });

  it('passes sizes on as whole cells, at least one', async () => {
    const { container, sandbox } = await make();
    const terminal = await sandbox.openTerminal({ cols: 80, rows: 24 });
    terminal.resize(120, 33);
    terminal.resize(90.7, 20.2);
    terminal.resize(0, 0);
    expect(container.plainShells.map((shell) => shell.resizes)).toEqual([
      [
        { cols: 120, rows: 33 },
        { cols: 90, rows: 20 },
        { cols: 1, rows: 1 },
      ],
    ]);
  });

  it('ends on kill with the exit code, and ignores keys after that', async () => {
    const { container, sandbox } = await make();
    const terminal = await sandbox.openTerminal({ cols: 80, rows: 24 });
    const screen = record(terminal);
    await screen.until(PROMPT);
    terminal.kill();
    expect(await terminal.exit).toEqual(137);
    terminal.write('echo late\r');
    terminal.resize(50, 10);
    expect({ output: screen.output, ended: container.plainShells[0].ended, resizes: container.plainShells[0].resizes }).toEqual({
      output: PROMPT,
      ended: true,
      resizes: [],
    });
  });

  it('reports the code the person exits with', async () => {
    const { sandbox } = await make();
    const terminal = await sandbox.openTerminal({ cols: 80, rows: 24 });
    const screen = record(terminal);
    await screen.until(PROMPT);
    terminal.write('exit 3\r');
    expect(await terminal.exit).toEqual(3);
    expect(screen.output).toEqual(`${PROMPT}exit 3\r\n`);
  });

  it('ends open terminals when the sandbox is disposed, and opens none after', async () => {
    const { sandbox } = await make();
    const terminal = await sandbox.openTerminal({ cols: 80, rows: 24 });
    await sandbox.dispose();
    expect(await terminal.exit).toEqual(137);
    await expect(sandbox.openTerminal({ cols: 80, rows: 24 })).rejects.toThrow('The WebContainer sandbox was disposed: reload the page to start a new one.');
  });

  it('says what happened when jsh cannot be spawned', async () => {
    const { container, sandbox } = await make();
    container.spawn = async () => {
      throw new Error('spawn failed');
    };
    await expect(sandbox.openTerminal({ cols: 80, rows: 24 })).rejects.toThrow(
      'Could not start a shell (jsh): spawn failed. Reload the page to start a new container.',
    );
  });
});
