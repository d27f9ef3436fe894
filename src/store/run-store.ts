/**
 * The API's RunStore port (put, get, list, appendEvent, events) over the history, plus what durable runs
 * need: the run's configuration, step commits and releasing a run. Writes are batched per run by its
 * RunWriter; reads first flush what is buffered, so a read always sees every earlier write.
 */
import { isFinal, type Run, type RunEvent, type RunStore } from '../core';
import type { WorkdirSnapshot } from '../sandbox/sandbox';
import type { Checkpoint, HistoryStore, ResumePoint } from './history';
import { defaultLocks, type LockPort } from './locks';
import { claimRun, type ClaimedRun } from './recover';
import type { RunConfig } from './schema';
import type { StepCommit, WriterOptions } from './writer';

/** Runs in IndexedDB behind the API's store port. This tab holds a run's lock while it writes the run. */
export class HistoryRunStore implements RunStore {
  readonly history: HistoryStore;
  #locks: LockPort;
  #options: WriterOptions;
  #claims = new Map<string, Promise<ClaimedRun>>();

  constructor(history: HistoryStore, locks: LockPort = defaultLocks(), options: WriterOptions = {}) {
    this.history = history;
    this.#locks = locks;
    this.#options = options;
  }

  /**
   * Saves the run's state (batched). The first `put` of a new run creates it with `config` (never the key).
   * A final status flushes and lets go of the run.
   */
  async put(run: Run, config: RunConfig = {}): Promise<void> {
    if (!this.#claims.has(run.id) && !(await this.history.getRunRecord(run.id))) {
      await this.history.createRun({ ...structuredClone(run), config });
    }
    const claim = await this.#claim(run.id);
    claim.writer.updateRun(structuredClone(run));
    if (isFinal(run.status)) await this.release(run.id);
  }

  async get(id: string): Promise<Run | undefined> {
    await this.flush(id);
    return this.history.getRun(id);
  }

  /** Newest first. */
  async list(): Promise<Run[]> {
    await this.flush();
    return this.history.listRuns();
  }

  /** Buffers an event numbered by the API; it must follow the run's last stored event. */
  async appendEvent(event: RunEvent): Promise<void> {
    (await this.#claim(event.run_id)).writer.record(structuredClone(event));
  }

  async events(runId: string): Promise<RunEvent[]> {
    await this.flush(runId);
    return this.history.getEvents(runId);
  }

  /** The number of the run's last event: where the API's numbering of a resumed run goes on from. */
  async lastSeq(runId: string): Promise<number> {
    const claim = this.#claims.get(runId);
    return claim ? (await claim).writer.lastSeq : this.history.lastSeq(runId);
  }

  /** Commits a step (events so far, run, conversation, work dir) atomically. Await before the next model request. */
  async commitStep(runId: string, commit: StepCommit): Promise<void> {
    await (await this.#claim(runId)).writer.commitStep(commit);
  }

  /** Takes the run for this tab (its lock and writer); rejects when another tab drives it. */
  async claim(runId: string): Promise<void> {
    await this.#claim(runId);
  }

  async config(runId: string): Promise<RunConfig | undefined> {
    return (await this.history.getRunRecord(runId))?.config;
  }

  async resumePoint(runId: string): Promise<ResumePoint> {
    await this.flush(runId);
    return this.history.resumePoint(runId);
  }

  async workdirAt(runId: string, step?: number): Promise<WorkdirSnapshot | undefined> {
    await this.flush(runId);
    return this.history.workdirAt(runId, step);
  }

  async lastStep(runId: string): Promise<number> {
    return (await this.#claim(runId)).writer.lastStep;
  }

  async checkpointAt(runId: string, step: number): Promise<Checkpoint | undefined> {
    await this.flush(runId);
    return this.history.checkpointAt(runId, step);
  }

  /** Resolves once everything written for the run (or for every run) is stored. */
  async flush(runId?: string): Promise<void> {
    const claims = runId === undefined ? [...this.#claims.values()] : [this.#claims.get(runId)].filter(Boolean);
    await Promise.all(claims.map(async (claim) => (await claim!).writer.flush()));
  }

  /** Flushes the run and lets other tabs have it. */
  async release(runId: string): Promise<void> {
    const claim = this.#claims.get(runId);
    if (!claim) return;
    this.#claims.delete(runId);
    await (await claim).release();
  }

  /** Takes the run's lock and writer once; fails when another tab drives the run. */
  #claim(runId: string): Promise<ClaimedRun> {
    let claim = this.#claims.get(runId);
    if (!claim) {
      claim = claimRun(this.history, this.#locks, runId, this.#options).then((claimed) => {
        if (claimed) return claimed;
        throw new Error(`Run ${runId} is being driven in another tab. Watch or stop it there.`);
      });
      claim.catch(() => this.#claims.delete(runId));
      this.#claims.set(runId, claim);
    }
    return claim;
  }
}
