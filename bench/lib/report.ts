/** The report: the table on the console, bench/results.json, and docs/benchmarks.md. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import type { Measured, Row } from './stats';

const ROOT = resolve(import.meta.dirname, '../..');

/** Where and when the benchmarks ran, for the report. */
export interface RunInfo {
  started: Date;
  seconds: number;
  chromium: string;
  loadBefore: number[];
  loadAfter: number[];
  failures: { name: string; error: string }[];
}

export function machineLoad(): number[] {
  return loadavg().map((n) => Math.round(n * 100) / 100);
}

const fmtNum = (n: number) => (Number.isFinite(n) ? String(n) : '—');

/** The table as Markdown rows (also printed on the console). */
export function table(measured: Measured[]): string {
  const lines = ['| name | value | unit | baseline | ratio | target | met | note |', '|---|---:|---|---:|---:|---|---|---|'];
  for (const { name, row, note } of measured) {
    lines.push(`| \`${name}\` | ${fmtNum(row.value)} | ${row.unit} | ${fmtNum(row.baseline)} | ${fmtNum(row.ratio)} | ${row.target} | ${row.met ? 'yes' : '**no**'} | ${note ?? ''} |`);
  }
  return lines.join('\n');
}

export function writeResults(measured: Measured[]): void {
  const results: Record<string, Row> = {};
  for (const { name, row } of measured) results[name] = row;
  writeFileSync(resolve(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
}

/** docs/benchmarks.md: bench/doc-template.md with the table, the run's figures, the machine and bench/findings.md filled in. */
export function writeDocs(measured: Measured[], info: RunInfo): void {
  const template = readFileSync(resolve(ROOT, 'bench/doc-template.md'), 'utf8');
  const figures = measured.map(({ name, details }) => [`- \`${name}\``, ...(details ?? []).map((d) => `  - ${d}`)].join('\n')).join('\n');
  const failures = info.failures.length
    ? `\n**Rows that could not be measured in this run:**\n\n${info.failures.map((f) => `- \`${f.name}\`: ${f.error}`).join('\n')}\n`
    : '';
  const machine =
    `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${info.chromium}; ` +
    `load average ${info.loadBefore.join(' / ')} before and ${info.loadAfter.join(' / ')} after ` +
    `(other work was running on the machine: treat small differences as noise)`;
  const findingsPath = resolve(ROOT, 'bench/findings.md');
  const findings = existsSync(findingsPath) ? readFileSync(findingsPath, 'utf8').trim() : '';
  const text = template
    .replace('{{FINDINGS}}', findings)
    .replace('{{TABLE}}', table(measured) + failures)
    .replace('{{FIGURES}}', figures)
    .replace('{{MACHINE}}', machine)
    .replace('{{WHEN}}', `${info.started.toISOString().replace(/\.\d+Z$/, 'Z')}, ${Math.round(info.seconds)} s`);
  writeFileSync(resolve(ROOT, 'docs/benchmarks.md'), text);
}
