import type { Grid } from '../../src/engine/model/grid';
import type { SheetModel } from '../../src/engine/model/sheet';
import { makeCell, isoDateToSerial } from '../../src/engine/model/cell';
import type { Finding } from '../../src/engine/model/finding';
import type { CheckedFigures } from '../../src/signoff/rules';
import { configDigest, fingerprintGrids } from '../../src/signoff/fingerprint';

/**
 * A small performance grid as the engine would see it (title, header on row 3, four
 * indicators), built directly as a SheetModel and Grid so the sign-off tests do not
 * depend on grid discovery.
 */
export function performanceSheet(overrides: Record<string, unknown> = {}): { sheet: SheetModel; grid: Grid } {
  const rows: unknown[][] = [
    ['Results up to July 2017'],
    [],
    ['Ref', 'Indicator', 'Apr', 'May', 'Jun', 'Jul', 'Target', 'Floor', 'RAG', 'Date submitted', 'Commentary'],
    [
      'PI 1',
      'Household waste recycled',
      0.41,
      0.43,
      0.44,
      0.45,
      0.45,
      0.4,
      'GREEN',
      isoDateToSerial('2017-08-09'),
      null,
    ],
    [
      'PI 2',
      'Days to process benefit claims',
      12,
      11.5,
      13,
      12.4,
      12,
      15,
      'AMBER',
      isoDateToSerial('2017-08-10'),
      'Staff vacancies',
    ],
    [
      'PI 3',
      'Missed bin collections',
      140,
      133,
      150,
      'Snapshot data',
      120,
      160,
      'AMBER',
      isoDateToSerial('2017-08-10'),
      'Snapshot',
    ],
    ['PI 4', 'Council tax collected', 0.11, 0.2, 0.29, { error: '#DIV/0!' }, 0.38, 0.35, 'RED', null, null],
  ];
  for (const [addr, v] of Object.entries(overrides)) {
    const m = /^([A-Z])(\d+)$/.exec(addr)!;
    const r = Number(m[2]) - 1;
    const c = m[1].charCodeAt(0) - 65;
    rows[r] = rows[r] ?? [];
    rows[r][c] = v;
  }
  const pct = new Set([2, 3, 4, 5, 6, 7]);
  const cells = rows.map((row, r) =>
    row.map((v, c) => {
      if (v && typeof v === 'object' && 'error' in (v as object))
        return makeCell((v as { error: string }).error, 'General', true, true);
      const fmt =
        c === 9 && r > 2 ? 'dd/mm/yyyy' : pct.has(c) && r === 3 ? '0%' : pct.has(c) && r === 6 ? '0.0%' : 'General';
      return makeCell(v, fmt);
    }),
  );
  const sheet: SheetModel = { name: 'Performance', top: 0, left: 0, cells };
  const grid: Grid = {
    sheet: 'Performance',
    headerRow: 2,
    top: 2,
    left: 0,
    bottom: 6,
    right: 10,
    headers: {},
    columns: { ref: 0, description: 1, target: 6, floor: 7, rag: 8, dateSubmitted: 9, commentary: 10 },
    periods: [],
    indicatorRows: [3, 4, 5, 6],
    titles: ['Results up to July 2017'],
    mappingSource: {},
  };
  return { sheet, grid };
}

export const WARNINGS: Finding[] = [
  {
    sheet: 'Performance',
    cell: 'F5',
    rule: 'outlier',
    dimension: 'accuracy',
    severity: 'warning',
    ref: 'PI 2',
    message: 'Jul value 12.4 is far from this indicator’s history: explain it in the commentary.',
  },
  {
    sheet: 'Performance',
    cell: 'K7',
    rule: 'missingCommentary',
    dimension: 'completeness',
    severity: 'warning',
    ref: 'PI 4',
    message: 'RAG is RED but there is no commentary.',
  },
];

export function figures(opts: { overrides?: Record<string, unknown>; findings?: Finding[] } = {}): CheckedFigures {
  const { sheet, grid } = performanceSheet(opts.overrides);
  const findings = opts.findings ?? [];
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return {
    fingerprint: fingerprintGrids([grid], [sheet]),
    counts: { errors, warnings, info: findings.length - errors - warnings, indicators: 4 },
    configDigest: configDigest({ deadlineDays: 10 }),
    grids: ['Performance!A3:K7'],
    findings,
    source: 'cli',
  };
}

// ---------------------------------------------------------------------------------
// Workbook-level helpers for the storage and cross-implementation tests.

