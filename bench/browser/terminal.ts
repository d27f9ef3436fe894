/**
 * terminal_stream: 20 MB of command output (numbered log lines, some coloured) handed in 64 KB chunks to our
 * XtermTerminal, until xterm has parsed the last byte, vs the same chunks written straight into a raw xterm
 * Terminal with the same options and size (fitted to the same pane, as ours is). Long tasks (≥ 50 ms) on the main thread are collected during each.
 */
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { XtermTerminal } from '../../src/terminal/xterm';
import { LongTasks, painted, stage } from './stage';

const CHUNK = 64 * 1024;
let cached: { mb: number; chunks: string[] } | undefined;

/** `mb` megabytes of terminal output, in chunks. */
function output(mb: number): string[] {
  if (cached?.mb === mb) return cached.chunks;
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    const line =
      i % 10 === 0
        ? `\x1b[32m✓\x1b[0m test ${i} passed \x1b[2m(${i % 97} ms)\x1b[0m\r\n`
        : `[${String(i).padStart(7, '0')}] compiling src/module_${i % 211}.ts → dist/module_${i % 211}.js (${(i * 13) % 4096} bytes)\r\n`;
    lines.push(line);
    size += line.length;
  }
  const text = lines.join('');
  const chunks: string[] = [];
  for (let at = 0; at < text.length; at += CHUNK) chunks.push(text.slice(at, at + CHUNK));
  cached = { mb, chunks };
  return chunks;
}

/** One repetition of ours or raw: ms until parsed, and the longest main-thread task meanwhile. */
export async function terminalOnce(mb: number, which: 'ours' | 'raw'): Promise<{ ms: number; longestTask: number; bytes: number }> {
  const chunks = output(mb);
  const host = stage();
  await painted();
  const tasks = new LongTasks();
  const started = performance.now();
  if (which === 'ours') {
    const terminal = new XtermTerminal(host, { readOnly: true });
    for (const chunk of chunks) terminal.write(chunk);
    await terminal.flushed(120_000);
    const ms = performance.now() - started;
    const longestTask = tasks.stop();
    terminal.dispose();
    return { ms, longestTask, bytes: chunks.reduce((n, c) => n + c.length, 0) };
  }
  const terminal = new Terminal({
    scrollback: 5000,
    disableStdin: true,
    cursorStyle: 'bar',
    cursorInactiveStyle: 'none',
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    fontSize: 13,
  });
  terminal.open(host);
  // the same size as ours (fitted to the pane): a wider, taller terminal costs xterm more per line
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  fit.fit();
  await new Promise<void>((resolve) => {
    chunks.forEach((chunk, i) => terminal.write(chunk, i === chunks.length - 1 ? resolve : undefined));
  });
  const ms = performance.now() - started;
  const longestTask = tasks.stop();
  terminal.dispose();
  return { ms, longestTask, bytes: chunks.reduce((n, c) => n + c.length, 0) };
}
