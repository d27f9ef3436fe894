// The frozen labelled corpus (tests/fixtures/risk/corpus/risk-commands.jsonl, see its README) and our own labelled cases.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RiskLevel } from '../../../src/core/run';
import { loadShellParser, rateCommandWith, type ShellParser } from '../../../src/risk';
import { LEVELS } from '../../../src/risk/verdict';

interface Labelled {
  risk: RiskLevel;
  command: string;
}

function readCases(url: URL): Labelled[] {
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Labelled);
}

const CORPUS = new URL('../../fixtures/risk/corpus/risk-commands.jsonl', import.meta.url);
const OURS = new URL('../../fixtures/risk/commands.jsonl', import.meta.url);

let parser: ShellParser;
beforeAll(async () => {
  parser = await loadShellParser();
});

/** Rows: the label; columns: our rating. */
function confusion(cases: Labelled[]): { matrix: number[][]; rated: RiskLevel[] } {
  const matrix = LEVELS.map(() => LEVELS.map(() => 0));
  const rated = cases.map((c) => rateCommandWith(parser, c.command).level);
  cases.forEach((c, i) => matrix[LEVELS.indexOf(c.risk)][LEVELS.indexOf(rated[i])]++);
  return { matrix, rated };
}

function printMatrix(title: string, matrix: number[][]): void {
  const pad = (s: string | number) => String(s).padStart(8);
  const lines = [`${title} (rows: label, columns: rated)`, pad('') + LEVELS.map(pad).join('')];
  matrix.forEach((row, i) => lines.push(pad(LEVELS[i]) + row.map(pad).join('')));
  console.log(lines.join('\n'));
}

/** The SHA-256 of the frozen corpus as copied from the shared one (see its README). */
const CORPUS_SHA256 = '1b05c565251574a4200b6ca177aa8142c5f28040c2acb32b04ed9dcb5120627d';

describe('the frozen corpus', () => {
  it('is the frozen copy, unchanged', () => {
    expect(createHash('sha256').update(readFileSync(CORPUS)).digest('hex')).toBe(CORPUS_SHA256);
  });

  it('rates every high command high, and at most 5% of the others high', () => {
    const cases = readCases(CORPUS);
    expect(cases.length).toBeGreaterThan(200);
    const { matrix, rated } = confusion(cases);
    const high = cases.filter((c) => c.risk === 'high');
    const others = cases.filter((c) => c.risk !== 'high');
    const recall = high.filter((c) => rated[cases.indexOf(c)] === 'high').length / high.length;
    const falseHigh = others.filter((c) => rated[cases.indexOf(c)] === 'high').length / others.length;
    const exact = cases.filter((c, i) => rated[i] === c.risk).length / cases.length;
    console.log(`recall on high: ${(recall * 100).toFixed(1)}% (${high.length} commands); others rated high: ${(falseHigh * 100).toFixed(1)}% (${others.length} commands); exact level: ${(exact * 100).toFixed(1)}%`);
    printMatrix('corpus', matrix);
    const missed = high.filter((c) => rated[cases.indexOf(c)] !== 'high').map((c) => c.command);
    expect(missed).toEqual([]);
    expect(falseHigh).toBeLessThanOrEqual(0.05);
  });
});

describe('our own labelled cases (tests/fixtures/risk/commands.jsonl)', () => {
  it('rates each at exactly its label', () => {
    const cases = readCases(OURS);
    const { matrix, rated } = confusion(cases);
    printMatrix('our cases', matrix);
    const wrong = cases.map((c, i) => ({ command: c.command, label: c.risk, rated: rated[i] })).filter((c) => c.label !== c.rated);
    expect(wrong).toEqual([]);
  });
});
