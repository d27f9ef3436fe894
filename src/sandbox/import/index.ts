/**
 * Bring your own project: import a zip or a folder into the work dir, or write a map of files
 * (`execute({files})`). Paths leaving the work dir are refused, heavy folders skipped, caps enforced,
 * and everything is checked and read before the first write; a failed write puts the work dir back.
 */
import type { Sandbox } from '../sandbox';
import { applyPlan } from './apply';
import { planInWorker } from './off-thread';
import { planImport, type ImportPlan } from './plan';
import { pickedEntry, planSource } from './plan-source';
import {
  resolveImportOptions,
  type ImportOptions,
  type ImportSource,
  type ImportSummary,
  type ResolvedImportOptions,
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
  const plan = await planOffThread(source, resolved);
  const root = source.kind === 'files' ? source.root : plan.root;
  const walked = source.kind === 'files' ? (source.skipped ?? []) : [];
  const applied = await applyPlan(sandbox, plan, resolved);
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
  const applied = await applyPlan(sandbox, plan, resolved);
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

/** Where workers exist (the page), a source is read and checked in one; elsewhere (Node, tests) right here. */
function planOffThread(source: ImportSource, options: ResolvedImportOptions): Promise<ImportPlan> {
  if (typeof Worker === 'undefined') return planSource(source, options);
  const start = () => new Worker(new URL('./plan-worker.ts', import.meta.url), { type: 'module', name: 'autopilot-project-import' });
  return planInWorker(start, source, options);
}
