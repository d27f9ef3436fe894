/**
 * The one writer of a run: it numbers the run's events, persists them in batches (one transaction per
 * burst, never per event), and commits steps atomically. Only the tab holding the run's lock opens one.
 */
import type { AgentEvent, PartlySaved, Run, RunEvent, StepCommit as PortStepCommit, Usage } from '../core';

/** A step as the writer commits it: the port's StepCommit, its messages any JSON (the store does not read them). */
export type StepCommit = Omit<PortStepCommit, 'messages'> & { messages?: readonly unknown[] };
import type { WorkdirSnapshot } from '../sandbox/sandbox';
import { FULL_EVERY, hashSnapshot, messageDelta, type Tree } from './chain';
import { StorageFullError } from './errors';
import { inTransaction, issueAll } from './open';
import { packEntries, uniqueHashes, withoutSecrets, type CheckpointRecord, type HistoryDb, type ManifestRecord, type RunRecord } from './schema';
import { applyChange, entriesOf, treeAfter, treeChange, wantsFull, type TreeChange } from './tree-change';

/** How a writer batches. */
export interface WriterOptions {
  /** Write buffered events this long after the first of a burst (ms). Default 16, about one frame. */
  delayMs?: number;
  /** Write at once when this many events are buffered. Default 256. */
  maxBatch?: number;
  /** A background write failed (e.g. `StorageFullError`). The events stay buffered; the next write retries. */
  onError?: (error: unknown) => void;
  now?: () => number;
}


/** What a commit read, hashed: a whole snapshot, or a delta with its roots. */
type Hashed = Awaited<ReturnType<typeof hashSnapshot>> & { roots?: string[] };

/** Where a writer starts: what the store already holds for the run. */
export interface WriterStart {
  record: RunRecord;
  lastSeq: number;
  lastStep: number;
  messages?: string[];
  messagesSinceFull: number;
  tree?: Tree;
  treeSinceFull: number;
  /** Entries (files and removals) in the delta records since the last full one. */
  treeEntriesSinceFull?: number;
}

/** Persists one run's events, state and steps. Obtain it from `HistoryStore.openWriter`. */
export class RunWriter {
  readonly runId: string;
  /** The connection, or a StoreClosedError thrown when it is gone. */
  #db: () => HistoryDb;
  #start: WriterStart;
  #options: WriterOptions;
  #record: RunRecord;
  #runDirty = false;
  #buffer: RunEvent[] = [];
  #seq: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  /** A write is queued that has not yet taken the buffer: more events will ride along with it. */
  #batchQueued = false;
  /** Steps whose commit storage refused, and events dropped for want of space: saved with the run as `partly_saved`. */
  #missingSteps: Set<number>;
  #lostEvents: number;

  constructor(db: () => HistoryDb, start: WriterStart, options: WriterOptions = {}) {
    this.#db = db;
    this.#start = { ...start };
    this.#options = options;
    this.#record = start.record;
    this.runId = start.record.id;
    this.#seq = start.lastSeq;
    this.#missingSteps = new Set(start.record.partly_saved?.steps ?? []);
    this.#lostEvents = start.record.partly_saved?.events ?? 0;
  }

  /** The number of the last event handed out. */
  get lastSeq(): number {
    return this.#seq;
  }

  /** The last committed step (-1 when none). */
  get lastStep(): number {
    return this.#start.lastStep;
  }

