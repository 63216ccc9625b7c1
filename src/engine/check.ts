import type { SheetModel } from './model/sheet';
import type { Grid, GridCoverage, GridSummary } from './model/grid';
import type { Finding, FindingSummary, Severity } from './model/finding';
import { summarise } from './model/finding';
import type { OutturnConfig } from './model/config';
import { a1, columnLetters, rangeA1 } from './model/address';
import { isOwnSheet } from './own-sheets';
import { discoverGrids } from './discovery/grids';
import { deadlineFor, periodEnd } from './calendar/working-days';
import { annotationSet } from './values';
import { normaliseHeader } from './text';
import { FAMILIES, RULES, RULES_BY_ID } from './rules';
import { buildContext } from './rules/context';
import { currentPeriodPosition, periodTargetColumn } from './rules/current-period';
import { signoffOutstanding } from './rules/timeliness';
import { coverageTotals, gridCoverage, type CoverageTotals } from './rules/coverage';
import { ownerUnassigned, returnOwners } from './rules/owners';
import type { SignoffState, Timeline } from './rules/types';

export type { SignoffState } from './rules/types';

export interface CheckOptions {
  /** Only this sheet (by name, case-insensitive). */
  sheet?: string;
  /** 'YYYY-MM-DD' standing in for today when config.asOf is not set (tests, the CLI's clock). */
  today: string;
  /**
   * The sign-off state, from a caller that knows the audit trail; enables the signoff-outstanding rule.
   * A function is given the grids this check found, so the caller need not find them again.
   */
  signoff?: SignoffState | ((grids: readonly Grid[]) => SignoffState);
  /**
   * Keep at most this many findings (the first by sheet, row, column and rule); the summary
   * still counts all. For reports only: sign-off needs every finding, so it never sets this.
   */
  findingsKept?: number;
}

export interface CheckResult {
  /** Every grid found, in sheet order. */
  grids: Grid[];
  /** JSON-ready summaries of those grids. */
  gridSummaries: GridSummary[];
  /** Sorted by sheet, then row, then column, then rule. */
  findings: Finding[];
  summary: FindingSummary;
  /** How many findings the check made, when more than `findingsKept` (then `findings` holds the first of them). */
  findingsFound?: number;
  /** Number of indicator rows checked. */
  indicators: number;
  /** Plain sentences about what could not be checked ("No metric collection grid found on sheet 'Notes'."). */
  notices: string[];
  /** Which of `notices` (by index) say that a sheet holds no grid: callers showing a no-grid state of their own leave them out. */
  noGridNotices?: number[];
  /** Period, as-of date and deadline the timeliness rules used, as resolved. */
  timeline: { period?: string; asOf: string; deadline?: string };
  /** Each grid's coverage, in the order of `grids` (set by checkWorkbook; optional for results built by hand). */
  gridCoverage?: GridCoverage[];
  /** Figure cells checked and not, over every grid. */
  coverage?: CoverageTotals;
}

/** Findings in report order: sheet, row, column, then rule. */
function byPosition(a: Placed, b: Placed): number {
  return (
    a.sheet - b.sheet ||
    a.row - b.row ||
    a.col - b.col ||
    (a.finding.rule < b.finding.rule ? -1 : a.finding.rule > b.finding.rule ? 1 : 0)
  );
}

function severityCount(sev: Severity): 'errors' | 'warnings' | 'info' {
  return sev === 'error' ? 'errors' : sev === 'warning' ? 'warnings' : 'info';
}

export function gridSummary(grid: Grid): GridSummary {
  const columns: Record<string, string> = {};
  for (const [role, col] of Object.entries(grid.columns)) if (col !== undefined) columns[role] = columnLetters(col);
  for (const p of grid.periods) columns[`period:${p.label}`] = columnLetters(p.col);
  for (const t of grid.periodTargets ?? [])
    if (t.col !== grid.columns.target) columns[`target:${t.label}`] = columnLetters(t.col);
  for (const b of grid.bodies ?? []) {
    columns[`body:${b.label}`] = columnLetters(b.col);
    if (b.status !== undefined) columns[`status:${b.label}`] = columnLetters(b.status);
  }
  if (grid.bodyTotal) columns[grid.bodyTotal.kind] = columnLetters(grid.bodyTotal.col);
  return {
    sheet: grid.sheet,
    range: rangeA1(grid.top, grid.left, grid.bottom, grid.right),
    headerRow: grid.headerRow + 1,
    columns,
    indicators: grid.indicatorRows.length,
    unrecognised: (grid.unrecognisedColumns ?? []).map((col) => ({
      column: columnLetters(col),
      header: grid.headers[col] ?? '',
    })),
  };
}

