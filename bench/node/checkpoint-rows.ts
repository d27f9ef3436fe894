/**
 * Checkpoint rows, in Node: the real lite sandbox and the real history store over fake-indexeddb (so the store's
 * figures are its own work, not Chromium's IndexedDB). checkpoint_scale: the per-step commit as a run makes it
 * (RunBook.commit: read what changed, hash, store, the step's diff for `files_changed`) with one file changed per
 * step, 10 000 files against 100. restore_1k: restoring a 1 000-file step into a
 * fresh sandbox against writing the same files raw. checkpoint_storage: bytes stored for a 200-step run on a
 * 1 000-file project against the initial bytes plus the bytes changed.
 */
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { emptyUsage } from '../../src/core';
import { LiteSandbox } from '../../src/sandbox/lite/lite-sandbox';
import type { WorkdirSnapshot } from '../../src/sandbox/sandbox';
import { RunBook } from '../../src/api/run-book';
import { HistoryStore } from '../../src/store';
import { HistoryRunStore } from '../../src/store/run-store';
import { fmt, median, rotated, row, timed, type Measured } from '../lib/stats';

const encoder = new TextEncoder();

/** A project of `count` small text files (about 100 bytes each) in folders of 100. */
function project(count: number, bytes = 100): WorkdirSnapshot {
  const files = Array.from({ length: count }, (_, i) => ({
    path: `src/d${Math.floor(i / 100)}/f${i}.txt`,
    data: encoder.encode(`${`file ${i} `.padEnd(bytes - 1, '.')}\n`),
  }));
  const dirs = ['src', ...new Set(files.map((file) => file.path.slice(0, file.path.lastIndexOf('/'))))];
  return { files, dirs };
}

/** A sandbox holding the project, and a run whose step 0 stored it, committed as the page commits steps. */
async function committedRun(snapshot: WorkdirSnapshot) {
  const sandbox = new LiteSandbox();
  await sandbox.restore(snapshot);
  const history = await HistoryStore.open({ factory: new IDBFactory() });
  const book = new RunBook(new HistoryRunStore(history), Date.now);
  const now = Date.now();
  const run = { id: 'bench', instructions: 'x', status: 'in_progress' as const, created_at: now, updated_at: now, steps: 0, outputs: {}, usage: emptyUsage() };
  book.add(run, {});
  const failures: unknown[] = [];
  book.listeners.onStoreError((error) => failures.push(error));
  const commit = async (step: number) => {
    await book.commit('bench', sandbox, { step, messages: [], usage: emptyUsage() });
    if (failures.length) throw failures[0];
  };
  await commit(0);
  return { sandbox, history, commit };
}

/** Median ms of one step: change one file, then commit, as a step does. */
async function stepCost(count: number, steps: number): Promise<number> {
  const { sandbox, history, commit } = await committedRun(project(count));
  const samples: number[] = [];
  for (let step = 1; step <= steps; step++) {
    await sandbox.writeFile(`src/d0/f${step % 100}.txt`, `changed at step ${step}\n`);
    samples.push(await timed(() => commit(step)));
  }
  history.close();
  await sandbox.dispose();
  return median(samples);
}

export async function checkpointScaleRow(steps: number): Promise<Measured> {
  const small = await stepCost(100, steps);
  const large = await stepCost(10_000, steps);
  const ratio = large / small;
  return {
    name: 'checkpoint_scale',
    row: row(large, small, 'ms per step at 10 000 files', 'ratio ≤ 1.5 (flat)', ratio <= 1.5),
    note: fmt('100 files: {} ms per step; a step reads, hashes and diffs only the paths that changed', small),
  };
}

export async function restoreRow(reps: number): Promise<Measured> {
  const snapshot = project(1_000);
  const samples = await rotated(reps, {
    restore: async () => {
      const sandbox = new LiteSandbox();
      const ms = await timed(() => sandbox.restore(snapshot));
      await sandbox.dispose();
      return ms;
    },
    raw: async () => {
      const sandbox = new LiteSandbox();
      const ms = await timed(async () => {
        for (const file of snapshot.files) await sandbox.writeFile(file.path, file.data);
      });
      await sandbox.dispose();
      return ms;
    },
  });
  const value = median(samples.restore);
  const baseline = median(samples.raw);
  return { name: 'restore_1k', row: row(value, baseline, 'ms for 1 000 files', 'ratio ≤ 1.5', value / baseline <= 1.5) };
}

export async function storageRow(steps: number): Promise<Measured> {
  const start = project(1_000, 1_000);
  const { sandbox, history, commit } = await committedRun(start);
  const initial = start.files.reduce((sum, file) => sum + file.data.byteLength, 0);
  let changed = 0;
  for (let step = 1; step <= steps; step++) {
    const content = `${`step ${step} `.padEnd(999, '#')}\n`;
    changed += encoder.encode(content).byteLength;
    await sandbox.writeFile(`src/d${step % 10}/f${(step * 7) % 1000}.txt`, content);
    await commit(step);
  }
  const blobs = (await history.db.getAll('blobs')).reduce((sum, blob) => sum + blob.data.byteLength, 0);
  const manifestRecords = await history.db.getAll('manifests');
  const manifests = manifestRecords.reduce((sum, record) => sum + encoder.encode(JSON.stringify(record)).byteLength, 0);
  history.close();
  await sandbox.dispose();
  const stored = blobs + manifests;
  const baseline = initial + changed;
  const full = manifestRecords.filter((record) => record.full).length;
  return {
    name: 'checkpoint_storage',
    row: row(stored, baseline, 'bytes stored', 'ratio ≤ 1.2', stored / baseline <= 1.2),
    note: fmt('blobs {} B, manifests (as JSON) {} B over {} steps, {} of them full', blobs, manifests, steps, full),
  };
}
