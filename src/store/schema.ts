/**
 * The IndexedDB schema of the run history and its migrations. `MIGRATIONS[v]` upgrades a database at
 * version v to v + 1; opening at version N runs every step from the stored version up to N, in order,
 * inside the one `versionchange` transaction (so a failed step leaves the old database untouched).
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import type { Run, RunConfig, RunEvent, Usage } from '../core';

export type { RunConfig } from '../core';

export const DB_NAME = 'autopilot';
export const DB_VERSION = 4;


/** A run as stored: the API's `Run` plus its configuration. */
export interface RunRecord extends Run {
  config: RunConfig;
  /** The id the run had where it was exported, when it came from `importRun`. */
  imported_from?: string;
}

/**
 * The conversation after a committed step, stored as a delta on the previous checkpoint of the run:
 * messages(step) = messages(previous)[0, keep) ++ append. `keep === 0` starts a new chain (full record).
 * Messages are kept as JSON text: cheap to compare, and never a structured-clone failure.
 */
export interface CheckpointRecord {
  run_id: string;
  step: number;
  at: number;
  usage: Usage;
  /** The run's own time after the step, in ms; absent from records older than it (read as 0). */
  active_ms?: number;
  keep: number;
  append: string[];
}

/** One file of a work-dir manifest: its content lives in `blobs` under `hash`. */
export interface ManifestEntry {
  path: string;
  hash: string;
  size: number;
  mode?: number;
}

/**
 * The work dir after a committed step. `full` records list every file; the others list only files added or
 * changed since the previous record of the run and the paths removed. `dirs` is null when unchanged.
 * `hashes` (multiEntry-indexed) are the blobs this record references, so a blob with no index hit is garbage.
 */
export interface ManifestRecord {
  run_id: string;
  step: number;
  at: number;
  full: boolean;
  files: ManifestEntry[];
  removed: string[];
  dirs: string[] | null;
  hashes: string[];
}

/** File content, stored once per distinct content (SHA-256, hex). */
export interface BlobRecord {
  hash: string;
  size: number;
  data: Uint8Array;
}

/** A stored model check (src/evals/check-record.ts gives its full shape and checks it when read). */
export interface CheckRecordStored {
  id: string;
  created_at: number;
}

/** One remembered setting. */
export interface SettingRecord {
  key: string;
  value: unknown;
}

/** The current schema, for typed access. */
export interface HistorySchema extends DBSchema {
  runs: {
    key: string;
    value: RunRecord;
    indexes: { by_created: number; by_parent: string; by_status: string };
  };
  events: { key: [string, number]; value: RunEvent };
  checkpoints: { key: [string, number]; value: CheckpointRecord };
  manifests: { key: [string, number]; value: ManifestRecord; indexes: { by_blob: string } };
  blobs: { key: string; value: BlobRecord };
  settings: { key: string; value: SettingRecord };
  checks: { key: string; value: CheckRecordStored; indexes: { by_created: number } };
}

export type HistoryDb = IDBPDatabase<HistorySchema>;

type AnyDb = IDBPDatabase<unknown>;
type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;
/** One schema step. Steps only add; data rewrites go through cursors in the upgrade transaction. */
type Migration = (db: AnyDb, tx: UpgradeTx) => Promise<void> | void;

/** v0 → v1: runs (newest first by `created_at`), the append-only event log, settings. */
function v1(db: AnyDb): void {
  const runs = db.createObjectStore('runs', { keyPath: 'id' });
  runs.createIndex('by_created', 'created_at');
  db.createObjectStore('events', { keyPath: ['run_id', 'seq'] });
  db.createObjectStore('settings', { keyPath: 'key' });
}

/** v1 → v2: checkpoints per committed step, and work-dir state as manifests over content-addressed blobs. */
function v2(db: AnyDb): void {
  db.createObjectStore('checkpoints', { keyPath: ['run_id', 'step'] });
  db.createObjectStore('manifests', { keyPath: ['run_id', 'step'] });
  db.createObjectStore('blobs', { keyPath: 'hash' });
}

/**
 * v2 → v3: follow-ups (`by_parent`), finding unfinished runs on load (`by_status`), and blob garbage
 * collection (`by_blob`, which needs `hashes` filled in on older manifests). Configs lose any API key
 * that an older build may have left in them.
 */
async function v3(_db: AnyDb, tx: UpgradeTx): Promise<void> {
  const runs = tx.objectStore('runs');
  runs.createIndex('by_parent', 'parent_id');
  runs.createIndex('by_status', 'status');
  const manifests = tx.objectStore('manifests');
  manifests.createIndex('by_blob', 'hashes', { multiEntry: true });
  for await (const cursor of manifests) {
    const record = cursor.value as ManifestRecord;
    await cursor.update({ ...record, hashes: uniqueHashes(record.files) });
  }
  for await (const cursor of runs) {
    const record = cursor.value as RunRecord;
    await cursor.update({ ...record, outputs: record.outputs ?? {}, config: withoutSecrets(record.config ?? {}) });
  }
}

/** v3 → v4: model checks ("Check this model" in Settings), newest first by `created_at`. */
function v4(db: AnyDb): void {
  const checks = db.createObjectStore('checks', { keyPath: 'id' });
  checks.createIndex('by_created', 'created_at');
}

export const MIGRATIONS: readonly Migration[] = [v1, v2, v3, v4];

/** Runs every migration from `oldVersion` up to `newVersion`. */
export async function migrate(db: AnyDb, tx: UpgradeTx, oldVersion: number, newVersion: number): Promise<void> {
  for (let version = oldVersion; version < newVersion; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`No migration from schema version ${version}`);
    await step(db, tx);
  }
}

/** The distinct blob hashes of some manifest entries. */
export function uniqueHashes(files: readonly ManifestEntry[]): string[] {
  return [...new Set(files.map((file) => file.hash))];
}

const SECRET_KEYS = new Set(['apikey', 'api_key', 'key', 'authorization', 'token']);

/** A config with any secret-looking field removed: keys never reach the history or an export. */
export function withoutSecrets<T extends object>(config: T): T {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(config)) {
    if (!SECRET_KEYS.has(name.toLowerCase())) copy[name] = value;
  }
  return copy as T;
}