interface Placed {
  finding: Finding;
  sheet: number;
  row: number;
  col: number;
}

/**
 * The period, as-of date and deadline a grid is checked against. The configured fixed
 * deadline wins over deadlineDays, except where it falls on or before the last day of the
 * reporting period (it cannot be that period's deadline: it was set for an earlier one);
 * then deadlineDays working days after the period ends are used, and `notices` says so.
 */
function resolveTimeline(
  config: OutturnConfig,
  today: string,
  period: string | undefined,
  notices?: Set<string>,
): Timeline {
  const t: Timeline = { asOf: config.asOf ?? today };
  if (period) {
    t.period = period;
    let fixed = config.deadline;
    if (fixed && fixed <= periodEnd(period)) {
      notices?.add(
        `The configured deadline ${fixed} is not after the end of the reporting period ${period} (${periodEnd(period)}), so it cannot be its deadline: ${config.deadlineDays} working days after the period ends were used instead.`,
      );
      fixed = undefined;
    }
    t.deadline = deadlineFor(period, config.deadlineDays, fixed, config.nation);
  } else if (config.deadline) t.deadline = config.deadline;
  return t;
}

/** Find every metric collection grid on the sheets and check it with the configured rule set. */
export function checkWorkbook(sheets: SheetModel[], config: OutturnConfig, options: CheckOptions): CheckResult {
  const notices: string[] = [];
  const wanted = options.sheet?.toLowerCase();
  const chosen = sheets.filter((s) => !isOwnSheet(s.name) && (wanted === undefined || s.name.toLowerCase() === wanted));
  if (wanted !== undefined && chosen.length === 0) notices.push(`There is no sheet called '${options.sheet}'.`);

  const severity = new Map<string, Severity>();
  for (const r of RULES) {
    const setting = config.rules[r.id];
    if (setting && setting.enabled === false) continue;
    severity.set(r.id, setting?.severity ?? r.severity);
  }
  for (const id of Object.keys(config.rules)) {
    if (!RULES_BY_ID.has(id))
      notices.push(`The configuration names a rule that does not exist ('${id}'); it is ignored.`);
  }
  const enabled = (rule: string) => severity.has(rule);
  // A family whose rules are all switched off is not run: a rule turned off costs nothing.
  const families = FAMILIES.filter((family) => family.rules.some((r) => enabled(r.id)));
  const annotations = annotationSet(config.annotations);

  const placed: Placed[] = [];
  // A cap on what is kept: past it, findings are sorted and cut, and any that sorts after the
  // last one kept is only counted (a return with every percentage typed as text makes a
  // finding a cell; docs/BENCHMARKS.md, "Large inputs").
  const kept = options.findingsKept ?? Infinity;
  const counts = { errors: 0, warnings: 0, info: 0 };
  let made = 0;
  let cutoff: Placed | null = null;
  const cut = () => {
    placed.sort(byPosition);
    placed.length = kept;
    cutoff = placed[kept - 1];
  };
  const grids: Grid[] = [];
  const coverages = new Map<Grid, GridCoverage>();
  let timeline: Timeline | null = null;
  const mappingsUsed = new Set<string>();
  const noGridNotices: number[] = [];
  const timelineNotices = new Set<string>();
  chosen.forEach((sheet, sheetIndex) => {
    const found = discoverGrids(sheet, config);
    if (found.grids.length === 0) for (let i = 0; i < found.notices.length; i++) noGridNotices.push(notices.length + i);
    notices.push(...found.notices);
    for (const k of found.mappingsUsed) mappingsUsed.add(k);
    for (const grid of found.grids) {
      grids.push(grid);
      const gridTimeline = resolveTimeline(
        config,
        options.today,
        config.period ?? grid.periodFromTitle,
        timelineNotices,
      );
      timeline ??= gridTimeline;
      if (!gridTimeline.period && grid.columns.dateSubmitted !== undefined) {
        notices.push(
          `No reporting period is known for the grid on sheet '${sheet.name}' (set one in the configuration or with --period, or give the sheet a title such as "Results up to July 2017"), so submission dates were not checked.`,
        );
      }
      if (grid.columns.target === undefined && grid.periodTargets?.length) {
        // Targets labelled by period: the current period's is the target the figures are judged against.
        const pos =
          grid.columns.latest === undefined ? currentPeriodPosition(sheet, grid, gridTimeline.period, annotations) : -1;
        const col = periodTargetColumn(grid, pos >= 0 ? grid.periods[pos] : null);
        if (col !== undefined) grid.columns.target = col;
      }
      const ctx = buildContext(sheet, grid, config, annotations, gridTimeline);
      const emit = (rule: string, row: number, col: number | null, ref: string | null, message: string) => {
        const sev = severity.get(rule);
        if (!sev) return;
        made++;
        counts[severityCount(sev)]++;
        if (cutoff && byPosition({ sheet: sheetIndex, row, col: col ?? -1, finding: { rule } as Finding }, cutoff) > 0)
          return;
        const info = RULES_BY_ID.get(rule)!;
        placed.push({
          finding: {
            sheet: sheet.name,
            cell: col === null ? null : a1(row, col),
            rule,
            dimension: info.dimension,
            severity: sev,
            ref,
            message,
          },
          sheet: sheetIndex,
          row,
          col: col ?? -1,
        });
        if (placed.length > kept + Math.max(1000, kept >> 2)) cut();
      };
      for (const family of families) family.check(ctx, emit, enabled);
      coverages.set(grid, gridCoverage(sheet, grid, annotations));
    }
  });
  for (const key of Object.keys(config.columns)) {
    if (chosen.length > 0 && !mappingsUsed.has(normaliseHeader(key))) {
      notices.push(
        `The column mapping names '${key}', but no grid has a header or column of that name; it was not used.`,
      );
    }
  }
  const resolved: Timeline = timeline ?? resolveTimeline(config, options.today, config.period, timelineNotices);
  notices.push(...timelineNotices);
  if (grids.length > 0 && enabled('signoff-outstanding')) {
    const message = signoffOutstanding(
      resolved,
      typeof options.signoff === 'function' ? options.signoff(grids) : options.signoff,
    );
    if (message) {
      placed.push({
        finding: {
          sheet: grids[0].sheet,
          cell: null,
          rule: 'signoff-outstanding',
          dimension: 'timeliness',
          severity: severity.get('signoff-outstanding')!,
          ref: null,
          message,
        },
        sheet: Number.MAX_SAFE_INTEGER,
        row: 0,
        col: 0,
      });
      made++;
      counts[severityCount(severity.get('signoff-outstanding')!)]++;
    }
  }
  // About who signs: only where the return can be signed (a caller that knows the trail), as signoff-outstanding.
  const unassigned =
    options.signoff && enabled('owner-unassigned') ? ownerUnassigned(returnOwners(grids, chosen, config)) : null;
  if (unassigned) {
    const sev = severity.get('owner-unassigned')!;
    const finding: Finding = {
      sheet: grids[0].sheet,
      cell: null,
      rule: 'owner-unassigned',
      dimension: 'completeness',
      severity: sev,
      ref: null,
      message: unassigned,
    };
    placed.push({ finding, sheet: Number.MAX_SAFE_INTEGER, row: 0, col: 0 });
    made++;
    counts[severityCount(sev)]++;
  }
  placed.sort(byPosition);
  if (placed.length > kept) placed.length = kept;
  const findings = placed.map((p) => p.finding);
  let indicators = 0;
  for (const g of grids) indicators += g.indicatorRows.length;
  return {
    grids,
    gridSummaries: grids.map(gridSummary),
    gridCoverage: grids.map((g) => coverages.get(g)!),
    findings,
    summary: kept === Infinity ? summarise(findings) : counts,
    ...(made > findings.length ? { findingsFound: made } : {}),
    indicators,
    notices,
    ...(noGridNotices.length ? { noGridNotices } : {}),
    timeline: resolved,
    coverage: coverageTotals([...coverages.values()]),
  };
}
