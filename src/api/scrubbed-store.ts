/**
 * A RunStore that never keeps a secret: everything handed to it to store — the run (its task, summary, outputs),
 * its events, each step's conversation and the work dir's files — has every secret of the registry replaced
 * first (`[redacted]` in text, `*` in binary files). Reads pass through. The page wraps its store in this, so
 * a key the model echoed (or a person pasted into a task) never lands in IndexedDB; exports scrub again.
 */
import type { Checkpoint, ResumePoint, Run, RunConfig, RunEvent, RunStore, StepCommit, WorkdirSnapshot } from '../core';
import type { SecretRegistry } from '../core/secrets';

/** The part of the registry the store uses. */
export type Scrubber = Pick<SecretRegistry, 'scrub' | 'scrubBytes'>;

/** `store`, with every secret of `secrets` (as registered at the time of each write) scrubbed from what it keeps. */
export class ScrubbedRunStore implements RunStore {
  constructor(
    private readonly store: RunStore,
    private readonly secrets: Scrubber,
  ) {}

  put(run: Run, config?: RunConfig): Promise<void> {
    return this.store.put(this.secrets.scrub(run), config && this.secrets.scrub(config));
  }

  appendEvent(event: RunEvent): Promise<void> {
    return this.store.appendEvent(this.secrets.scrub(event));
  }

  commitStep(runId: string, commit: StepCommit): Promise<void> {
    const { messages, run, snapshot, delta, ...rest } = commit;
    return this.store.commitStep(runId, {
      ...rest,
      ...(messages && { messages: this.secrets.scrub(messages) }),
      ...(run && { run: this.secrets.scrub(run) }),
      ...(snapshot && { snapshot: this.#scrubFiles(snapshot) }),
      ...(delta && { delta: this.#scrubFiles(delta) }),
    });
  }

  get(id: string): Promise<Run | undefined> {
    return this.store.get(id);
  }
  list(): Promise<Run[]> {
    return this.store.list();
  }
  events(runId: string): Promise<RunEvent[]> {
    return this.store.events(runId);
  }
  lastSeq(runId: string): Promise<number> {
    return this.store.lastSeq(runId);
  }
  claim(runId: string): Promise<void> {
    return this.store.claim(runId);
  }
  flush(runId: string): Promise<void> {
    return this.store.flush(runId);
  }
  config(runId: string): Promise<RunConfig | undefined> {
    return this.store.config(runId);
  }
  resumePoint(runId: string): Promise<ResumePoint> {
    return this.store.resumePoint(runId);
  }
  workdirAt(runId: string, step?: number): Promise<WorkdirSnapshot | undefined> {
    return this.store.workdirAt(runId, step);
  }
  lastStep(runId: string): Promise<number> {
    return this.store.lastStep(runId);
  }
  checkpointAt(runId: string, step: number): Promise<Checkpoint | undefined> {
    return this.store.checkpointAt(runId, step);
  }

  /** The snapshot with each file that holds a secret replaced by a scrubbed copy (the rest shared, not copied). */
  #scrubFiles<T extends WorkdirSnapshot>(snapshot: T): T {
    const files = snapshot.files.map((file) => {
      const data = this.secrets.scrubBytes(file.data);
      return data === file.data ? file : { ...file, data };
    });
    return { ...snapshot, files };
  }
}
