import type ExcelJS from 'exceljs';
import { checkWorkbook, type CheckOptions, type CheckResult } from '../../src/engine/check';
import { parseConfig, type OutturnConfigInput } from '../../src/engine/model/config';
import type { Finding } from '../../src/engine/model/finding';
import type { SheetModel } from '../../src/engine/model/sheet';
import { makeCell } from '../../src/engine/model/cell';
import { sheetsOf, MELTON_AS_OF } from '../fixtures';

export function config(input: OutturnConfigInput = {}) {
  const r = parseConfig(input);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.config;
}

/** Check a workbook as a real .xlsx would be read (after a round trip). */
export async function checkBook(
  wb: ExcelJS.Workbook,
  cfg: OutturnConfigInput = {},
  options: Partial<CheckOptions> = {},
): Promise<CheckResult> {
  return checkWorkbook(await sheetsOf(wb), config(cfg), { today: MELTON_AS_OF, ...options });
}

export function brief(findings: readonly Finding[]): { cell: string | null; rule: string; severity: string }[] {
  return findings.map((f) => ({ cell: f.cell, rule: f.rule, severity: f.severity }));
}

export function only(result: CheckResult, rule: string): Finding[] {
  return result.findings.filter((f) => f.rule === rule);
}

/** Set cells on the first worksheet: value, and optionally a number format. */
export function edit(
  wb: ExcelJS.Workbook,
  cells: Record<string, ExcelJS.CellValue | [ExcelJS.CellValue, string]>,
  sheet?: string,
): ExcelJS.Workbook {
  const ws = sheet ? wb.getWorksheet(sheet)! : wb.worksheets[0];
  for (const [address, v] of Object.entries(cells)) {
    const c = ws.getCell(address);
    if (Array.isArray(v)) {
      c.value = v[0];
      c.numFmt = v[1];
    } else c.value = v;
  }
  return wb;
}

/** A sheet built straight from rows of raw values (strings, numbers, [value, format] pairs), for discovery tests. */
export function sheet(name: string, rows: unknown[][], top = 0, left = 0): SheetModel {
  return {
    name,
    top,
    left,
    cells: rows.map((r) =>
      r.map((v) => (Array.isArray(v) ? makeCell(v[0], v[1] as string) : v === undefined ? undefined : makeCell(v))),
    ),
  };
}
