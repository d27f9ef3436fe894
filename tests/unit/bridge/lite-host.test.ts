/**
 * When the lite worker sends the page its snapshot (what the page restores after killing a busy worker): once
 * for a run of file calls (an import's writes), when it goes quiet; always before shell code starts and after it
 * ends, before its answer. The real LiteSandbox, the host called in place.
 */
import { describe, expect, it } from 'vitest';
import { createLiteHost, SNAPSHOT_QUIET_MS } from '../../../src/bridge/lite-host';
import { LiteSandbox } from '../../../src/sandbox/lite/lite-sandbox';
import type { WorkdirSnapshot } from '../../../src/sandbox/sandbox';

const paths = (snapshot: WorkdirSnapshot) => snapshot.files.map((file) => file.path).sort();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the lite host\'s snapshots', () => {
  it('sends one for a run of writes, once they go quiet (an import stays linear)', async () => {
    const host = createLiteHost(new LiteSandbox());
    const seen: string[][] = [];
    host.onSnapshot((snapshot) => seen.push(paths(snapshot)));
    for (let index = 0; index < 50; index++) await host.call('writeFile', [`f${index}.txt`, 'x']);
    expect(seen).toEqual([]);
    await pause(SNAPSHOT_QUIET_MS * 3);
    expect(seen.map((files) => files.length)).toEqual([50]);
    await host.dispose();
  });

  it('makes the snapshot current before shell code starts, and sends the one after it before its answer', async () => {
    const host = createLiteHost(new LiteSandbox());
    const seen: string[][] = [];
    host.onSnapshot((snapshot) => seen.push(paths(snapshot)));
    await host.call('writeFile', ['written.txt', 'kept\n']);
    const result = await host.exec('c1', 'echo y > after.txt', {});
    expect([result.exitCode, seen]).toEqual([0, [['written.txt'], ['after.txt', 'written.txt']]]);
    await pause(SNAPSHOT_QUIET_MS * 2);
    expect(seen.length).toBe(2); // the quiet timer was superseded, nothing changed since
    await host.dispose();
  });
});
