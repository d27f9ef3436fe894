/** A run as one JSON document (a trajectory), and back: for sharing, archiving and viewing elsewhere. */
import { isFinal, type AgentEvent, type Run, type RunStatus, type SecretRegistry, type Usage } from '../core';
import { fromBase64, toBase64 } from './bytes';
import { hashSnapshot, manifestDelta } from './chain';
import type { HistoryStore } from './history';
import { inTransaction, issueAll } from './open';
import { withoutSecrets, type RunConfig, type RunRecord } from './schema';
import { checkTrajectory } from './shapes';

export const TRAJECTORY_FORMAT = 'autopilot-trajectory';
export const TRAJECTORY_VERSION = 1;

/** An event as exported: numbered and stamped, without the run id. */
export type TrajectoryEvent = AgentEvent & { seq: number; at: number };

/** A file of an exported work dir; bytes as base64. */
export interface TrajectoryFile {
  path: string;
  base64: string;
  mode?: number;
}

/** The exported form of a run. Never holds an API key. */
export interface Trajectory {
  format: typeof TRAJECTORY_FORMAT;
  version: typeof TRAJECTORY_VERSION;
  exported_at: number;
  /** The person's name for the run (Rename run), when it has one. */
  name?: string;
  run: Run;
  config: RunConfig;
  /** The conversation after the last committed step, and that step. */
  messages: unknown[];
  checkpoint_step?: number;
  /** The run's own time at that step, in ms (the checkpoint's `active_ms`); absent when not recorded. */
  active_ms?: number;
  usage: Usage;
  outputs: Record<string, unknown>;
  events: TrajectoryEvent[];
  /** The last kept work dir. */
  workdir?: { step: number; files: TrajectoryFile[]; dirs: string[] };
}

/** The outcome of an import: the new run's id, or what is wrong with the document. */
export type ImportResult = { ok: true; id: string } | { ok: false; error: string };

/** How to export. */
export interface ExportOptions {
  /** The page's secrets: every string of the trajectory, and every work-dir file, is scrubbed of them. */
  secrets?: SecretRegistry;
  /** The person's name for the run, carried in the document. */
  name?: string;
}

/** Exports a stored run, scrubbed of the registered secrets; undefined when there is no such run. */
export async function exportRun(store: HistoryStore, id: string, now = Date.now(), options: ExportOptions = {}): Promise<Trajectory | undefined> {
  const raw = await exportRaw(store, id, now, options.secrets);
  const trajectory = raw && options.name ? { ...raw, name: options.name } : raw;
  return trajectory && options.secrets ? options.secrets.scrub(trajectory) : trajectory;
}

async function exportRaw(store: HistoryStore, id: string, now: number, secrets?: SecretRegistry): Promise<Trajectory | undefined> {
  const record = await store.getRunRecord(id);
  if (!record) return undefined;
  const { config, imported_from: _imported, ...run } = record;
  const checkpoint = await store.latestCheckpoint(id);
  const steps = await store.workdirSteps(id);
  const lastStep = steps.at(-1);
  const snapshot = lastStep === undefined ? undefined : await store.workdirAt(id, lastStep);
  const events = (await store.getEvents(id)).map(({ run_id: _runId, ...event }) => event as TrajectoryEvent);
  return {
    format: TRAJECTORY_FORMAT,
    version: TRAJECTORY_VERSION,
    exported_at: now,
    run,
    config: withoutSecrets(config),
    messages: checkpoint?.messages ?? [],
    ...(checkpoint && { checkpoint_step: checkpoint.step }),
    ...(checkpoint?.active_ms !== undefined && { active_ms: checkpoint.active_ms }),
    usage: run.usage,
    outputs: run.outputs,
    events,
    ...(snapshot &&
      lastStep !== undefined && {
        workdir: {
          step: lastStep,
          files: snapshot.files.map((file) => ({
            path: file.path,
            base64: toBase64(secrets ? secrets.scrubBytes(file.data) : file.data),
            ...(file.mode !== undefined && { mode: file.mode }),
          })),
          dirs: snapshot.dirs,
        },
      }),
  };
}

/**
 * Imports a trajectory (JSON text or parsed) as a new run with a new id and equal content. A run that was
 * still going when exported comes in as `interrupted`. Bad documents are a value, not an exception.
 */
export async function importRun(store: HistoryStore, input: string | unknown, newId: string = crypto.randomUUID()): Promise<ImportResult> {
  const parsed = parseTrajectory(input);
  if (typeof parsed === 'string') return { ok: false, error: parsed };
  return storeTrajectory(store, parsed, newId);
}

/** Stores a trajectory that `parseTrajectory` accepted (e.g. in a worker) as a new run. */
export async function storeTrajectory(store: HistoryStore, parsed: Trajectory, newId: string = crypto.randomUUID()): Promise<ImportResult> {
  let workdir;
  try {
    workdir = parsed.workdir && {
      step: parsed.workdir.step,
      ...(await hashSnapshot({
        files: parsed.workdir.files.map((file) => ({ path: file.path, data: fromBase64(file.base64), mode: file.mode })),
        dirs: parsed.workdir.dirs,
      })),
    };
  } catch {
    return { ok: false, error: 'This run export is damaged and was not imported: a file of its work dir is not valid base64.' };
  }
  const status: RunStatus = isFinal(parsed.run.status) ? parsed.run.status : 'interrupted';
  const record: RunRecord = { ...parsed.run, id: newId, status, config: withoutSecrets(parsed.config), imported_from: parsed.run.id };
  const at = parsed.exported_at;
  const stores = ['runs', 'events', 'checkpoints', 'manifests', 'blobs'] as const;
  await inTransaction(store.db, [...stores], `the imported run ${parsed.run.id}`, async (tx) => {
    await tx.objectStore('runs').add(record);
    await issueAll(parsed.events, (event) => tx.objectStore('events').put({ ...event, run_id: newId } as never));
    if (parsed.checkpoint_step !== undefined) {
      const append = parsed.messages.map((message) => JSON.stringify(message));
      const active = parsed.active_ms !== undefined && { active_ms: parsed.active_ms };
      const checkpoint = { run_id: newId, step: parsed.checkpoint_step, at, usage: parsed.usage, ...active, keep: 0, append };
      await tx.objectStore('checkpoints').put(checkpoint);
    }
    if (workdir) {
      const where = { run_id: newId, step: workdir.step, at, full: true };
      await tx.objectStore('manifests').put(manifestDelta(undefined, workdir.tree, where));
      const blobs = tx.objectStore('blobs');
      await issueAll(workdir.blobs, ([hash, data]) => blobs.put({ hash, size: data.byteLength, data }));
    }
  });
  return { ok: true, id: newId };
}

/** The trajectory (JSON text or parsed), or what is wrong with it, naming the field. */
export function parseTrajectory(input: unknown): Trajectory | string {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return 'This file is not an Autopilot run export: it is not JSON.';
    }
  }
  const document = value as { format?: unknown; version?: unknown } | null;
  if (typeof document !== 'object' || document === null || document.format !== TRAJECTORY_FORMAT) {
    return 'This file is not an Autopilot run export: its "format" is not "autopilot-trajectory".';
  }
  if (document.version !== TRAJECTORY_VERSION) {
    return `This run export has version ${String(document.version)}, which this build does not read (it reads ${TRAJECTORY_VERSION}).`;
  }
  const checked = checkTrajectory(value);
  if (!checked.ok) return `This run export is damaged and was not imported: ${checked.error}.`;
  return checked.value as unknown as Trajectory;
}
