/** The run history: runs, their event logs, checkpoints and work-dir states, in IndexedDB. */
import type { ChatMessage, Checkpoint, PendingStep, ResumePoint, Run, RunEvent, ToolCall } from '../core';

export type { Checkpoint, PendingStep, ResumePoint } from '../core';
import type { WorkdirSnapshot } from '../sandbox/sandbox';
import { foldMessages, foldTree, readChain, stepRange, type Tree } from './chain';
import { collectGarbage, pruneRun } from './prune';
import { inTransaction, openHistoryDb, type OpenOptions } from './open';
import { StoreClosedError } from './errors';
import { withoutSecrets, type HistoryDb, type RunRecord } from './schema';
import { checkStoredRun } from './shapes';
import { entriesOf } from './tree-change';
import { RunWriter, type WriterOptions } from './writer';




/** A stored run record that is not a sound run: what can be shown of it, and what is wrong. */
export interface DamagedRun {
  id: string;
  /** The task, when the record still has one as text. */
  instructions?: string;
  problem: string;
}

/** Browser storage figures, where the browser tells them. */
export interface StorageFigures {
  usage: number;
  quota: number;
}

/** The part of `navigator.storage` the store uses. */
export type StoragePort = Pick<StorageManager, 'estimate' | 'persist'>;

/** How to open the history. */
export interface HistoryOptions extends OpenOptions {
  /** Default: `navigator.storage` where present. */
  storage?: StoragePort;
  now?: () => number;
}

/** The run history over one open database connection. */
export class HistoryStore {
  #db: HistoryDb;
  #options: HistoryOptions;
  #closed: StoreClosedError | undefined;

  constructor(db: HistoryDb, options: HistoryOptions = {}) {
    this.#db = db;
    this.#options = options;
  }

  /** Opens (creating or upgrading) the history. */
  static async open(options: HistoryOptions = {}): Promise<HistoryStore> {
    let store: HistoryStore | undefined;
    const onClose = (error: StoreClosedError): void => {
      if (store) store.#closed = error;
      options.onClose?.(error);
    };
    store = new HistoryStore(await openHistoryDb({ ...options, onClose }), options);
    return store;
  }

