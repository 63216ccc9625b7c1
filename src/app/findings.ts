/**
 * Findings as the use cases hand them out: the engine's finding with where it is (0-based
 * row and column), its rule id from the catalogue's own list, and the indicator it is about.
 */
import { parseA1 } from '../engine/model/address';
import { cellAt, type SheetModel } from '../engine/model/sheet';
import type { Finding } from '../engine/model/finding';
import type { Grid } from '../engine/model/grid';

/** Every rule id of the catalogue (src/engine/rules, docs/RULES.md); a test keeps the two the same. */
export const RULE_IDS = [
  'excel-error',
  'number-stored-as-text',
  'unrecognised-text',
  'percent-out-of-range',
  'scale-mismatch',
  'kind-uncertain',
  'negative-count',
  'fractional-count',
  'missing-value',
  'missing-target',
  'missing-floor',
  'missing-ref',
  'missing-description',
  'missing-owner',
  'missing-commentary',
  'period-gap',
  'compiler-is-checker',
  'dot-mismatch',
  'dot-unrecognised',
  'duplicate-ref',
  'outlier',
  'rag-mismatch',
  'rag-unrecognised',
  'range-mismatch',
  'ratio-mismatch',
  'submitted-late',
  'not-submitted',
  'submitted-before-period-end',
  'submitted-after-as-of',
  'signoff-outstanding',
  'ytd-mismatch',
  'figures-not-checked',
  'status-word-unknown',
  'change-mismatch',
  'body-figure-missing',
  'body-outlier',
  'body-status-mismatch',
  'body-total-mismatch',
  'body-total-unclear',
  'owner-unassigned',
  'restated-figure',
  'restatement-recorded',
  'target-changed',
  'commentary-unchanged',
  'indicator-added',
  'indicator-removed',
  'scale-jump',
  'scale-jump-share',
  'formula-inconsistent',
  'formula-constant',
  'formula-sum-range',
  'formula-ref-empty',
  'formula-ref-outside',
  'formula-volatile',
  'formula-circular',
  'spc-outside-limits',
  'spc-run',
  'spc-trend',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Rules Excel itself applies (data validation), listed beside the catalogue's in the pane. */
export type HostRuleId = 'data-validation';

export function isRuleId(id: string): id is RuleId {
  return (RULE_IDS as readonly string[]).includes(id);
}

export interface IndicatorLabel {
  ref: string | null;
  description: string | null;
}

export interface ReturnFinding extends Finding {
  ruleId: RuleId | HostRuleId;
  /** 0-based row and column on `sheet`, or null for a finding about no one cell. */
  row: number | null;
  column: number | null;
  /** The indicator row the finding is on, when it is on one. */
  indicator: IndicatorLabel | null;
}

/** Key of an indicator row in a label map: sheet and 0-based row. */
export function rowKey(sheet: string, row: number): string {
  return `${sheet}\u0000${row}`;
}

/** Where a finding is, or null when it is about no one cell. */
export function findingPosition(f: Pick<Finding, 'cell'>): { row: number; col: number } | null {
  return f.cell ? parseA1(f.cell) : null;
}

/**
 * Ref and description of each indicator row a finding is about. Only those: the labels
 * outlive the sheet, and labelling every row of a very large return kept far more labels
 * than any report names.
 */
export function labelIndicators(
  sheets: readonly SheetModel[],
  grids: readonly Grid[],
  findings: readonly Finding[],
): Map<string, IndicatorLabel> {
  const map = new Map<string, IndicatorLabel>();
  const named = new Set<string>();
  for (const f of findings) {
    const at = findingPosition(f);
    if (at) named.add(rowKey(f.sheet, at.row));
  }
  if (named.size === 0) return map;
  // Replace only where there is whitespace to collapse: a regex replace makes a new string
  // even when nothing changes, where the cell's own string costs a label nothing more.
  const text = (v: unknown) => {
    const t = v === null || v === undefined ? '' : String(v).trim();
    if (t === '') return null;
    return /\s\s|[^\S ]/.test(t) ? t.replace(/\s+/g, ' ') : t;
  };
  for (const g of grids) {
    const sheet = sheets.find((s) => s.name === g.sheet);
    if (!sheet) continue;
    const refCol = g.columns.ref;
    const descCol = g.columns.description;
    for (const row of g.indicatorRows) {
      const key = rowKey(g.sheet, row);
      if (!named.has(key)) continue;
      map.set(key, {
        ref: refCol === undefined ? null : text(cellAt(sheet, row, refCol).value),
        description: descCol === undefined ? null : text(cellAt(sheet, row, descCol).value),
      });
    }
  }
  return map;
}

function ruleIdOf(rule: string): RuleId | HostRuleId {
  if (isRuleId(rule) || rule === 'data-validation') return rule;
  // A rule the list above does not know is a rule added without adding its id here.
  throw new Error(`The rule '${rule}' is not in the rule catalogue's list of ids (src/app/findings.ts).`);
}

/** The finding with its place, its typed rule id and its indicator's label. */
export function typedFinding(f: Finding, labels: ReadonlyMap<string, IndicatorLabel>): ReturnFinding {
  const at = findingPosition(f);
  return {
    ...f,
    ruleId: ruleIdOf(f.rule),
    row: at?.row ?? null,
    column: at?.col ?? null,
    indicator: at ? (labels.get(rowKey(f.sheet, at.row)) ?? null) : null,
  };
}
