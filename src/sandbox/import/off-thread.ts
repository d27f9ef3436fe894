/**
 * Planning an import in a worker, so that reading, inflating and checking a big zip or folder never holds the
 * page: the source goes in (Blobs and bytes clone cheaply), progress comes back at most every 50 ms, the plan
 * comes back with its bytes transferred, and a cancel ends the worker at once. Both ends are here, typed by
 * one union and checked at run time; `plan-worker.ts` is the worker's entry.
 */
import type { ImportPlan } from './plan';
import { planSource } from './plan-source';
import {
  ImportError,
  type ImportErrorCode,
  type ImportSource,
  type ProjectImportProgress,
  type ResolvedImportOptions,
} from './types';

/** What the page asks: plan this source with these options (the signal and the callback stay on the page). */
export interface PlanRequest {
  source: ImportSource;
  options: Omit<ResolvedImportOptions, 'signal' | 'onProgress'>;
}

/** What the worker answers: progress, then the plan or why there is none. */
export type PlanReply =
  | { type: 'progress'; progress: ProjectImportProgress }
  | { type: 'planned'; plan: ImportPlan }
  | { type: 'failed'; code: ImportErrorCode; message: string }
  | { type: 'crashed'; message: string };

/** The part of a Worker (or a MessagePort) each end uses. */
export interface PlanPort {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

/** The page's end of a planning worker. */
export interface PlanWorker extends PlanPort {
  onerror?: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

const PROGRESS_EVERY_MS = 50;

/** The worker's end: plan each request that arrives on `port` and answer there. */
export function servePlanning(port: PlanPort): void {
  port.onmessage = (event: MessageEvent) => {
    void answer(port, event.data as PlanRequest);
  };
}

async function answer(port: PlanPort, request: PlanRequest): Promise<void> {
  let last = 0;
  let phase = '';
  const onProgress = (progress: ProjectImportProgress) => {
    const now = Date.now();
    if (progress.phase === phase && progress.done < progress.total && now - last < PROGRESS_EVERY_MS) return;
    ({ phase } = progress);
    last = now;
    port.postMessage({ type: 'progress', progress } satisfies PlanReply);
  };
  try {
    const plan = await planSource(request.source, { ...request.options, onProgress });
    const buffers = new Set(plan.files.map((file) => file.data.buffer as ArrayBuffer));
    port.postMessage({ type: 'planned', plan } satisfies PlanReply, [...buffers]);
  } catch (error) {
    const reply: PlanReply =
      error instanceof ImportError
        ? { type: 'failed', code: error.code, message: error.message }
        : { type: 'crashed', message: error instanceof Error ? error.message : String(error) };
    port.postMessage(reply);
  }
}

/**
 * Plan `source` in the worker `start` makes (ended when done, failed or cancelled). Throws what planning on
 * the page would: an ImportError for a bad source, the signal's reason when cancelled.
 */
export function planInWorker(start: () => PlanWorker, source: ImportSource, options: ResolvedImportOptions): Promise<ImportPlan> {
  const { signal, onProgress, ...rest } = options;
  signal?.throwIfAborted();
  const worker = start();
  let stop = () => {};
  return new Promise<ImportPlan>((resolve, reject) => {
    const cancel = () => reject(signal?.reason);
    signal?.addEventListener('abort', cancel, { once: true });
    stop = () => signal?.removeEventListener('abort', cancel);
    worker.onmessage = (event: MessageEvent) => {
      const reply = checkedReply(event.data);
      if (reply.type === 'progress') onProgress?.(reply.progress);
      else if (reply.type === 'planned') resolve(reply.plan);
      else if (reply.type === 'failed') reject(new ImportError(reply.code, reply.message));
      else reject(crashed(reply.message));
    };
    worker.onerror = (event) => reject(crashed(event.message || 'the import worker failed'));
    worker.postMessage({ source, options: rest } satisfies PlanRequest);
  }).finally(() => {
    stop();
    worker.terminate();
  });
}

const REPLY_TYPES = new Set(['progress', 'planned', 'failed', 'crashed']);

function checkedReply(data: unknown): PlanReply {
  const type = (data as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && REPLY_TYPES.has(type)) return data as PlanReply;
  return { type: 'crashed', message: 'the import worker sent a message it should not have' };
}

function crashed(detail: string): ImportError {
  return new ImportError('read_failed', `The import could not be read (${detail}). Nothing was imported; try again.`);
}
