/**
 * What the Preview and the process tabs show, driven by real sandboxes: recorded WebContainer event sequences
 * through the stand-in and the real adapter, and the lite sandbox's background jobs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import type { Sandbox, SandboxEvent } from '../../../src/sandbox/sandbox';
import { WebContainerSandbox } from '../../../src/sandbox/webcontainer/sandbox';
import { deskOver } from '../../../src/shell/desk';
import { applyPreviewEvent, EMPTY_PREVIEW, previewAddress, type PreviewState } from '../../../src/ui/preview/previews';
import { ProcessTabs } from '../../../src/ui/terminals/process-tabs.svelte';
import { BufferedScreen } from '../../../src/ui/terminals/screen';
import { waitFor } from '../sandbox/contract';
import { FakeWebContainer } from '../webcontainer/fake-container';
import { API_URL, UNCAUGHT, VITE_URL } from './fixtures/events';

const sandboxes: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.dispose()));
});

async function webcontainer() {
  const container = await new FakeWebContainer().init();
  const sandbox = await WebContainerSandbox.create(container, { now: () => 1_000 });
  sandboxes.push(sandbox);
  return { container, sandbox };
}

describe('Preview state over recorded WebContainer events', () => {
  it('opens on server-ready, adds ports, keeps errors, and closes with the ports', async () => {
    const { container, sandbox } = await webcontainer();
    let state: PreviewState = EMPTY_PREVIEW;
    const states: PreviewState[] = [];
    sandbox.on((event) => states.push((state = applyPreviewEvent(state, event))));
    container.emit('server-ready', 5173, VITE_URL);
    container.emit('port', 5173, 'open', VITE_URL);
    container.emit('port', 3000, 'open', API_URL);
    container.emit('preview-message', UNCAUGHT);
    container.emit('port', 3000, 'close', '');
    container.emit('port', 5173, 'close', '');
    const open5173 = { port: 5173, url: VITE_URL };
    const open3000 = { port: 3000, url: API_URL };
    const error = { port: 5173, message: 'Uncaught exception in the preview of port 5173 (/): ReferenceError: count is not defined\nat main.js:3:1' };
    expect(states).toEqual([
      { ports: [open5173], selected: 5173, paths: { 5173: '/' }, errors: [] },
      { ports: [open5173, open3000], selected: 5173, paths: { 5173: '/', 3000: '/' }, errors: [] },
      { ports: [open5173, open3000], selected: 5173, paths: { 5173: '/', 3000: '/' }, errors: [error] },
      { ports: [open5173], selected: 5173, paths: { 5173: '/' }, errors: [error] },
      { ports: [], paths: {}, errors: [error] },
    ]);
  });

  it('moves the selection to another port when the shown one closes', () => {
    let state = EMPTY_PREVIEW;
    const events: SandboxEvent[] = [
      { type: 'preview-open', preview: { port: 3000, url: API_URL } },
      { type: 'preview-open', preview: { port: 5173, url: VITE_URL } },
      { type: 'preview-close', port: 3000 },
      { type: 'preview-close', port: 4000 },
    ];
    for (const event of events) state = applyPreviewEvent(state, event);
    expect(state).toEqual({ ports: [{ port: 5173, url: VITE_URL }], selected: 5173, paths: { 5173: '/' }, errors: [] });
  });

  it('keeps a typed address inside the port origin', () => {
    const port = { port: 5173, url: `${VITE_URL}/` };
    expect(previewAddress(port, 'about?x=1#top')).toEqual(`${VITE_URL}/about?x=1#top`);
    expect(previewAddress(port, '  ')).toEqual(`${VITE_URL}/`);
    expect(previewAddress(port, '//evil.example/steal')).toEqual(`${VITE_URL}/`);
    expect(previewAddress(port, 'https://evil.example/')).toEqual(`${VITE_URL}/https://evil.example/`);
  });
});

const instantScreen = () => new BufferedScreen((run) => run());

describe('ProcessTabs', () => {
  it('gives a WebContainer process a tab with its streamed output and its exit', async () => {
    const { sandbox } = await webcontainer();
    const tabs = new ProcessTabs(deskOver(Promise.resolve(sandbox)), { pollMs: 50, makeScreen: instantScreen });
    const stop = tabs.start();
    await sandbox.startProcess('echo hello; echo bad >&2; exit 3');
    await waitFor(async () => (tabs.tabs[0]?.running === false ? true : undefined));
    expect(tabs.tabs).toEqual([{ id: 'p1', command: 'echo hello; echo bad >&2; exit 3', running: false, exitCode: 3 }]);
    expect(tabs.screen('p1').recorded).toEqual('hello\r\nbad\r\n\x1b[31m[process ended with exit code 3]\x1b[0m\r\n');
    stop();
  });

  it('redraws a lite job from the files it writes while shown, and stops it at the person\'s request', async () => {
    const sandbox = new LiteSandbox({ processSettleMs: 20, stopGraceMs: 50 });
    sandboxes.push(sandbox);
    const tabs = new ProcessTabs(deskOver(Promise.resolve(sandbox)), { pollMs: 50, makeScreen: instantScreen });
    const stop = tabs.start();
    await sandbox.startProcess('while true; do echo tick >> ticks.txt; sleep 0.05; done');
    await waitFor(async () => (tabs.tabs.length === 1 ? true : undefined));
    tabs.show('p1');
    const screen = tabs.screen('p1');
    await waitFor(async () => (screen.recorded.includes('tick') ? true : undefined));
    expect(screen.recorded.split('\r\n').slice(0, 2)).toEqual([
      "[still running. The lite sandbox learns a process's own output only when it ends; here is the end of each file it writes.]",
      '--- ticks.txt (last 50 lines) ---',
    ]);
    await tabs.stop('p1');
    expect(tabs.tabs).toEqual([{ id: 'p1', command: 'while true; do echo tick >> ticks.txt; sleep 0.05; done', running: false, exitCode: 143 }]);
    expect(screen.recorded).toEqual(
      "[stopped; the lite sandbox reports output only when a process ends, so its own output is lost]\r\n" +
        '\x1b[31m[process ended with exit code 143]\x1b[0m\r\n',
    );
    stop();
  });
});

describe('BufferedScreen', () => {
  it('holds writes while hidden and hands them to the terminal, in order, once shown and fitted', () => {
    const frames: (() => void)[] = [];
    const screen = new BufferedScreen((run) => frames.push(run));
    const written: string[] = [];
    const term = { write: (data: string) => written.push(data), clear: () => undefined, onData: () => () => undefined, onResize: () => () => undefined, text: () => '', serialize: () => '', dispose: () => undefined, cols: 80, rows: 24, recorded: '' };
    screen.write('a');
    screen.attach(term);
    screen.write('b');
    frames.splice(0).forEach((run) => run());
    expect(written).toEqual([]);
    screen.setVisible(true);
    screen.write('c');
    expect(written).toEqual([]);
    frames.splice(0).forEach((run) => run());
    screen.write('d');
    expect(written).toEqual(['abc', 'd']);
    expect(screen.recorded).toEqual('abcd');
  });
});
