/**
 * Planning an import off the page's thread: the worker protocol of off-thread.ts over a real MessageChannel
 * (the same structured cloning and transfers as a Worker), against planning in place; progress, failures,
 * cancel. And the writing phase's progress of importProject.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importProject, ImportError, resolveImportOptions, type ProjectImportProgress } from '../../../src/sandbox/import';
import { planInWorker, servePlanning, type PlanPort, type PlanWorker } from '../../../src/sandbox/import/off-thread';
import type { ImportPlan } from '../../../src/sandbox/import/plan';
import { planSource } from '../../../src/sandbox/import/plan-source';
import { bigProjectZip } from '../../fixtures/import/big-project';
import { liteSandbox, makeZip, tree } from './helpers';

/** A "worker" whose other end is served by servePlanning over a MessageChannel; says whether it was ended. */
function channelWorker(): PlanWorker & { ended: () => boolean } {
  const { port1, port2 } = new MessageChannel();
  servePlanning(port2 as unknown as PlanPort);
  let ended = false;
  return Object.assign(port1, {
    terminate() {
      ended = true;
      port1.close();
      port2.close();
    },
    ended: () => ended,
  });
}

/** The plan with each file's bytes as a SHA-256 (vitest compares big typed arrays element by element, slowly). */
function digest(plan: ImportPlan): unknown {
  const files = plan.files.map((file) => ({ ...file, data: createHash('sha256').update(file.data).digest('hex') }));
  return { ...plan, files };
}

const big = bigProjectZip({ modules: 2_000, files: 60, fileBytes: 32 * 1024 });
const source = { kind: 'zip' as const, name: 'big.zip', data: new Blob([big.zip as BlobPart]) };

describe('planning in a worker', () => {
  it('comes to the plan planning in place does, saying how far it is as it reads and unpacks', async () => {
    const heard: ProjectImportProgress[] = [];
    const worker = channelWorker();
    const plan = await planInWorker(() => worker, source, resolveImportOptions({ onProgress: (progress) => heard.push(progress) }));
    const inPlace = await planSource(source, resolveImportOptions());
    expect(digest(plan)).toEqual(digest(inPlace));
    expect(Object.fromEntries(plan.files.map((file) => [file.path, file.data.length]))).toEqual(big.imported);
    const phases = [...new Set(heard.map((progress) => progress.phase))];
    const unpacking = heard.filter((progress) => progress.phase === 'unpacking');
    expect(phases).toEqual(['reading', 'unpacking']);
    expect(unpacking.at(-1)).toEqual({ phase: 'unpacking', done: 60 * 32 * 1024, total: 60 * 32 * 1024 });
    expect(unpacking.map((progress) => progress.done)).toEqual(unpacking.map((progress) => progress.done).sort((a, b) => a - b));
    expect(heard.length).toBeLessThan(60); // throttled: not one message per file
    expect(worker.ended()).toBe(true);
  });

  it('refuses in the worker as in place: the same ImportError code and message', async () => {
    const worker = channelWorker();
    const error = await planInWorker(() => worker, source, resolveImportOptions({ maxFiles: 10 })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportError);
    expect([(error as ImportError).code, (error as ImportError).message, worker.ended()]).toEqual([
      'too_many_files',
      'The project has 60 files to import (after skipping heavy folders); the limit is 10. Nothing was imported: import a smaller folder, or add folders to the skip list.',
      true,
    ]);
  });

  it('is cancelled at once by the signal: the worker ends and the abort is what rejects', async () => {
    const worker = channelWorker();
    const controller = new AbortController();
    const options = resolveImportOptions({ signal: controller.signal, onProgress: () => controller.abort() });
    const error = await planInWorker(() => worker, source, options).catch((caught: unknown) => caught);
    expect([(error as Error).name, worker.ended()]).toEqual(['AbortError', true]);
  });

  it('treats a message outside the protocol as a failed import', async () => {
    const { port1, port2 } = new MessageChannel();
    port2.onmessage = () => port2.postMessage({ type: 'surprise' });
    const worker = Object.assign(port1, { terminate: () => (port1.close(), port2.close()) });
    const error = await planInWorker(() => worker, source, resolveImportOptions()).catch((caught: unknown) => caught);
    expect([(error as ImportError).code, (error as ImportError).message]).toEqual([
      'read_failed',
      'The import could not be read (the import worker sent a message it should not have). Nothing was imported; try again.',
    ]);
  });
});

describe('importProject progress', () => {
  it('says how many files are written, after unpacking', async () => {
    const sandbox = liteSandbox();
    const heard: ProjectImportProgress[] = [];
    const zip = makeZip({ 'a.txt': 'one', 'b/c.txt': 'two', 'b/d.txt': 'three' });
    await importProject(sandbox, { kind: 'zip', name: 'p.zip', data: zip }, { onProgress: (progress) => heard.push(progress) });
    expect(heard).toEqual([
      { phase: 'unpacking', done: 0, total: 11 },
      { phase: 'unpacking', done: 3, total: 11 },
      { phase: 'unpacking', done: 6, total: 11 },
      { phase: 'unpacking', done: 11, total: 11 },
      { phase: 'writing', done: 0, total: 3 },
      { phase: 'writing', done: 1, total: 3 },
      { phase: 'writing', done: 2, total: 3 },
      { phase: 'writing', done: 3, total: 3 },
    ]);
    expect(await tree(sandbox)).toEqual({ 'a.txt': 'one', 'b/c.txt': 'two', 'b/d.txt': 'three' });
  });
});
