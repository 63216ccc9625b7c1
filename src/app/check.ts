/**
 * Check a return: one pass that finds the grids once, judges the sign-off from the trail
 * over those same grids, runs the rules, and labels the indicators the findings are about.
 * The command line, the pane and the ribbon all check through here.
 */
import { grouped } from '../engine/format';
import { checkWorkbook, type CheckResult } from '../engine/check';
import type { Grid } from '../engine/model/grid';
import { NOTHING_SIGNED, signoffForCheck, signoffForGrids } from '../signoff/outstanding';
import type { LoadedTrail } from '../signoff/trail';
import type { Notice } from './codes';
import { labelIndicators, type IndicatorLabel } from './findings';
import type { WorkbookSource } from './ports';

export interface CheckInput {
  source: WorkbookSource;
  /**
   * The audit trail as read with the figures: undefined where the return can never be
   * signed (a CSV has nowhere to keep one, so the sign-off is not judged), null where it
   * could not be read (the sign-off is not judged, and a notice says so).
   */
  trail: LoadedTrail | null | undefined;
  /** 'YYYY-MM-DD' standing in for today when the configuration sets no as-of date. */
  today: string;
  /** Only this sheet (the command line's --sheet). */
  sheet?: string;
  /** Keep at most this many findings for a report (the counts stay those of all). */
  findingsKept?: number;
  /** Label the indicators the findings are about (the command line's reports head findings with them). */
  labels?: boolean;
  /** The engine's check (a host may hand in its own, as the workbench does); checkWorkbook by default. */
  engine?: typeof checkWorkbook;
}

export interface ReturnCheck {
  result: CheckResult;
  /** The engine's notices, in its order, each with a code. */
  notices: Notice[];
  /** How many findings the check made, when more than it kept. */
  findingsFound?: number;
  /** Ref and description of each indicator row a finding is about (findings.ts rowKey), when asked for. */
  labels: Map<string, IndicatorLabel>;
}

/** The one line that says a report lists only the first findings. */
export function findingsCutNotice(kept: number, found: number): string {
  const n = grouped;
  return `${n(found)} findings, more than a report can keep: the first ${n(kept)} are listed and the counts are of all ${n(found)}; fix what they show (often one mistake repeated down a column) and check again.`;
}

export function checkReturn(input: CheckInput): ReturnCheck {
  const { source, trail } = input;
  const workbook = source.allSheets ? { allSheets: source.allSheets } : undefined;
  // The grids this check finds judge the sign-off, unless it looks at one sheet only: the
  // sign-off is the whole return's, so then every sheet's grids are found for it.
  const signoff =
    trail === undefined || trail === null
      ? undefined
      : trail.entries.length === 0
        ? NOTHING_SIGNED
        : input.sheet === undefined
          ? (grids: readonly Grid[]) => signoffForGrids(trail, source.sheets, workbook, () => grids, source.config)
          : signoffForCheck(trail, source.sheets, source.config, workbook);
  const engine = input.engine ?? checkWorkbook;
  const result = engine(source.sheets, source.config, {
    sheet: input.sheet,
    today: input.today,
    signoff,
    findingsKept: input.findingsKept,
  });
  const noGrid = new Set(result.noGridNotices);
  const notices: Notice[] = result.notices.map((text, i) => ({ code: noGrid.has(i) ? 'no-grid' : 'engine', text }));
  if (trail === null)
    notices.push({
      code: 'trail-unreadable',
      text: 'The audit trail could not be read, so whether sign-off is outstanding was not checked.',
    });
  const found = result.findingsFound ?? result.findings.length;
  const kept = input.findingsKept ?? Infinity;
  if (found > kept) notices.push({ code: 'findings-cut', text: findingsCutNotice(kept, found) });
  return {
    result,
    notices,
    ...(found > kept ? { findingsFound: found } : {}),
    labels: input.labels ? labelIndicators(source.sheets, result.grids, result.findings) : new Map(),
  };
}
