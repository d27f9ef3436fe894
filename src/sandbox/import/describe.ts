/** One-line descriptions of an import, for the page and the timeline. */
import { formatBytes, type ImportSummary } from './types';

/** "Imported 12 files (34.5 KB) from myproject.zip — the contents of myproject/; 1 replaced." */
export function describeImport(summary: ImportSummary): string {
  const files = summary.imported === 1 ? '1 file' : `${summary.imported} files`;
  const parts = [`Imported ${files} (${formatBytes(summary.bytes)}) from ${summary.source}`];
  if (summary.root !== undefined) parts[0] += ` — the contents of ${summary.root}/`;
  const extra: string[] = [];
  if (summary.overwritten > 0) extra.push(`${summary.overwritten} replaced`);
  if (summary.skipped.length > 0) extra.push(`${summary.skipped.length} skipped`);
  if (summary.refused.length > 0) extra.push(`${summary.refused.length} refused`);
  if (summary.warnings.length > 0) extra.push(`${summary.warnings.length} ${summary.warnings.length === 1 ? 'warning' : 'warnings'}`);
  return extra.length > 0 ? `${parts[0]}; ${extra.join(', ')}.` : `${parts[0]}.`;
}
