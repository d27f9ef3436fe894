/**
 * Big imports: an archive that lists too many entries is refused from its directory's header — before any
 * entry is read, and (from a file) before more than its last bytes are read; a big trajectory shows progress
 * and one over the limit is refused unread.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError, importProject } from '../../../src/sandbox/import';
import { MAX_TRAJECTORY_BYTES, readTrajectoryFile, type ImportProgress } from '../../../src/store';
import { liteSandbox, makeZip, tree } from '../import/helpers';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/attacks/${name}`, import.meta.url)));

/** A file of `size` bytes ending in `tail` that records how much of it was read. */
function trackedFile(size: number, tail: Uint8Array): { file: Blob; read: () => number } {
  let read = 0;
  class TrackedBlob extends Blob {
    override slice(start?: number, end?: number): Blob {
      return new TrackedBlob([super.slice(start, end)]);
    }
    override async arrayBuffer(): Promise<ArrayBuffer> {
      read += this.size;
      return super.arrayBuffer();
    }
  }
  return { file: new TrackedBlob([new Uint8Array(size - tail.length), tail as BlobPart]), read: () => read };
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(ImportError);
  return { code: (error as ImportError).code, message: (error as ImportError).message };
}

describe('an archive listing too many entries', () => {
  it('is refused from a zip64 directory claiming 100 000 entries, with nothing read or written', async () => {
    const sandbox = liteSandbox();
    const started = performance.now();
    expect(await failure(importProject(sandbox, { kind: 'zip', name: 'bomb.zip', data: fixture('declares-100000-entries.zip') }))).toEqual({
      code: 'too_many_files',
      message: 'The archive lists 100000 entries; the limit is 50000. Nothing was read or imported: zip a smaller folder (leave node_modules and build output out).',
    });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await tree(sandbox)).toEqual({});
  });

  it('is refused from the last bytes of a 20 MB file, without reading the rest', async () => {
    const { file, read } = trackedFile(20 * 1024 * 1024, fixture('declares-60000-entries.zip'));
    expect((await failure(importProject(liteSandbox(), { kind: 'zip', name: 'big.zip', data: file }))).message).toBe(
      'The archive lists 60000 entries; the limit is 50000. Nothing was read or imported: zip a smaller folder (leave node_modules and build output out).',
    );
    expect(read()).toBe(22 + 0xffff);
  });

  it('still imports an ordinary zip given as a file', async () => {
    const sandbox = liteSandbox();
    const zip = makeZip({ 'a.txt': 'one', 'src/b.txt': 'two' });
    const summary = await importProject(sandbox, { kind: 'zip', name: 'ok.zip', data: new Blob([zip as BlobPart]) });
    expect([summary.imported, await tree(sandbox)]).toEqual([2, { 'a.txt': 'one', 'src/b.txt': 'two' }]);
  });
});

describe('a big trajectory', () => {
  const usage = { prompt_tokens: 1, completion_tokens: 1, cached_tokens: 0, cost_usd: 0 };
  /** A valid trajectory of about `megabytes` MB: many tool outputs. */
  function bigTrajectory(megabytes: number): string {
    const base = JSON.parse(new TextDecoder().decode(fixture('escaping-paths.trajectory.json')));
    const data = 'x'.repeat(64 * 1024);
    const events = Array.from({ length: megabytes * 16 }, (_, index) => ({ type: 'tool_output', call_id: 'c', data, seq: index + 1, at: 1 }));
    return JSON.stringify({ ...base, events, workdir: undefined });
  }

  it('is read with progress, then checked, and comes in whole', async () => {
    const text = bigTrajectory(8);
    const seen: ImportProgress[] = [];
    const result = await readTrajectoryFile(new Blob([text]), (progress) => seen.push(progress));
    expect(typeof result === 'string' ? result : result.events.length).toBe(128);
    const reading = seen.filter((progress) => progress.phase === 'reading');
    expect(reading.length).toBeGreaterThan(2);
    expect(reading.map((progress) => progress.done)).toEqual([...reading.map((progress) => progress.done)].sort((a, b) => a - b));
    expect([reading[0], reading.at(-1), seen.at(-1)]).toEqual([
      { phase: 'reading', done: 0, total: text.length },
      { phase: 'reading', done: text.length, total: text.length },
      { phase: 'checking' },
    ]);
  });

  it('over the limit is refused before a byte of it is read', async () => {
    const { file, read } = trackedFile(3 * 1024 * 1024, new Uint8Array(1));
    expect(await readTrajectoryFile(file, () => {}, 2 * 1024 * 1024)).toBe(
      'This file is 3.0 MB; run exports over 2.0 MB are not imported (nothing was read).',
    );
    expect(read()).toBe(0);
    expect(MAX_TRAJECTORY_BYTES).toBe(256 * 1024 * 1024);
  });
});