  /** The run as this writer will save it next (marked `partly_saved` when storage refused part of it). */
  get run(): RunRecord {
    const { partly_saved: _old, ...record } = this.#record;
    const missing = this.#missingSteps.size > 0 || this.#lostEvents > 0;
    if (!missing) return record;
    const partly_saved: PartlySaved = { steps: [...this.#missingSteps].sort((a, b) => a - b), events: this.#lostEvents };
    return { ...record, partly_saved };
  }

  /** Numbers and stamps an event and buffers it; returns it as it will be stored and delivered. */
  append(event: AgentEvent): RunEvent {
    if (this.#closed) throw new Error(`The writer of run ${this.runId} is closed.`);
    const stored = { ...event, run_id: this.runId, seq: ++this.#seq, at: this.#now() } as RunEvent;
    this.#buffer.push(stored);
    this.#schedule();
    return stored;
  }

  /**
   * Buffers an event numbered elsewhere (by the API, the run's one numberer in this tab). It must be the
   * next of the run: a gap or a repeat means two writers, which would corrupt the log.
   */
  record(event: RunEvent): void {
    if (this.#closed) throw new Error(`The writer of run ${this.runId} is closed.`);
    if (event.run_id !== this.runId || event.seq !== this.#seq + 1) {
      throw new Error(
        `Event ${event.seq} of run ${event.run_id} does not follow event ${this.#seq} of run ${this.runId}: ` +
          'a run has one writer. Reload the page if the run is open in another tab.',
      );
    }
    this.#seq = event.seq;
    this.#buffer.push(event);
    this.#schedule();
  }

  /** Records the run's new state (the whole `Run`: fields it lacks are cleared); saved with the next batch. */
  updateRun(run: Run): void {
    const { config, imported_from } = this.#record;
    const { config: _config, imported_from: _imported, ...fields } = run as Partial<RunRecord> & Run;
    this.#record = { ...fields, id: this.runId, config, ...(imported_from !== undefined && { imported_from }) };
    this.#runDirty = true;
    this.#schedule();
  }

  /** Resolves once everything appended or updated so far is stored. */
  flush(): Promise<void> {
    this.#cancelTimer();
    return this.#enqueue(() => this.#writeBatch());
  }

  /**
   * Stores a step atomically: buffered events, the run, the checkpoint and the work-dir manifest with its
   * new blobs, in one transaction. Await it before the next model request. On failure nothing of it stays.
   */
  async commitStep(commit: StepCommit): Promise<void> {
    if (this.#closed) throw new Error(`The writer of run ${this.runId} is closed.`);
    const messages = commit.messages?.map((message) => JSON.stringify(message));
    const read = commit.delta ?? commit.snapshot;
    const hashed: Hashed | undefined = read && { ...(await hashSnapshot(read)), ...(commit.delta && { roots: commit.delta.roots }) };
    if (commit.delta && !this.#start.tree && !commit.delta.roots.includes('')) {
      throw new Error(`Step ${commit.step} of run ${this.runId} came as a delta, but no earlier work dir of the run is stored.`);
    }
    if (commit.run) this.updateRun(commit.run);
    this.#cancelTimer();
    try {
      await this.#enqueue(() => this.#writeCommit(commit, messages, hashed));
      if (this.#missingSteps.delete(commit.step)) this.#runDirty = true;
    } catch (error) {
      if (error instanceof StorageFullError) this.#noteMissing(commit.step);
      throw error;
    }
  }

  /**
   * Flushes and stops accepting events. When storage refuses the last events, they are dropped and the run
   * alone is saved, marked `partly_saved` with how many were lost, so it never looks whole; the error is thrown.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.flush();
    } catch (error) {
      if (!(error instanceof StorageFullError)) throw error;
      this.#lostEvents += this.#buffer.length;
      this.#buffer = [];
      this.#runDirty = true;
      await this.#enqueue(() => this.#writeBatch()).catch(() => undefined); // the run alone: small, may fit
      throw error;
    }
  }

  /** A step storage refused: the run says so from its next write on. */
  #noteMissing(step: number): void {
    this.#missingSteps.add(step);
    this.#runDirty = true;
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  #schedule(): void {
    if (this.#buffer.length >= (this.#options.maxBatch ?? 256)) {
      if (this.#batchQueued) return;
      this.#batchQueued = true;
      this.flush().catch((error: unknown) => this.#options.onError?.(error));
    } else if (this.#timer === undefined) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.flush().catch((error: unknown) => this.#options.onError?.(error));
      }, this.#options.delayMs ?? 16);
    }
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Runs writes one after another, so batches land in order. */
  #enqueue<T>(write: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(write);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Takes what is buffered; on failure puts it back in front, so nothing is lost or reordered. */
  async #withPending<T>(write: (events: RunEvent[], run: RunRecord | undefined) => Promise<T>): Promise<T> {
    const events = this.#buffer;
    const run = this.#runDirty ? this.run : undefined;
    this.#buffer = [];
    this.#runDirty = false;
    try {
      return await write(events, run);
    } catch (error) {
      this.#buffer = [...events, ...this.#buffer];
      if (run) this.#runDirty = true;
      throw error;
    }
  }

  #writeBatch(): Promise<void> {
    this.#batchQueued = false;
    if (this.#buffer.length === 0 && !this.#runDirty) return Promise.resolve();
    return this.#withPending((events, run) =>
      inTransaction(this.#db(), ['events', 'runs'], `${events.length} events of run ${this.runId}`, async (tx) => {
        const eventStore = tx.objectStore('events');
        await issueAll(events, (event) => eventStore.put(event));
        if (run) await tx.objectStore('runs').put(withoutSecrets(run));
      }),
    );
  }

  /** The records a commit writes: a checkpoint when there are messages, a manifest when there is a snapshot. */
  #commitRecords(commit: StepCommit, messages: string[] | undefined, hashed: Hashed | undefined) {
    const start = this.#start;
    const where = { run_id: this.runId, step: commit.step, at: this.#now() };
    const delta = messages && messageDelta(start.messages, messages, start.messagesSinceFull + 1 >= FULL_EVERY);
    const active = commit.active_ms !== undefined && { active_ms: commit.active_ms };
    const checkpoint: CheckpointRecord | undefined = delta && { ...where, usage: commit.usage, ...active, ...delta };
    const change = hashed && treeChange(start.tree, hashed.tree, hashed.roots);
    const manifest = change && this.#manifest(change, where);
    // blobs already in the tree are stored; only what the change brings may be new
    const fresh = change ? uniqueHashes(change.files) : [];
    return { checkpoint, manifest, change, fresh };
  }

  /** The change as a delta record, or as a full record of the whole tree after it when the chain wants one. */
  #manifest(change: TreeChange, where: { run_id: string; step: number; at: number }): ManifestRecord {
    const start = this.#start;
    const full = wantsFull(start.tree, change, { records: start.treeSinceFull, entries: start.treeEntriesSinceFull ?? 0 });
    if (!full) return { ...where, full, ...packEntries(change.files), removed: change.removed, dirs: change.dirs };
    const after = treeAfter(start.tree, change);
    return { ...where, full, ...packEntries([...after.files.values()]), removed: [], dirs: after.dirs };
  }

  #writeCommit(commit: StepCommit, messages: string[] | undefined, hashed: Hashed | undefined): Promise<void> {
    if (commit.step <= this.#start.lastStep) {
      return Promise.reject(new Error(`Step ${commit.step} of run ${this.runId} is already committed.`));
    }
    const { checkpoint, manifest, change, fresh } = this.#commitRecords(commit, messages, hashed);
    const stores = ['events', 'runs', 'checkpoints', 'manifests', 'blobs'] as const;
    return this.#withPending(async (events, run) => {
      await inTransaction(this.#db(), [...stores], `step ${commit.step} of run ${this.runId}`, async (tx) => {
        const blobs = tx.objectStore('blobs');
        const present = await Promise.all(fresh.map((hash) => blobs.getKey(hash)));
        const missing = fresh.filter((_, index) => present[index] === undefined);
        await issueAll(events, (event) => tx.objectStore('events').put(event));
        if (run) await tx.objectStore('runs').put(withoutSecrets(run));
        if (checkpoint) await tx.objectStore('checkpoints').put(checkpoint);
        if (manifest) await tx.objectStore('manifests').put(manifest);
        const data = hashed?.blobs ?? new Map<string, Uint8Array>();
        await issueAll(missing, (hash) => blobs.put({ hash, size: data.get(hash)!.byteLength, data: data.get(hash)! }));
      });
      this.#committed(commit.step, messages, checkpoint, manifest, change);
    });
  }

  /** Moves the writer's base to what was just stored (only after the commit succeeded). */
  #committed(step: number, messages?: string[], checkpoint?: CheckpointRecord, manifest?: ManifestRecord, change?: TreeChange) {
    const start = this.#start;
    start.lastStep = step;
    if (messages && checkpoint) {
      start.messages = messages;
      start.messagesSinceFull = checkpoint.keep === 0 ? 0 : start.messagesSinceFull + 1;
    }
    if (manifest && change) {
      start.tree = applyChange(start.tree ?? { files: new Map(), dirs: [] }, change);
      start.treeSinceFull = manifest.full ? 0 : start.treeSinceFull + 1;
      start.treeEntriesSinceFull = manifest.full ? 0 : (start.treeEntriesSinceFull ?? 0) + entriesOf(manifest);
    }
  }
}
