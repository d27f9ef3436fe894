/**
 * Bring your own project: import a zip or a folder into the work dir, or write a map of files
 * (`execute({files})`). Paths leaving the work dir are refused, heavy folders skipped, caps enforced,
 * and everything is checked and read before the first write; a failed write puts the work dir back.
 */
import type { Sandbox } from '../sandbox';
import { applyPlan } from './apply';
import { planImport, type SourceEntry } from './plan';
import { checkEntryCount, declaredEntryCount, readZipDirectory } from './zip-read';

/** The end record and the longest comment fit in this many last bytes of an archive. */
const END_RECORD_REACH = 22 + 0xffff;
import {
  ImportError,
  resolveImportOptions,
  type ImportOptions,
  type ImportSource,
  type ImportSummary,
  type PickedFile,
} from './types';

export * from './types';
export { safePath } from './paths';
export { describeImport } from './describe';
export {
  isZipFile,
  sourceFromDirectoryHandle,
  sourceFromDrop,
  sourceFromFileList,
  type DirectoryHandle,
  type DropEntry,
  type FolderFile,
} from './folder';

/** Import a zip or a picked folder into the sandbox's work dir; throws ImportError when nothing could be. */
export async function importProject(
  sandbox: Sandbox,
  source: ImportSource,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const resolved = resolveImportOptions(options);
  const entries = source.kind === 'zip' ? await zipEntries(source.data) : source.files.map(pickedEntry);
  const plan = await planImport(entries, {
    ...resolved,
    stripRoot: source.kind === 'zip' && resolved.stripSingleRoot,
    skipHeavy: true,
  });
  const root = source.kind === 'files' ? source.root : plan.root;
  const walked = source.kind === 'files' ? (source.skipped ?? []) : [];
  const applied = await applyPlan(sandbox, plan, resolved.signal);
  return {
    source: source.name,
    imported: applied.files.length,
    bytes: applied.files.reduce((sum, file) => sum + file.data.length, 0),
    overwritten: applied.overwritten,
    dirs: plan.emptyDirs.length,
    ...(root !== undefined ? { root } : {}),
    skipped: [...walked, ...plan.skipped],
    refused: [...plan.refused, ...applied.refused],
    warnings: applied.warnings,
  };
}

/**
 * Write `files` (path → text or bytes) into the work dir, as `execute({files})` does before the first
 * step: the same path rules and caps as an import, no folder skipped, no root stripped.
 */
export async function writeFiles(
  sandbox: Sandbox,
  files: Record<string, string | Uint8Array>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const picked = Object.entries(files).map(([path, data]) => ({ path, data }));
  const resolved = resolveImportOptions(options);
  const plan = await planImport(picked.map(pickedEntry), { ...resolved, stripRoot: false, skipHeavy: false });
  const applied = await applyPlan(sandbox, plan, resolved.signal);
  return {
    source: 'files',
    imported: applied.files.length,
    bytes: applied.files.reduce((sum, file) => sum + file.data.length, 0),
    overwritten: applied.overwritten,
    dirs: 0,
    skipped: plan.skipped,
    refused: [...plan.refused, ...applied.refused],
    warnings: applied.warnings,
  };
}

/** The archive's entries; one that lists too many is refused from its last bytes, before the rest is read. */
async function zipEntries(data: Blob | Uint8Array): Promise<SourceEntry[]> {
  if (!(data instanceof Uint8Array)) {
    const tail = await readBlob(data.slice(Math.max(0, data.size - END_RECORD_REACH)), 'the zip file');
    const declared = declaredEntryCount(tail);
    if (declared !== undefined) checkEntryCount(declared);
  }
  const bytes = data instanceof Uint8Array ? data : await readBlob(data, 'the zip file');
  return readZipDirectory(bytes).map((entry) => ({
    path: entry.name,
    kind: entry.kind,
    size: entry.size,
    mode: entry.mode,
    unsupported: entry.unsupported,
    read: () => entry.read(),
  }));
}

function pickedEntry(file: PickedFile): SourceEntry {
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
