/**
 * The process watch over recorded WebContainer event sequences, played through the stand-in container and the
 * real WebContainer adapter: crashes and preview errors become one observation for the next step.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessWatch, startAndSettle } from '../../../src/agent/process-watch';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { WebContainerSandbox } from '../../../src/sandbox/webcontainer/sandbox';
import { waitFor } from '../sandbox/contract';
import { FakeWebContainer } from '../webcontainer/fake-container';
import { CONSOLE_ERROR, UNCAUGHT, VITE_URL } from './fixtures/events';

async function make() {
  const container = await new FakeWebContainer().init();
  const sandbox = await WebContainerSandbox.create(container, { now: () => 1_000 });
  return { container, sandbox };
}

const ended = (sandbox: Sandbox, id: string) =>
  waitFor(async () => ((await sandbox.listProcesses()).find((info) => info.id === id && !info.running) ? true : undefined));

describe('process watch', () => {
  const sandboxes: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.dispose()));
  });

  it('reports a crashed process once, with its last output, and nothing when nothing happened', async () => {
    const { sandbox } = await make();
    sandboxes.push(sandbox);
    const watch = createProcessWatch(sandbox);
    expect(await watch.drain()).toEqual(null);
    await sandbox.startProcess('echo listening on 5173; echo "Error: Cannot find module vite" >&2; exit 1');
    await ended(sandbox, 'p1');
    expect(await watch.drain()).toEqual({
      observation: [
        '[Background processes and previews, since your last step]',
        '- Process p1 (`echo listening on 5173; echo "Error: Cannot find module vite" >&2; exit 1`) crashed with exit code 1. Last output:',
        '  listening on 5173',
        '  Error: Cannot find module vite',
        'Find the cause of these errors and fix it before going on.',
      ].join('\n'),
      notice: 'The agent was told: process p1 (echo listening on 5173; echo "Error: Cannot find module vite" >&2; exit 1) crashed (exit 1).',
    });
    expect(await watch.drain()).toEqual(null);
    watch.dispose();
  });

  it('collects preview errors between steps (server-ready, port, preview-message) and keeps quiet on a clean exit', async () => {
    const { container, sandbox } = await make();
    sandboxes.push(sandbox);
    const watch = createProcessWatch(sandbox);
    await sandbox.startProcess('echo built');
    await ended(sandbox, 'p1');
    container.emit('server-ready', 5173, VITE_URL);
    container.emit('port', 5173, 'open', VITE_URL);
    container.emit('preview-message', UNCAUGHT);
    container.emit('preview-message', CONSOLE_ERROR);
    container.emit('port', 5173, 'close', '');
    expect(await watch.drain()).toEqual({
      observation: [
        '[Background processes and previews, since your last step]',
        '- 2 errors reported by the preview or the sandbox:',
        '  Uncaught exception in the preview of port 5173 (/): ReferenceError: count is not defined',
        '  at main.js:3:1',
        '  console.error in the preview of port 5173 (/about): Failed to load resource {"status":404}',
        'Find the cause of these errors and fix it before going on.',
      ].join('\n'),
      notice: 'The agent was told: 2 preview errors.',
    });
    expect(await watch.drain()).toEqual(null);
    watch.dispose();
  });

  it('does not report a process the agent stopped, and says so when someone else stopped one', async () => {
    const sandbox = new LiteSandbox({ processSettleMs: 20 });
    sandboxes.push(sandbox);
    const watch = createProcessWatch(sandbox);
    await sandbox.startProcess('while true; do sleep 0.05; done');
    await sandbox.startProcess('while true; do sleep 0.05; done');
    watch.expectStop('p1');
    await sandbox.stopProcess('p1');
    await sandbox.stopProcess('p2');
    const report = await watch.drain();
    expect(report?.observation.split('\n').slice(0, 2)).toEqual([
      '[Background processes and previews, since your last step]',
      '- Process p2 (`while true; do sleep 0.05; done`) was stopped (exit code 143), not by you. Last output:',
    ]);
    expect(report?.notice).toEqual('The agent was told: process p2 (while true; do sleep 0.05; done) was stopped.');
    watch.dispose();
  });

  it('does not report processes that had ended before the watch began', async () => {
    const sandbox = new LiteSandbox({ processSettleMs: 20 });
    sandboxes.push(sandbox);
    await sandbox.startProcess('exit 3');
    await ended(sandbox, 'p1');
    const watch = createProcessWatch(sandbox);
    expect(await watch.drain()).toEqual(null);
    watch.dispose();
  });

  it('settles a WebContainer process on its first output, streaming it only while the tool waits', async () => {
    const { sandbox } = await make();
    sandboxes.push(sandbox);
    const seen: string[] = [];
    const settled = await startAndSettle(sandbox, 'echo ready', { settleMs: 5_000, onOutput: (chunk) => seen.push(chunk) });
    expect(settled).toEqual({ id: 'p1', command: 'echo ready', running: false, exitCode: 0, output: 'ready\n' });
    expect(seen.join('')).toEqual('ready\n'); // the process ends only after its output is pumped
  });
});
