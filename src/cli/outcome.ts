import type { SpcChart } from '../app/spc-chart';
import type { CheckResult } from '../engine/check';
import { findingPosition, rowKey, type IndicatorLabel } from '../app/findings';
import { roleInWords } from './role-words';
import type { OutturnConfig } from '../engine/model/config';
import type { Finding, FindingSummary } from '../engine/model/finding';
import type { GridCoverage, GridSummary } from '../engine/model/grid';
import type { CoverageTotals } from '../engine/rules/coverage';

/** One input file after `outturn check`: checked, or not usable with the reason. */
export type FileOutcome = CheckedFile | UnusableFile;

export interface CheckedFile {
  ok: true;
  file: string;
  kind: 'xlsx' | 'csv';
  result: CheckResult;
  config: OutturnConfig;
  /** The ref and description of each indicator row a finding is about, for headings in the text and HTML reports (app/findings.ts rowKey). */
  indicators: Map<string, IndicatorLabel>;
  timings: { parseMs: number; modelMs: number; checkMs: number };
  marked?: { out: string; cells: number };
  /** XmR charts of the indicators with an spc-* finding (app/spc-chart.ts). */
  spcCharts?: SpcChart[];
  /** How many findings the check made, when there were more than the report keeps (check.ts FINDINGS_KEPT). */
  findingsFound?: number;
}

export type { IndicatorLabel };

/**
 * The indicator row a finding is about, when its cell sits on one: findings are grouped by
 * row rather than by ref, so two indicators sharing a ref (a duplicate-ref error) or an
 * indicator with no ref still get their own heading.
 */
export function indicatorOf(o: CheckedFile, f: Finding): { key: string; label: IndicatorLabel } | null {
  const at = findingPosition(f);
  if (at === null) return null;
  const key = rowKey(f.sheet, at.row);
  const label = o.indicators.get(key);
  return label ? { key, label } : null;
}

/** "CS01 — Percentage of invoices paid within 30 days", "(no ref) — …", or just the ref. */
export function indicatorHeading(ref: string | null, label: IndicatorLabel | null): string {
  const r = ref ?? label?.ref ?? '(no ref)';
  const d = label?.description;
  return d ? `${r} — ${d}` : r;
}

export interface UnusableFile {
  ok: false;
  file: string;
  /** The whole sentence, as printed after "outturn: ". */
  error: string;
}

/** The DESIGN.md JSON contract for one file, keys in the documented order and nothing else. */
export interface FileReportJson {
  grids: (Omit<GridSummary, 'unrecognised'> & {
    unrecognised?: GridSummary['unrecognised'];
    coverage?: GridCoverage;
  })[];
  findings: Pick<Finding, 'sheet' | 'cell' | 'rule' | 'dimension' | 'severity' | 'ref' | 'message'>[];
  summary: FindingSummary;
  /** Figure cells checked and not over the file (issue #21), after the contract's keys; only where a grid was found. */
  coverage?: CoverageTotals & { complete: boolean };
}

export function fileReportJson(r: CheckResult): FileReportJson {
  return {
    // `unrecognised` (headers mapped to no role) only where there are some, so a fully understood grid keeps the documented keys.
    grids: r.gridSummaries.map((g, i) => ({
      sheet: g.sheet,
      range: g.range,
      headerRow: g.headerRow,
      columns: { ...g.columns },
      indicators: g.indicators,
      ...(g.unrecognised?.length ? { unrecognised: g.unrecognised.map((u) => ({ ...u })) } : {}),
      // Coverage (issue #21) after the documented keys, so that they and their values stay as they were.
      ...(r.gridCoverage?.[i] ? { coverage: r.gridCoverage[i] } : {}),
    })),
    findings: r.findings.map(findingJson),
    summary: { errors: r.summary.errors, warnings: r.summary.warnings, info: r.summary.info },
    ...(r.coverage && r.gridSummaries.length > 0
      ? { coverage: { ...r.coverage, complete: r.coverage.uncheckedCells === 0 } }
      : {}),
  };
}

/** One finding as the JSON contract has it (report-json.ts writes them one at a time). */
export function findingJson(f: Finding): FileReportJson['findings'][number] {
  return {
    sheet: f.sheet,
    cell: f.cell,
    rule: f.rule,
    dimension: f.dimension,
    severity: f.severity,
    ref: f.ref,
    message: f.message,
  };
}

export interface Totals extends FindingSummary {
  files: number;
  unusable: number;
  indicators: number;
}

export function totals(outcomes: readonly FileOutcome[]): Totals {
  const t: Totals = { files: outcomes.length, unusable: 0, errors: 0, warnings: 0, info: 0, indicators: 0 };
  for (const o of outcomes) {
    if (!o.ok) {
      t.unusable++;
      continue;
    }
    t.errors += o.result.summary.errors;
    t.warnings += o.result.summary.warnings;
    t.info += o.result.summary.info;
    t.indicators += o.result.indicators;
  }
  return t;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "not recognised: `Value` (F), `Previous Value` (G)", or '' when every header was understood. */
export function unrecognisedText(g: GridSummary): string {
  const u = g.unrecognised ?? [];
  return u.length ? `not recognised: ${u.map((c) => `\`${c.header}\` (${c.column})`).join(', ')}` : '';
}

/** "3 errors, 1 warning, 0 info" */
export function countsLine(s: FindingSummary): string {
  return `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.info} info`;
}

/**
 * A grid's mapping in words: "ref A, description B, periods Apr–Mar D–O, ytd P, target Q".
 * Period columns are shown as one run when they sit side by side.
 */
export function mappingText(g: GridSummary): string {
  const parts: string[] = [];
  const periods: [string, string][] = [];
  for (const [role, letter] of Object.entries(g.columns)) {
    if (role.startsWith('period:')) periods.push([role.slice(7), letter]);
    else parts.push(`${roleInWords(role)} ${letter}`);
  }
  if (periods.length === 1) parts.push(`period ${periods[0][0]} ${periods[0][1]}`);
  else if (periods.length > 1) {
    const [first, last] = [periods[0], periods[periods.length - 1]];
    parts.push(`periods ${first[0]}–${last[0]} ${first[1]}–${last[1]} (${periods.length})`);
  }
  return parts.join(', ');
}