  /** The connection; after a close every use fails with `StoreClosedError` saying to reload. */
  get db(): HistoryDb {
    if (this.#closed) throw this.#closed;
    return this.#db;
  }

  close(): void {
    this.#closed ??= new StoreClosedError('closed');
    this.#db.close();
  }

  /** Stores a new run; fails if the id exists. The config must not carry the API key (it is stripped). */
  async createRun(record: RunRecord): Promise<void> {
    const clean = withoutSecrets({ ...record, config: withoutSecrets(record.config) });
    await inTransaction(this.db, ['runs'], `run ${record.id}`, async (tx) => {
      await tx.objectStore('runs').add(clean);
    });
  }

  /** The run as the API shows it. */
  async getRun(id: string): Promise<Run | undefined> {
    const record = await this.db.get('runs', id);
    return record && toRun(record);
  }

  /** The run with its configuration. */
  async getRunRecord(id: string): Promise<RunRecord | undefined> {
    return this.db.get('runs', id);
  }

  /** Runs, newest first; damaged records (see `listEntries`) are left out. */
  async listRuns(options: { limit?: number } = {}): Promise<Run[]> {
    return (await this.listEntries()).runs.slice(0, options.limit ?? Infinity);
  }

  /**
   * Every stored run record: the sound ones as runs (newest first), and the damaged ones (a crafted import
   * or an older build's record) with what is wrong, so they can be shown and deleted without hiding the rest.
   */
  async listEntries(): Promise<{ runs: Run[]; damaged: DamagedRun[] }> {
    const tx = this.db.transaction('runs');
    const [keys, records] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    const runs: Run[] = [];
    const damaged: DamagedRun[] = [];
    records.forEach((record, index) => {
      const problem = checkStoredRun(record);
      if (problem === undefined) runs.push(toRun(record));
      else damaged.push(damagedRun(String(keys[index]), record, problem));
    });
    runs.sort((a, b) => b.created_at - a.created_at);
    return { runs, damaged };
  }

  /** Runs that follow up on `id`, oldest first. */
  async followUps(id: string): Promise<Run[]> {
    const records = await this.db.getAllFromIndex('runs', 'by_parent', id);
    return records.sort((a, b) => a.created_at - b.created_at).map(toRun);
  }

  /** A run's events in order, optionally only those after `afterSeq`. */
  async getEvents(runId: string, options: { afterSeq?: number } = {}): Promise<RunEvent[]> {
    const from = options.afterSeq ?? -Infinity;
    return this.db.getAll('events', IDBKeyRange.bound([runId, from], [runId, Infinity], true, false));
  }

  /** The number of a run's last stored event (0 when none): a resumed run numbers on from here. */
  async lastSeq(runId: string): Promise<number> {
    const cursor = await this.db.transaction('events').store.openKeyCursor(stepRange(runId), 'prev');
    return cursor ? cursor.primaryKey[1] : 0;
  }

  /** The conversation after the last committed step. */
  async latestCheckpoint(runId: string): Promise<Checkpoint | undefined> {
    return this.checkpointAt(runId, Infinity);
  }

  /** The conversation after the last committed step at or before `step`. */
  async checkpointAt(runId: string, step: number): Promise<Checkpoint | undefined> {
    const store = this.db.transaction('checkpoints').store;
    const chain = await readChain(store, runId, step, (record) => record.keep === 0);
    const last = chain.at(-1);
    if (!last) return undefined;
    // the conversation comes back as it was committed (the RunStore port commits ChatMessages only)
    const messages = foldMessages(chain).map((text) => JSON.parse(text) as ChatMessage);
    const active = last.active_ms !== undefined && { active_ms: last.active_ms };
    return { run_id: runId, step: last.step, at: last.at, usage: last.usage, ...active, messages };
  }

  /** The work dir as it was after `step` (default: the last committed step); undefined if not kept. */
  async workdirAt(runId: string, step = Infinity): Promise<WorkdirSnapshot | undefined> {
    const tx = this.db.transaction(['manifests', 'blobs']);
    const chain = await readChain(tx.objectStore('manifests'), runId, step, (record) => record.full);
    if (chain.length === 0) return undefined;
    return snapshotOf(foldTree(chain), (hash) => tx.objectStore('blobs').get(hash));
  }

  /** The steps whose work dir is kept, ascending. */
  async workdirSteps(runId: string): Promise<number[]> {
    const keys = await this.db.getAllKeys('manifests', stepRange(runId));
    return keys.map((key) => key[1]);
  }

  /** The last checkpoint and, if the run stopped mid-step, what that step had done. */
  async resumePoint(runId: string): Promise<ResumePoint> {
    const checkpoint = await this.latestCheckpoint(runId);
    const pending = await this.#pendingStep(runId, checkpoint?.step ?? 0);
    return { ...(checkpoint && { checkpoint }), ...(pending && { pending }) };
  }

  /** The writer of a run. Hold the run's lock first (see `claimRun`): a run has exactly one writer. */
  async openWriter(runId: string, options: WriterOptions = {}): Promise<RunWriter> {
    const tx = this.db.transaction(['runs', 'events', 'checkpoints', 'manifests']);
    const record = await tx.objectStore('runs').get(runId);
    if (!record) throw new Error(`Run ${runId} is not in the history.`);
    const lastEvent = await tx.objectStore('events').openKeyCursor(stepRange(runId), 'prev');
    const checkpoints = await readChain(tx.objectStore('checkpoints'), runId, Infinity, (r) => r.keep === 0);
    const manifests = await readChain(tx.objectStore('manifests'), runId, Infinity, (r) => r.full);
    return new RunWriter(
      () => this.db,
      {
        record,
        lastSeq: lastEvent ? lastEvent.primaryKey[1] : 0,
        lastStep: Math.max(checkpoints.at(-1)?.step ?? -1, manifests.at(-1)?.step ?? -1),
        ...(checkpoints.length > 0 && { messages: foldMessages(checkpoints) }),
        messagesSinceFull: Math.max(0, checkpoints.length - 1),
        ...(manifests.length > 0 && { tree: foldTree(manifests) }),
        treeSinceFull: Math.max(0, manifests.length - 1),
        treeEntriesSinceFull: manifests.slice(1).reduce((sum, record) => sum + entriesOf(record), 0),
      },
      { now: this.#options.now, ...options },
    );
  }

  /** Deletes a run with its events, checkpoints and work-dir states, and the blobs nothing else uses. */
  async deleteRun(id: string): Promise<void> {
    const stores = ['runs', 'events', 'checkpoints', 'manifests', 'blobs'] as const;
    await inTransaction(this.db, [...stores], `deleting run ${id}`, async (tx) => {
      const manifests = await tx.objectStore('manifests').getAll(stepRange(id));
      await Promise.all([
        tx.objectStore('runs').delete(id),
        tx.objectStore('events').delete(stepRange(id)),
        tx.objectStore('checkpoints').delete(stepRange(id)),
        tx.objectStore('manifests').delete(stepRange(id)),
      ]);
      await collectGarbage(tx, manifests.flatMap((record) => record.hashes));
    });
  }

  /** Deletes every run (settings stay). */
  async deleteAllRuns(): Promise<void> {
    const stores = ['runs', 'events', 'checkpoints', 'manifests', 'blobs'] as const;
    await inTransaction(this.db, [...stores], 'deleting all runs', async (tx) => {
      await Promise.all(stores.map((name) => tx.objectStore(name).clear()));
    });
  }

  /** Frees space: keeps only the newest `keepLatestPerRun` (≥ 1) work-dir states of each run. */
  async pruneWorkdirStates(options: { keepLatestPerRun: number }): Promise<{ states: number; blobs: number }> {
    const keep = Math.max(1, Math.floor(options.keepLatestPerRun));
    const freed = { states: 0, blobs: 0 };
    for (const runId of await this.db.getAllKeys('runs')) {
      const result = await pruneRun(this.db, runId, keep);
      freed.states += result.states;
      freed.blobs += result.blobs;
    }
    return freed;
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('settings', key))?.value as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await inTransaction(this.db, ['settings'], `setting ${key}`, async (tx) => {
      await tx.objectStore('settings').put({ key, value });
    });
  }

  /** Bytes used and available to this site; undefined where the browser does not say. */
  async estimate(): Promise<StorageFigures | undefined> {
    const figures = await this.#storage()?.estimate();
    if (figures?.usage === undefined || figures.quota === undefined) return undefined;
    return { usage: figures.usage, quota: figures.quota };
  }

  /** Asks the browser not to evict the history under pressure; undefined where it cannot be asked. */
  async requestPersistent(): Promise<boolean | undefined> {
    return this.#storage()?.persist();
  }

  #storage(): StoragePort | undefined {
    return this.#options.storage ?? (globalThis.navigator as Navigator | undefined)?.storage;
  }

