import { z } from 'zod';

export const Dimension = z.enum(['accuracy', 'completeness', 'timeliness', 'reliability']);
export type Dimension = z.infer<typeof Dimension>;

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

/**
 * One thing a check found. `cell` is an A1 address on `sheet` ('H7'), or null for a
 * finding about the whole grid or workbook (a sign-off still outstanding).
 */
export interface Finding {
  sheet: string;
  cell: string | null;
  rule: string;
  dimension: Dimension;
  severity: Severity;
  /** The indicator's ref ('PI 12'), or null when the finding is not about one indicator. */
  ref: string | null;
  /** A sentence a compiler understands, naming the expected value where there is one. */
  message: string;
}

export interface FindingSummary {
  errors: number;
  warnings: number;
  info: number;
}

export function summarise(findings: readonly Finding[]): FindingSummary {
  const s = { errors: 0, warnings: 0, info: 0 };
  for (const f of findings) {
    if (f.severity === 'error') s.errors++;
    else if (f.severity === 'warning') s.warnings++;
    else s.info++;
  }
  return s;
}

/** What the catalogue (docs/RULES.md, the Settings tab) knows of each rule. */
export interface RuleInfo {
  id: string;
  dimension: Dimension;
  severity: Severity;
  title: string;
  /** What it checks, one or two sentences. */
  description: string;
  /** An example message. */
  example: string;
}
