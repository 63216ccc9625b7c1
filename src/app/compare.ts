/**
 * The return over time: this return compared with the previous one (a previous file given
 * explicitly). One place decides what differs, what is a restatement and what the
 * reliability findings are; `outturn compare`, `outturn check --previous` and the pane
 * only render it.
 */
import { checkWorkbook } from '../engine/check';
import type { Grid } from '../engine/model/grid';
import { summarise, type Finding } from '../engine/model/finding';
import {
  compareSnapshots,
  reliabilityFindings,
  snapshotReturn,
  unrecordedRestatements,
  type PreviousSignature,
  type Restatement,
  type ReturnComparison,
  type ReturnDifference,
} from '../engine/rules/reliability';
import { ROLE_TITLES } from '../signoff/roles';
import { verifyTrail, type LoadedTrail, type TrailRecord } from '../signoff/trail';
import type { ReturnCheck } from './check';
import { findingPosition, labelIndicators } from './findings';
import type { WorkbookSource } from './ports';
import { compareWithTrail, restatementsOf } from './reference';

export { restatementsOf };

export type { ReturnDifference, Restatement, PreviousSignature };

/** A return as compared: its figures and, for an .xlsx, its trail (undefined for a CSV, null when unreadable). */
export interface ComparedReturn {
  source: WorkbookSource;
  trail?: LoadedTrail | null;
  /** The grids a check has already found, so they are not found again. */
  grids?: readonly Grid[];
}

export interface ReturnsCompared {
  comparison: ReturnComparison;
  /** Every difference by indicator and period. */
  differences: ReturnDifference[];
  /** The reliability findings (restatements recorded in this return's trail taken into account). */
  findings: Finding[];
  /** Figures of already-reported periods changed with no restatement recorded. */
  unrecorded: ReturnDifference[];
  restatements: Restatement[];
  /** Indicators found in each return. */
  indicators: { previous: number; current: number };
}

/** The records of a trail that could be read (a broken trail still lists them; the audit says it is broken). */
function recordsOf(trail: LoadedTrail | null | undefined): TrailRecord[] {
  return trail ? verifyTrail(trail.entries, trail.head).records : [];
}

/** The signatures standing in a trail (each role's latest, not withdrawn): who signed the previous figures. */
export function standingSignatures(records: readonly TrailRecord[]): PreviousSignature[] {
  const withdrawn = new Set(records.flatMap((r) => (r.type === 'withdraw' ? [r.payload.signSeq] : [])));
  const out: PreviousSignature[] = [];
  for (const r of records)
    if (r.type === 'sign' && !withdrawn.has(r.seq) && r.actor)
      out.push({ name: r.actor.name, role: ROLE_TITLES[r.payload.role].toLowerCase(), at: r.at });
  return out;
}

function gridsOf(r: ComparedReturn, today: string): readonly Grid[] {
  return r.grids ?? checkWorkbook(r.source.sheets, r.source.config, { today }).grids;
}

/** Compare the previous return with this one. */
export function compareReturns(previous: ComparedReturn, current: ComparedReturn, today: string): ReturnsCompared {
  const before = snapshotReturn(previous.source.sheets, gridsOf(previous, today));
  const now = snapshotReturn(current.source.sheets, gridsOf(current, today));
  const comparison = compareSnapshots(before, now);
  const restatements = restatementsOf(recordsOf(current.trail));
  const signedBy = standingSignatures(recordsOf(previous.trail));
  return {
    comparison,
    differences: comparison.differences,
    findings: reliabilityFindings(comparison, current.source.config, restatements, signedBy),
    unrecorded: unrecordedRestatements(comparison, restatements),
    restatements,
    indicators: { previous: before.length, current: now.length },
  };
}

/**
 * A check with the reliability findings against a previous return added: the findings
 * join the check's, its counts and its labels, so every report shows them like any other.
 */
export function withPreviousReturn(
  check: ReturnCheck,
  current: Omit<ComparedReturn, 'grids'>,
  previous: ComparedReturn,
  today: string,
): ReturnCheck {
  const compared = compareReturns(previous, { ...current, grids: check.result.grids }, today);
  return withFindings(check, current.source, compared.findings);
}

/**
 * A check with its reference: the previous return when one is given, else the last
 * sign-off the return's own trail holds (src/app/reference.ts); unchanged when there is neither.
 */
export function withReference(
  check: ReturnCheck,
  current: Omit<ComparedReturn, 'grids'>,
  previous: ComparedReturn | undefined,
  today: string,
): ReturnCheck {
  if (previous) return withPreviousReturn(check, current, previous, today);
  const records = recordsOf(current.trail);
  if (records.length === 0) return check;
  const compared = compareWithTrail({ source: current.source, grids: check.result.grids }, records);
  return compared ? withFindings(check, current.source, compared.findings) : check;
}

function withFindings(check: ReturnCheck, source: WorkbookSource, found: Finding[]): ReturnCheck {
  if (found.length === 0) return check;
  // In report order (sheet, row, column), so each indicator's findings stay together.
  const sheetOrder = new Map(source.sheets.map((sh, i) => [sh.name, i]));
  const place = (f: Finding) => {
    const at = findingPosition(f);
    return [sheetOrder.get(f.sheet) ?? -1, at?.row ?? -1, at?.col ?? -1];
  };
  const findings = [...check.result.findings, ...found]
    .map((f) => ({ f, p: place(f) }))
    .sort((a, b) => a.p[0] - b.p[0] || a.p[1] - b.p[1] || a.p[2] - b.p[2])
    .map((x) => x.f);
  const extra = summarise(found);
  const summary = {
    errors: check.result.summary.errors + extra.errors,
    warnings: check.result.summary.warnings + extra.warnings,
    info: check.result.summary.info + extra.info,
  };
  const labels = new Map(check.labels);
  for (const [k, v] of labelIndicators(source.sheets, check.result.grids, found)) labels.set(k, v);
  return {
    ...check,
    result: {
      ...check.result,
      findings,
      summary,
      ...(check.result.findingsFound !== undefined ? { findingsFound: check.result.findingsFound + found.length } : {}),
    },
    labels,
  };
}
