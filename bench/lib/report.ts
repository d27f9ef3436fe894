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

/**
 * `--only … --record`: the measured rows replace (or join) their own rows in docs/benchmarks.md and
 * bench/results.json; the other rows stay as the last full run left them, and the run line says which rows are
 * newer and on what load.
 */
export function recordRows(measured: Measured[], info: RunInfo): void {
  const docsPath = resolve(ROOT, 'docs/benchmarks.md');
  const old = readFileSync(docsPath, 'utf8');
  const names = new Set(measured.map((m) => m.name));
  const header = '| name | value | unit | baseline | ratio | target | met | note |';
  const tableStart = old.indexOf(header);
  const tableEnd = old.indexOf('\n\n', tableStart);
  const newRows = table(measured).split('\n').slice(2);
  const rows = old.slice(tableStart, tableEnd).split('\n').slice(2).filter((line) => !names.has(line.match(/^\| `([^`]+)`/)?.[1] ?? ''));
  const figuresStart = old.indexOf('## Figures of this run\n\n') + '## Figures of this run\n\n'.length;
  const figuresEnd = old.indexOf('\n\n', figuresStart);
  const blocks = old.slice(figuresStart, figuresEnd).split(/\n(?=- `)/).filter((block) => !names.has(block.match(/^- `([^`]+)`/)?.[1] ?? ''));
  const figures = measured.map(({ name, details }) => [`- \`${name}\``, ...(details ?? []).map((d) => `  - ${d}`)].join('\n'));
  const runLine = old.match(/^Run: (.*)\. Machine: (.*)$/m);
  const when = `${info.started.toISOString().replace(/\.\d+Z$/, 'Z')}`;
  const again = `${[...names].map((n) => `\`${n}\``).join(', ')} measured again ${when} (load ${info.loadBefore.join(' / ')} before, ${info.loadAfter.join(' / ')} after)`;
  const template = readFileSync(resolve(ROOT, 'bench/doc-template.md'), 'utf8');
  const findingsPath = resolve(ROOT, 'bench/findings.md');
  const text = template
    .replace('{{FINDINGS}}', existsSync(findingsPath) ? readFileSync(findingsPath, 'utf8').trim() : '')
    .replace('{{TABLE}}', [header, '|---|---:|---|---:|---:|---|---|---|', ...rows, ...newRows].join('\n'))
    .replace('{{FIGURES}}', [...blocks, ...figures].join('\n'))
    .replace('{{MACHINE}}', (runLine?.[2] ?? '').replace(/\.$/, ''))
    .replace('{{WHEN}}', `${runLine?.[1] ?? ''}; ${again}`);
  writeFileSync(docsPath, text);
  const resultsPath = resolve(ROOT, 'bench/results.json');
  const results: Record<string, Row> = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};
  for (const { name, row } of measured) results[name] = row;
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
}
