/**
 * XtermTerminal hands xterm small writes, several in flight (bench/findings.md, terminal_stream): a large output
 * still arrives whole and in order, and clear() with writes in flight leaves only what came after it. Real
 * xterm, in jsdom (its two gaps filled below).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { XtermTerminal } from '../../src/terminal/xterm';

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

function open(scrollback: number): XtermTerminal {
  const host = document.createElement('div');
  document.body.append(host);
  terminal = new XtermTerminal(host, { scrollback, log: true });
  return terminal;
}

const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `line ${String(from + i).padStart(6, '0')}`);

describe('XtermTerminal writes', () => {
  it('shows 1.5 MB written in 64 KB pieces whole and in order', async () => {
    const term = open(30_000);
    const text = `${lines(0, 100_000).join('\r\n')}\r\n`;
    for (let at = 0; at < text.length; at += 64 * 1024) term.write(text.slice(at, at + 64 * 1024));
    await term.flushed(20_000);
    expect(term.text().split('\n').slice(-1000)).toEqual(lines(99_000, 100_000));
    expect(term.recorded).toBe(text);
  });

  it('clears what is still in flight: only output written after clear() stays', async () => {
    const term = open(1000);
    term.write(`${lines(0, 60_000).join('\r\n')}\r\n`);
    await new Promise((resolve) => requestAnimationFrame(resolve)); // the terminal's own frame hands xterm the first writes
    term.clear();
    term.write('after\r\n');
    await term.flushed(20_000);
    expect(term.text()).toBe('after');
    expect(term.recorded).toBe('after\r\n');
  });
});
