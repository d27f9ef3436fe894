// The labelled sets: the frozen corpus (tests/fixtures/risk/corpus/, see its README), our own second set
// written from public sources (tests/fixtures/risk/own-commands.jsonl, each line with its source and licence),
// and our older exact-level cases (tests/fixtures/risk/commands.jsonl). Recall on high and false highs are
// printed for each set (docs/risk.md quotes them).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RiskLevel } from '../../../src/core/run';
import { loadShellParser, rateCommandWith, type ShellParser } from '../../../src/risk';
import { LEVELS } from '../../../src/risk/verdict';

interface Labelled {
  risk: RiskLevel;
  command: string;
  source?: string;
  licence?: string;
}

function readCases(url: URL): Labelled[] {
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Labelled);
}

const CORPUS = new URL('../../fixtures/risk/corpus/risk-commands.jsonl', import.meta.url);
const OWN = new URL('../../fixtures/risk/own-commands.jsonl', import.meta.url);
const OURS = new URL('../../fixtures/risk/commands.jsonl', import.meta.url);
/** The SHA-256 of the frozen corpus as copied from the shared one (see its README). */
const CORPUS_SHA256 = '1b05c565251574a4200b6ca177aa8142c5f28040c2acb32b04ed9dcb5120627d';

let parser: ShellParser;
beforeAll(async () => {
  parser = await loadShellParser();
});

interface Scores {
  rated: RiskLevel[];
  matrix: number[][];
  /** High commands not rated high. */
  missed: string[];
  /** Other commands rated high. */
  falseHigh: string[];
  recall: number;
  falseHighRate: number;
  exact: number;
}

/** Rates every case; rows of the matrix are the label, columns our rating. */
function score(cases: Labelled[]): Scores {
  const matrix = LEVELS.map(() => LEVELS.map(() => 0));
  const rated = cases.map((c) => rateCommandWith(parser, c.command).level);
  cases.forEach((c, i) => matrix[LEVELS.indexOf(c.risk)][LEVELS.indexOf(rated[i])]++);
  const high = cases.filter((c) => c.risk === 'high');
  const missed = cases.filter((c, i) => c.risk === 'high' && rated[i] !== 'high').map((c) => c.command);
  const falseHigh = cases.filter((c, i) => c.risk !== 'high' && rated[i] === 'high').map((c) => c.command);
  return {
    rated,
    matrix,
    missed,
    falseHigh,
    recall: (high.length - missed.length) / high.length,
    falseHighRate: falseHigh.length / (cases.length - high.length),
    exact: cases.filter((c, i) => rated[i] === c.risk).length / cases.length,
  };
}

function report(title: string, cases: Labelled[], s: Scores): void {
  const pad = (v: string | number) => String(v).padStart(8);
  const high = cases.filter((c) => c.risk === 'high').length;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `${title}: recall on high ${pct(s.recall)} (${high} commands); others rated high ${pct(s.falseHighRate)} (${cases.length - high} commands); exact level ${pct(s.exact)}`,
    `${title} (rows: label, columns: rated)`,
    pad('') + LEVELS.map(pad).join(''),
    ...s.matrix.map((row, i) => pad(LEVELS[i]) + row.map(pad).join('')),
  ];
  console.log(lines.join('\n'));
}

describe('the frozen corpus', () => {
  it('is the frozen copy, unchanged', () => {
    expect(createHash('sha256').update(readFileSync(CORPUS)).digest('hex')).toBe(CORPUS_SHA256);
  });

  it('rates every high command high, none of the others high, and each at exactly its label', () => {
    const cases = readCases(CORPUS);
    expect(cases.length).toBe(263);
    const s = score(cases);
    report('frozen corpus', cases, s);
    expect(s.missed).toEqual([]);
    expect(s.falseHighRate).toBeLessThanOrEqual(0.05);
    const wrong = cases.map((c, i) => ({ command: c.command, label: c.risk, rated: s.rated[i] })).filter((c) => c.label !== c.rated);
    expect(wrong).toEqual([]);
  });
});

describe('our own second set (tests/fixtures/risk/own-commands.jsonl)', () => {
  const cases = readCases(OWN);

  it('has at least 300 commands, none from the frozen corpus, each with its source and licence', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const frozen = new Set(readCases(CORPUS).map((c) => c.command));
    expect(cases.filter((c) => frozen.has(c.command)).map((c) => c.command)).toEqual([]);
    expect(cases.filter((c) => !c.source?.trim() || !c.licence?.trim() || !LEVELS.includes(c.risk)).map((c) => c.command)).toEqual([]);
    expect(new Set(cases.map((c) => c.command)).size).toBe(cases.length);
  });

  it('rates every high command high (100 % recall), and at most 5 % of the others high', () => {
    const s = score(cases);
    report('own set', cases, s);
    expect(s.missed).toEqual([]);
    expect(s.falseHigh.length / (cases.length - cases.filter((c) => c.risk === 'high').length)).toBeLessThanOrEqual(0.05);
  });
});

describe('our exact-level cases (tests/fixtures/risk/commands.jsonl)', () => {
  it('rates each at exactly its label', () => {
    const cases = readCases(OURS);
    const s = score(cases);
    report('exact-level cases', cases, s);
    const wrong = cases.map((c, i) => ({ command: c.command, label: c.risk, rated: s.rated[i] })).filter((c) => c.label !== c.rated);
    expect(wrong).toEqual([]);
  });
});
