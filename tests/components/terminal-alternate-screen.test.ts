/**
 * The agent's terminal is a log: output that switches to the alternate screen (`\e[?1049h`, as full-screen
 * programs do) must not hide the earlier commands. Real xterm, in jsdom (its two gaps filled below).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { XtermTerminal } from '../../src/terminal/xterm';

// jsdom has neither; xterm asks for both when it opens
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as never;
window.matchMedia ??= (() => ({ matches: false, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {} })) as never;

let terminal: XtermTerminal | undefined;
afterEach(() => {
  terminal?.dispose();
  document.body.innerHTML = '';
});

async function shown(options: { log?: boolean }, ...writes: string[]): Promise<string> {
  const host = document.createElement('div');
  document.body.append(host);
  terminal = new XtermTerminal(host, options);
  for (const data of writes) terminal.write(data);
  await terminal.flushed();
  return terminal.text();
}

describe('the alternate screen', () => {
  it('never takes over the agent\'s terminal: earlier commands stay in view', async () => {
    expect(await shown({ log: true }, '$ echo before\r\nbefore\r\n', '\x1b[?1049hinside\r\n', '\x1b[?1049l', '\x1b[?47hafter\r\n', '\x1b[?10', '49hcut in two\r\n')).toBe(
      '$ echo before\nbefore\ninside\nafter\ncut in two',
    );
  });

  it('drops only the screen switch from a sequence that sets other modes too', async () => {
    const text = await shown({ log: true }, 'one\r\n\x1b[?1049;7l', '\x1b[?1049;25h', 'two', 'x'.repeat(200));
    // wraparound is off (`?7l` applied), so the long line stays one row wide; `?25h` applied too, `?1049h` not
    expect(text).toBe(`one\n${`two${'x'.repeat(200)}`.slice(0, terminal!.cols)}`);
  });

  it('still switches a person\'s interactive terminal, where full-screen programs belong', async () => {
    expect(await shown({}, 'before\r\n\x1b[?1049hinside')).toBe('\ninside');
  });
});
