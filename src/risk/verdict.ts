import type { RiskLevel } from '../core/run';
import type { RiskVerdict } from '../core/events';

export const LEVELS: readonly RiskLevel[] = ['none', 'low', 'medium', 'high'];

/** One thing the rules noticed about an action. */
export interface Finding {
  level: RiskLevel;
  reason: string;
}

/** 0 for none … 3 for high. */
export function rank(level: RiskLevel): number {
  return LEVELS.indexOf(level);
}

export function maxLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return rank(a) >= rank(b) ? a : b;
}

/** The verdict of a set of findings: the highest level, with the reasons given at that level. */
export function verdictOf(findings: readonly Finding[], quiet = 'reads only'): RiskVerdict {
  if (findings.length === 0) return { level: 'none', reasons: [quiet] };
  const level = findings.reduce<RiskLevel>((max, f) => maxLevel(max, f.level), 'none');
  const reasons = [...new Set(findings.filter((f) => f.level === level).map((f) => f.reason))];
  return { level, reasons: reasons.slice(0, 6) };
}

/** The stricter of two verdicts; on a tie, the reasons of both. */
export function stricter(a: RiskVerdict, b: RiskVerdict): RiskVerdict {
  if (rank(a.level) > rank(b.level)) return a;
  if (rank(b.level) > rank(a.level)) return b;
  return { level: a.level, reasons: [...new Set([...a.reasons, ...b.reasons])] };
}

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}