  /** Reads the event log backwards to the start of the step after `committed`, if there is one. */
  async #pendingStep(runId: string, committed: number): Promise<PendingStep | undefined> {
    const events: RunEvent[] = [];
    let cursor = await this.db.transaction('events').store.openCursor(stepRange(runId), 'prev');
    while (cursor && !(cursor.value.type === 'step')) {
      events.push(cursor.value);
      cursor = await cursor.continue();
    }
    if (!cursor || cursor.value.type !== 'step' || cursor.value.step <= committed) return undefined;
    return pendingFrom(cursor.value.step, events.reverse());
  }
}

function damagedRun(id: string, record: unknown, problem: string): DamagedRun {
  const instructions = (record as { instructions?: unknown } | null)?.instructions;
  return { id, ...(typeof instructions === 'string' && { instructions }), problem };
}

/** The API's view of a stored run. */
export function toRun(record: RunRecord): Run {
  const { config: _config, imported_from: _imported, ...run } = record;
  return run;
}

function pendingFrom(step: number, events: readonly RunEvent[]): PendingStep {
  const calls = new Map<string, ToolCall>();
  const started: string[] = [];
  const results: PendingStep['results'] = [];
  let assistant: PendingStep['assistant'];
  for (const event of events) {
    if (event.type === 'assistant_message') {
      assistant = { text: event.text, tool_calls: event.tool_calls };
      for (const call of event.tool_calls) calls.set(call.id, call);
    } else if (event.type === 'tool_call') {
      calls.set(event.call.id, event.call);
      started.push(event.call.id);
    }
    else if (event.type === 'tool_result') results.push(event);
  }
  const done = new Set(results.map((result) => result.call_id));
  const in_flight = [...calls.values()].filter((call) => !done.has(call.id));
  return { step, ...(assistant && { assistant }), results, in_flight, started };
}

async function snapshotOf(
  tree: Tree,
  getBlob: (hash: string) => Promise<{ data: Uint8Array } | undefined>,
): Promise<WorkdirSnapshot> {
  const entries = [...tree.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const blobs = await Promise.all(entries.map((entry) => getBlob(entry.hash)));
  const files = entries.map((entry, index) => {
    const blob = blobs[index];
    if (!blob) throw new Error(`The content of ${entry.path} is missing from the history (blob ${entry.hash}).`);
    return { path: entry.path, data: blob.data, ...(entry.mode !== undefined && { mode: entry.mode }) };
  });
  return { files, dirs: [...tree.dirs] };
}
