/**
 * Reading a trajectory file for import: refused over a size limit before a byte is read, read with progress,
 * and parsed and checked off the page's thread (a worker) where workers exist.
 */
import { parseTrajectory, type Trajectory } from './trajectory';

/** Trajectory files bigger than this are refused before they are read. */
export const MAX_TRAJECTORY_BYTES = 256 * 1024 * 1024;

/** Where an import is: reading (with bytes so far) or checking the document. */
export type ImportProgress = { phase: 'reading'; done: number; total: number } | { phase: 'checking' } | { phase: 'saving' };

/** The checked trajectory, or what is wrong with the file. Never throws for a bad file. */
export async function readTrajectoryFile(
  file: Blob,
  onProgress: (progress: ImportProgress) => void = () => {},
  max = MAX_TRAJECTORY_BYTES,
): Promise<Trajectory | string> {
  if (file.size > max) {
    return `This file is ${megabytes(file.size)}; run exports over ${megabytes(max)} are not imported (nothing was read).`;
  }
  const text = await readText(file, onProgress);
  onProgress({ phase: 'checking' });
  return typeof Worker === 'undefined' ? parseTrajectory(text) : parseInWorker(text);
}

/** Read this much at a time: progress moves, and no single read holds the page long. */
const READ_CHUNK = 4 * 1024 * 1024;

async function readText(file: Blob, onProgress: (progress: ImportProgress) => void): Promise<string> {
  const decoder = new TextDecoder();
  const parts: string[] = [];
  onProgress({ phase: 'reading', done: 0, total: file.size });
  for (let done = 0; done < file.size; ) {
    const chunk = new Uint8Array(await file.slice(done, done + READ_CHUNK).arrayBuffer());
    done += chunk.byteLength;
    parts.push(decoder.decode(chunk, { stream: true }));
    onProgress({ phase: 'reading', done, total: file.size });
  }
  parts.push(decoder.decode());
  return parts.join('');
}

function parseInWorker(text: string): Promise<Trajectory | string> {
  const worker = new Worker(new URL('./trajectory-worker.ts', import.meta.url), { type: 'module', name: 'autopilot-import' });
  return new Promise<Trajectory | string>((resolve) => {
    worker.onmessage = (event: MessageEvent<Trajectory | string>) => resolve(event.data);
    worker.onerror = (event) => resolve(`The run export could not be checked (${event.message || 'the import worker failed'}).`);
    worker.postMessage(text);
  }).finally(() => worker.terminate());
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
