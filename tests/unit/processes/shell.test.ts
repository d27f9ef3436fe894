/** The person's line-based shell: line editing, history, cd, Ctrl-C — over the real lite sandbox. */
import { afterEach, describe, expect, it } from 'vitest';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import { LineEditor } from '../../../src/shell/line-editor';
import { PersonShell } from '../../../src/shell/person-shell';

const UP = '\x1b[A';
const DOWN = '\x1b[B';
const LEFT = '\x1b[D';

describe('LineEditor', () => {
  it('echoes typing, erases with backspace and submits the line', () => {
    const editor = new LineEditor();
    editor.begin('$ ');
    expect(editor.feed('ecxo')).toEqual([{ type: 'write', data: 'ecxo' }]);
    expect(editor.feed('\x7f\x7f')).toEqual([
      { type: 'write', data: '\b \b' },
      { type: 'write', data: '\b \b' },
    ]);
    expect(editor.feed('ho hi\r')).toEqual([
      { type: 'write', data: 'ho hi' },
      { type: 'write', data: '\r\n' },
      { type: 'submit', line: 'echo hi' },
    ]);
  });

  it('edits in the middle of the line with the arrows, redrawing it', () => {
    const editor = new LineEditor();
    editor.begin('$ ');
    editor.feed('eho');
    expect(editor.feed(`${LEFT}${LEFT}c`)).toEqual([
      { type: 'write', data: '\x1b[1D' },
      { type: 'write', data: '\x1b[1D' },
      { type: 'write', data: '\r$ echo\x1b[K\x1b[2D' },
    ]);
    expect(editor.line).toEqual('echo');
  });

  it('walks the history with up and down, keeping the line being typed', () => {
    const editor = new LineEditor();
    for (const line of ['ls', 'pwd']) {
      editor.begin('$ ');
      editor.feed(`${line}\r`);
    }
    editor.begin('$ ');
    editor.feed('ec');
    expect(editor.feed(UP)).toEqual([{ type: 'write', data: '\r$ pwd\x1b[K' }]);
    expect(editor.feed(UP)).toEqual([{ type: 'write', data: '\r$ ls\x1b[K' }]);
    expect(editor.feed(UP)).toEqual([]);
    editor.feed(DOWN);
    expect(editor.feed(DOWN)).toEqual([{ type: 'write', data: '\r$ ec\x1b[K' }]);
    expect(editor.history).toEqual(['ls', 'pwd']);
  });

  it('clears the line on Ctrl-C and Ctrl-U', () => {
    const editor = new LineEditor();
    editor.begin('$ ');
    editor.feed('rm -rf');
    expect(editor.feed('\x15')).toEqual([{ type: 'write', data: '\r$ \x1b[K' }]);
    editor.feed('oops');
    expect(editor.feed('\x03')).toEqual([{ type: 'write', data: '^C\r\n' }, { type: 'interrupt' }]);
  });
});

describe('PersonShell over the lite sandbox', () => {
  const sandboxes: LiteSandbox[] = [];
  afterEach(async () => {
    await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.dispose()));
  });

  function make() {
    const sandbox = new LiteSandbox({ stopGraceMs: 50 });
    sandboxes.push(sandbox);
    const screen = { text: '', write: (data: string) => void (screen.text += data) };
    const shell = new PersonShell(sandbox, screen, { banner: '' });
    const type = async (keys: string) => {
      shell.input(keys);
      await shell.idle;
    };
    return { sandbox, screen, shell, type };
  }

  it('runs a line and shows its output between prompts', async () => {
    const { screen, type } = make();
    await type('echo hi\r');
    expect(screen.text).toEqual('\x1b[1;32mproject\x1b[0m $ echo hi\r\nhi\r\n\x1b[1;32mproject\x1b[0m $ ');
  });

  it('keeps its own directory with cd, without moving the agent session', async () => {
    const { sandbox, screen, shell, type } = make();
    await sandbox.exec('mkdir -p src/lib && echo x > src/lib/a.txt');
    await type('cd src/lib\r');
    expect(shell.cwd).toEqual('/home/project/src/lib');
    screen.text = '';
    await type('ls\r');
    expect(screen.text).toEqual('ls\r\na.txt\r\n\x1b[1;32mproject/src/lib\x1b[0m $ ');
    expect((await sandbox.exec('pwd')).output).toEqual('/home/project\n');
    screen.text = '';
    await type('cd nowhere\r');
    expect(screen.text).toEqual('cd nowhere\r\n\x1b[31mcd: nowhere: no such directory\x1b[0m\r\n\x1b[1;32mproject/src/lib\x1b[0m $ ');
    await type('cd\r');
    expect(shell.cwd).toEqual('/home/project');
  });

  it('shows a failing exit code', async () => {
    const { screen, type } = make();
    screen.text = '';
    await type('ls missing\r');
    expect(screen.text).toEqual(
      'ls missing\r\nls: cannot access \'missing\': No such file or directory\r\n\x1b[31m[exit 2]\x1b[0m\r\n\x1b[1;32mproject\x1b[0m $ ',
    );
  });

  it('stops a running command on Ctrl-C and comes back to the prompt', async () => {
    const { screen, shell } = make();
    shell.input('while true; do sleep 0.05; done\r');
    await new Promise((resolve) => setTimeout(resolve, 100));
    shell.input('\x03');
    await shell.idle;
    expect(screen.text.endsWith('\x1b[2m[stopped]\x1b[0m\r\n\x1b[1;32mproject\x1b[0m $ ')).toEqual(true);
  });
});
