/** Stored model checks ("Check this model"): kept beside the run history, listed newest first. */
import type { HistoryStore } from './history';
import { inTransaction } from './open';
import type { CheckRecordStored } from './schema';

export type { CheckRecordStored } from './schema';

/** The model checks in the history database. Records are kept as given; the reader checks their shape. */
export class CheckArchive {
  readonly #store: HistoryStore;

  constructor(store: HistoryStore) {
    this.#store = store;
  }

  /** Every stored check, newest first. */
  async list(): Promise<CheckRecordStored[]> {
    const records = await this.#store.db.getAllFromIndex('checks', 'by_created');
    return records.reverse();
  }

  /** Stores the check (a new one, or a newer state of it). */
  async put(record: CheckRecordStored): Promise<void> {
    await inTransaction(this.#store.db, ['checks'], `model check ${record.id}`, async (tx) => {
      await tx.objectStore('checks').put(structuredClone(record));
    });
  }

  async delete(id: string): Promise<void> {
    await inTransaction(this.#store.db, ['checks'], `deleting model check ${id}`, async (tx) => {
      await tx.objectStore('checks').delete(id);
    });
  }
}