import ExcelJS from 'exceljs';
import { cellAt as cellAtSheet } from '../../src/engine/model/sheet';
import { sheetFromExcelJS } from '../support/sheet-from-exceljs';
import type { Simulator, SimWorkbook } from '../../src/simulator';

/**
 * The grids of a sheet found the simple way (a header row whose first cell is 'Ref', the
 * indicator rows under it that have a ref and a description), so the storage tests do
 * not depend on the engine's discovery. Good for the fixtures' layouts.
 */
export function simpleGrids(sheet: SheetModel): Grid[] {
  const grids: Grid[] = [];
  const bottom = sheet.top + sheet.cells.length - 1;
  const text = (r: number, c: number) => {
    const cell = cellAtSheet(sheet, r, c);
    return cell.kind === 'text' ? String(cell.value).trim() : '';
  };
  for (let r = 0; r <= bottom; r++) {
    if (text(r, 0) !== 'Ref') continue;
    let right = 0;
    while (cellAtSheet(sheet, r, right + 1).kind !== 'empty') right++;
    const rows: number[] = [];
    let end = r;
    for (let i = r + 1; i <= bottom && text(i, 0) !== 'Ref'; i++) {
      if (text(i, 0) && cellAtSheet(sheet, i, 1).kind !== 'empty' && cellAtSheet(sheet, i, 2).kind !== 'empty') {
        rows.push(i);
        end = i;
      }
    }
    grids.push({
      sheet: sheet.name,
      headerRow: r,
      top: r,
      left: 0,
      bottom: end,
      right,
      headers: {},
      columns: { ref: 0, description: 1 },
      periods: [],
      indicatorRows: rows,
      titles: [],
      mappingSource: {},
    });
  }
  return grids;
}

/** What the Office.js adapter hands the engine: SheetModels read from the simulator's cells. */
export function sheetsFromSimulator(wb: SimWorkbook): SheetModel[] {
  return wb.sheets
    .filter((s) => s.visibility !== 'VeryHidden' && !s.name.startsWith('Outturn'))
    .map((s) => ({
      name: s.name,
      top: 0,
      left: 0,
      cells: s.rows.map((row) =>
        (row ?? []).map((c) =>
          c ? makeCell(c.value, c.format ?? 'General', c.formula || false, Boolean(c.error)) : undefined,
        ),
      ),
    }));
}

export function sheetsFromExcelJS(wb: ExcelJS.Workbook): SheetModel[] {
  return wb.worksheets
    .filter((w) => w.state !== 'veryHidden' && !w.name.startsWith('Outturn'))
    .map((w) => sheetFromExcelJS(w));
}

/** Figures (fingerprint of the simple grids, no findings) of a workbook's sheets. */
export function figuresOf(
  sheets: SheetModel[],
  source: 'add-in' | 'cli' = 'add-in',
  findings: Finding[] = [],
): CheckedFigures {
  const grids = sheets.flatMap(simpleGrids);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return {
    fingerprint: fingerprintGrids(grids, sheets),
    counts: { errors, warnings, info: 0, indicators: grids.reduce((n, g) => n + g.indicatorRows.length, 0) },
    configDigest: configDigest({}),
    grids: grids.map((g) => `${g.sheet}!A${g.top + 1}`),
    findings,
    source,
  };
}

/**
 * The simulator's workbook as an ExcelJS workbook (values, formats, formulas with their
 * cached results, errors, visibility), as Excel would save it; plus the chain head name's
 * formula, which ExcelJS cannot hold and the caller writes with writeHeadIntoXlsx.
 */
export function simulatorToExcelJS(sim: Simulator): { wb: ExcelJS.Workbook; headFormula: string | null } {
  const wb = new ExcelJS.Workbook();
  for (const s of sim.workbook.sheets) {
    const ws = wb.addWorksheet(s.name, {
      state: s.visibility === 'VeryHidden' ? 'veryHidden' : s.visibility === 'Hidden' ? 'hidden' : 'visible',
    });
    s.rows.forEach((row, r) => {
      (row ?? []).forEach((c, col) => {
        if (!c) return;
        const cell = ws.getRow(r + 1).getCell(col + 1);
        const value: ExcelJS.CellValue = c.error ? ({ error: String(c.value) } as ExcelJS.CellErrorValue) : c.value;
        cell.value = c.formula ? ({ formula: c.formula.replace(/^=/, ''), result: value } as ExcelJS.CellValue) : value;
        if (c.format && c.format !== 'General') cell.numFmt = c.format;
      });
    });
  }
  const head = sim.workbook.names.find((n) => n.name === 'OutturnTrailHead');
  return { wb, headFormula: head?.formula ?? null };
}
