/** Where model checks are kept: the port the page gives (the history database), or this tab's memory. */
import type { CheckRecord } from './check-record';

/** Stored checks, read as stored (the reader checks their shape with isCheckRecord). */
export interface CheckArchivePort {
  /** Newest first. */
  list(): Promise<unknown[]>;
  put(record: CheckRecord): Promise<void>;
  delete(id: string): Promise<void>;
}

/** An archive for this tab only (no history database). */
export function memoryArchive(): CheckArchivePort {
  const records = new Map<string, CheckRecord>();
  return {
    list: async () => [...records.values()].sort((a, b) => b.created_at - a.created_at).map((record) => structuredClone(record)),
    put: async (record) => void records.set(record.id, structuredClone(record)),
    delete: async (id) => void records.delete(id),
  };
}
