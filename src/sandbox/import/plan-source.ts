/**
 * Planning an import from its source: a zip's directory read and every entry inflated, or a folder's files
 * read, then checked by `planImport`. Pure work on bytes, so it runs the same in a worker and on the page.
 */
import { planImport, type ImportPlan, type SourceEntry } from './plan';
import { checkEntryCount, declaredEntryCount, readZipDirectory } from './zip-read';
import { ImportError, type ImportSource, type PickedFile, type ProjectImportProgress, type ResolvedImportOptions } from './types';

/** The end record and the longest comment fit in this many last bytes of an archive. */
const END_RECORD_REACH = 22 + 0xffff;
/** Read an archive this much at a time: progress moves, and no single read holds the thread long. */
const READ_CHUNK = 4 * 1024 * 1024;

/** Read and check every entry of `source`; throws ImportError for caps and damaged data, nothing written. */
export async function planSource(source: ImportSource, options: ResolvedImportOptions): Promise<ImportPlan> {
  const say = options.onProgress ?? (() => {});
  const entries = source.kind === 'zip' ? await zipEntries(source.data, say, options.signal) : source.files.map(pickedEntry);
  const phase = source.kind === 'zip' ? 'unpacking' : 'reading';
  return planImport(entries, {
    ...options,
    stripRoot: source.kind === 'zip' && options.stripSingleRoot,
    skipHeavy: true,
    onRead: (done, total) => say({ phase, done, total }),
  });
}

/** The archive's entries; one that lists too many is refused from its last bytes, before the rest is read. */
async function zipEntries(
  data: Blob | Uint8Array,
  say: (progress: ProjectImportProgress) => void,
  signal?: AbortSignal,
): Promise<SourceEntry[]> {
  if (!(data instanceof Uint8Array)) {
    const tail = await readBlob(data.slice(Math.max(0, data.size - END_RECORD_REACH)), 'the zip file');
    const declared = declaredEntryCount(tail);
    if (declared !== undefined) checkEntryCount(declared);
  }
  const bytes = data instanceof Uint8Array ? data : await readInChunks(data, say, signal);
  return readZipDirectory(bytes).map((entry) => ({
    path: entry.name,
    kind: entry.kind,
    size: entry.size,
    mode: entry.mode,
    unsupported: entry.unsupported,
    read: () => entry.read(),
  }));
}

async function readInChunks(blob: Blob, say: (progress: ProjectImportProgress) => void, signal?: AbortSignal): Promise<Uint8Array> {
  const out = new Uint8Array(blob.size);
  say({ phase: 'reading', done: 0, total: blob.size });
  for (let done = 0; done < blob.size; ) {
    signal?.throwIfAborted();
    const chunk = await readBlob(blob.slice(done, done + READ_CHUNK), 'the zip file');
    out.set(chunk, done);
    done += chunk.byteLength;
    say({ phase: 'reading', done, total: blob.size });
  }
  return out;
}

/** An entry for a picked file (a Blob, bytes or text). */
export function pickedEntry(file: PickedFile): SourceEntry {
  const { data } = file;
  if (typeof data === 'string') {
    const bytes = new TextEncoder().encode(data);
    return { path: file.path, kind: 'file', size: bytes.length, mode: file.mode, read: async () => bytes };
  }
  if (data instanceof Uint8Array) {
    return { path: file.path, kind: 'file', size: data.length, mode: file.mode, read: async () => data };
  }
  return { path: file.path, kind: 'file', size: data.size, mode: file.mode, read: () => readBlob(data, file.path) };
}

async function readBlob(blob: Blob, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await blob.arrayBuffer());
  } catch (error) {
    throw new ImportError(
      'read_failed',
      `Reading ${what} failed (${error instanceof Error ? error.message : String(error)}). Nothing was ` +
        'imported: the file may have been moved or changed since it was picked; pick it again.',
    );
  }
}
